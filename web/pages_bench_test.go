package web_test

import (
	"net/http"
	"testing"

	"portal/internal/demo"
	"portal/web/webtest"
)

// PERF-2: the rendering cost of the heavy list pages (activity log, a
// customer's subscriptions, invoices) on the demo data; with -cpuprofile
// this is where per-request work shows.
func BenchmarkListPages_PERF2(b *testing.B) {
	app := webtest.New(b)
	c := app.SignedIn("globaladmin@contoso.example")
	paths := []string{
		"/",
		"/activity",
		"/customers/" + demo.ID("customer:adatum.com") + "/subscriptions",
		"/billing/invoices",
		"/customers",
	}
	for _, path := range paths {
		b.Run(path, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if r := c.Get(path); r.Status != http.StatusOK {
					b.Fatalf("status %d", r.Status)
				}
			}
		})
	}
}
