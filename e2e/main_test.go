package e2e

import (
	_ "embed"
	"fmt"
	"os"
	"testing"

	"portal/web/webtest"
)

// axeJS is axe-core (npm axe-core, vendored: the tests run offline).
//
//go:embed testdata/axe.min.js
var axeJS string

// TestMain runs the browser tests on one shared Chromium, stopped when they
// are done. Every page a test visits goes through axe-core as it is shown
// and its HTML is kept; after the tests the Nu HTML Checker reads all of
// them in one run, and any error fails the package (UX-1).
func TestMain(m *testing.M) {
	if err := webtest.EnablePageChecks(axeJS); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	code := m.Run()
	webtest.CloseBrowser()
	errs, note := webtest.CheckCollectedHTML()
	if note != "" && testing.Verbose() {
		fmt.Println(note)
	}
	for _, e := range errs {
		fmt.Fprintln(os.Stderr, e)
	}
	if len(errs) > 0 {
		fmt.Fprintf(os.Stderr, "FAIL: %d HTML errors (UX-1)\n", len(errs))
		if code == 0 {
			code = 1
		}
	}
	os.Exit(code)
}
