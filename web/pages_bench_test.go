package web_test

import (
	"io"
	"net/http"
	"net/http/httptest"
	"testing"

	"portal/internal/demo"
	"portal/web/webtest"
)

// PERF-2: the server's cost of the heavy list pages (activity log, a
// customer's subscriptions, invoices, the catalog) on the demo data, from
// the request to the last byte written; with -cpuprofile this is where
// per-request work shows. The pages are not parsed: only the server's work
// is measured.
func BenchmarkListPages_PERF2(b *testing.B) {
	app := webtest.New(b)
	c := app.SignedIn("globaladmin@contoso.example")
	session := &http.Cookie{Name: "portal_session", Value: c.Cookie("portal_session")}
	adatum := demo.ID("customer:adatum.com")
	paths := []string{
		"/",
		"/activity",
		"/activity?type=subscription.quantity_changed",
		"/customers/" + adatum + "/subscriptions",
		"/customers/" + adatum + "/catalog",
		"/billing/invoices",
		"/customers",
	}
	for _, path := range paths {
		b.Run(path, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				req := httptest.NewRequest(http.MethodGet, path, nil)
				req.AddCookie(session)
				w := &discard{header: http.Header{}}
				app.Server.ServeHTTP(w, req)
				if w.status != http.StatusOK {
					b.Fatalf("%s: status %d", path, w.status)
				}
			}
		})
	}
}

// discard is a response writer that keeps only the status.
type discard struct {
	header http.Header
	status int
}

func (d *discard) Header() http.Header { return d.header }
func (d *discard) WriteHeader(status int) {
	if d.status == 0 {
		d.status = status
	}
}
func (d *discard) Write(p []byte) (int, error) {
	d.WriteHeader(http.StatusOK)
	return io.Discard.Write(p)
}
