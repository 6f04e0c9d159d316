package web_test

import (
	"net/http"
	"slices"
	"testing"
	"time"

	"github.com/google/uuid"

	"portal/internal/demo"
	"portal/internal/software"
	"portal/web/webtest"
)

// softwareRows reads a Software tab page (see pageRows).
func softwareRows(r *webtest.Response) (ids []string, prev, next string) {
	return pageRows(r, "#software-list tbody tr", "data-id", "")
}

// PERF-6, SW-1: a customer's Software tab comes in keyset pages of 50,
// newest first: Next walks every purchase once, in order, purchases bought
// at the same moment included; Previous from the second page is the first.
func TestCustomerSoftwarePages_PERF6(t *testing.T) {
	t.Parallel()
	app := webtest.New(t)
	base := loadPurchase(t, app, swWindowsServer)
	for i := range 130 {
		p := base
		// Pairs bought at the same second: the ID breaks the tie.
		p.ID, p.PurchasedAt = uuid.NewString(), base.PurchasedAt.Add(-time.Duration(i/2)*time.Hour)
		if err := app.DB.Create(&p).Error; err != nil {
			t.Fatal(err)
		}
	}
	var want []string
	if err := app.DB.Model(&software.Purchase{}).Where("customer_id = ?", base.CustomerID).
		Order("purchased_at DESC, id DESC").Pluck("id", &want).Error; err != nil {
		t.Fatal(err)
	}
	c := app.SignedIn("globaladmin@contoso.example")
	first := c.Get("/customers/"+demo.ID("customer:adatum.com")+"/software").Expect(t, http.StatusOK)
	firstIDs, prev, next := softwareRows(first)
	if len(firstIDs) != 50 || prev != "" || next == "" {
		t.Fatalf("first page: %d rows, prev %q, next %q", len(firstIDs), prev, next)
	}
	got := firstIDs
	var second string
	for next != "" {
		if second == "" {
			second = next
		}
		var ids []string
		ids, _, next = softwareRows(c.Get(next).Expect(t, http.StatusOK))
		got = append(got, ids...)
	}
	if !slices.Equal(got, want) {
		t.Fatalf("the pages list %d purchases, want the %d in order", len(got), len(want))
	}
	_, prev, _ = softwareRows(c.Get(second).Expect(t, http.StatusOK))
	if ids, p, _ := softwareRows(c.Get(prev).Expect(t, http.StatusOK)); !slices.Equal(ids, firstIDs) || p != "" {
		t.Errorf("Previous from page 2 is not the first page (prev link %q)", p)
	}
}
