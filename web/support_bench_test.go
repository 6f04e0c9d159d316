package web_test

import (
	"context"
	"fmt"
	"net/http"
	"testing"
	"time"

	"portal/internal/demo"
	"portal/internal/support"
	"portal/web/webtest"
)

// SUP-2, PERF-1: the support list and a reservation page with 5,000
// requests for the partner: one page of 25 in a fixed number of queries.
func BenchmarkSupportPages(b *testing.B) {
	app := webtest.New(b)
	store := support.Store{DB: app.DB, Clock: app.Clock}
	for i := range 5000 {
		app.Clock.Advance(time.Second)
		_, err := store.Create(context.Background(), demo.ContosoID, testActor(), support.NewRequest{ProblemType: "billing",
			Severity: []string{"critical", "moderate", "minimal"}[i%3], Title: fmt.Sprintf("Request %d", i), ContactName: "A", ContactEmail: "a@b.example"}, nil)
		if err != nil {
			b.Fatal(err)
		}
	}
	c := app.SignedIn("globaladmin@contoso.example")
	for _, path := range []string{"/support", "/support?severity=critical&status=open", "/reservations/" + pharmaRes} {
		b.Run(path, func(b *testing.B) {
			for b.Loop() {
				if r := c.Get(path); r.Status != http.StatusOK {
					b.Fatalf("status %d", r.Status)
				}
			}
		})
	}
}
