package catalog_test

import (
	"context"
	"strings"
	"testing"

	"portal/internal/catalog"
	"portal/internal/demo"
	"portal/internal/testkit"
)

// CAT-8, PERF-1: what a customer owns, read for every catalog page and
// checkout, comes from the customer's subscriptions of the offers asked
// about, through the (partner, customer, offer) index on both engines:
// never from a range of the partner's subscriptions by status, which at a
// large reseller's size is hundreds of thousands of rows (SQLite without
// statistics chose that one when the filter named one more column), nor
// from all of the customer's subscriptions.
func TestOwnedOffersReadFromTheCustomersIndex_CAT8_PERF1(t *testing.T) {
	app := testkit.New(t)
	var all []catalog.Offer
	if err := app.DB.Order("id").Find(&all).Error; err != nil {
		t.Fatal(err)
	}
	if err := app.DB.Exec("ANALYZE").Error; err != nil {
		t.Fatal(err)
	}
	customer := demo.ID("customer:adatum.com")
	rec := testkit.RecordQueries(t, app.DB)
	owned, err := catalog.OwnedFor(context.Background(), app.DB, demo.ContosoID, customer, all)
	if err != nil {
		t.Fatal(err)
	}
	if len(owned) == 0 {
		t.Fatal("the demo customer owns none of the one-per-customer or base offers")
	}
	stmts := rec.Take()
	if len(stmts) != 1 {
		t.Fatalf("%d statements, want 1", len(stmts))
	}
	plan := strings.Join(testkit.Plan(t, app.DB, stmts[0]), "\n")
	want := "USING INDEX idx_subs_partner_customer_offer (partner_id=? AND customer_id=? AND offer_id=?)"
	if testkit.Postgres() {
		want = "using idx_subs_partner_customer_offer"
	}
	if !strings.Contains(plan, want) || strings.Contains(plan, "Seq Scan") {
		t.Fatalf("owned offers not read from the customer's range of its index (want %q):\n%s\n%s", want, plan, stmts[0].SQL)
	}
}
