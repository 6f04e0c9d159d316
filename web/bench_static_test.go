package web_test

import (
	"net/http"
	"testing"

	"portal/web/webtest"
)

// PERF-7: the load benchmark's static yardstick is absent unless the server
// runs for a benchmark.
func TestBenchStaticOnlyInBenchMode_PERF7(t *testing.T) {
	t.Parallel()
	app := webtest.New(t)
	res := app.Client().Get("/static/bench/1000")
	if res.Status != http.StatusNotFound {
		t.Fatalf("status %d, want 404 outside bench mode", res.Status)
	}
}
