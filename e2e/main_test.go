package e2e

import (
	"os"
	"testing"

	"portal/web/webtest"
)

// TestMain runs the browser tests on one shared Chromium, stopped when they
// are done.
func TestMain(m *testing.M) {
	code := m.Run()
	webtest.CloseBrowser()
	os.Exit(code)
}
