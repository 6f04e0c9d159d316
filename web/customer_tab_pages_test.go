package web_test

import (
	"net/http"
	"slices"
	"testing"
	"time"

	"github.com/google/uuid"

	"portal/internal/reservations"
	"portal/internal/software"
	"portal/web/webtest"
)

// PERF-6, SW-1, RES-1: a customer's Software and Azure reservations tabs
// come in keyset pages of 50, newest first: Next walks every row once, in
// order, rows bought at the same moment included (the ID breaks the tie);
// Previous from the second page is the first.
func TestCustomerTabPages_PERF6(t *testing.T) {
	t.Parallel()
	app := webtest.New(t)
	type tab struct {
		path, sel, attr, prefix string
		want                    []string
	}
	// Pairs bought at the same moment, an hour apart.
	at := func(base time.Time, i int) time.Time { return base.Add(-time.Duration(i/2) * time.Hour) }
	sw := loadPurchase(t, app, swWindowsServer)
	res := getReservation(t, app, pharmaRes)
	for i := range 130 {
		p, r := sw, res
		p.ID, p.PurchasedAt = uuid.NewString(), at(sw.PurchasedAt, i)
		r.ID, r.PurchasedAt = uuid.NewString(), at(res.PurchasedAt, i)
		if err := app.DB.Create(&p).Error; err != nil {
			t.Fatal(err)
		}
		if err := app.DB.Create(&r).Error; err != nil {
			t.Fatal(err)
		}
	}
	tabs := []tab{
		{path: "/customers/" + sw.CustomerID + "/software", sel: "#software-list tbody tr", attr: "data-id"},
		{path: "/customers/" + res.CustomerID + "/reservations", sel: "#reservations tbody tr td:first-child a", attr: "href", prefix: "/reservations/"},
	}
	for i, model := range []any{&software.Purchase{}, &reservations.Reservation{}} {
		customer := []string{sw.CustomerID, res.CustomerID}[i]
		if err := app.DB.Model(model).Where("customer_id = ?", customer).
			Order("purchased_at DESC, id DESC").Pluck("id", &tabs[i].want).Error; err != nil {
			t.Fatal(err)
		}
	}
	c := app.SignedIn("globaladmin@contoso.example")
	for _, tb := range tabs {
		read := func(path string) (ids []string, prev, next string) {
			return pageRows(c.Get(path).Expect(t, http.StatusOK), tb.sel, tb.attr, tb.prefix)
		}
		firstIDs, prev, next := read(tb.path)
		if len(firstIDs) != 50 || prev != "" || next == "" {
			t.Fatalf("%s: first page: %d rows, prev %q, next %q", tb.path, len(firstIDs), prev, next)
		}
		got, second := firstIDs, next
		for next != "" {
			var ids []string
			ids, _, next = read(next)
			got = append(got, ids...)
		}
		if !slices.Equal(got, tb.want) {
			t.Fatalf("%s: the pages list %d rows, want the %d in order", tb.path, len(got), len(tb.want))
		}
		_, prev, _ = read(second)
		if ids, p, _ := read(prev); !slices.Equal(ids, firstIDs) || p != "" {
			t.Errorf("%s: Previous from page 2 is not the first page (prev link %q)", tb.path, p)
		}
	}
}
