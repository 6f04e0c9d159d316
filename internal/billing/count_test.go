package billing_test

import (
	"context"
	"fmt"
	"testing"

	"gorm.io/gorm"

	"portal/internal/billing"
	"portal/internal/testkit"
)

// countInvoices counts the invoices the long way, for comparison.
func countInvoices(t *testing.T, g *gorm.DB, where string, args ...any) int64 {
	t.Helper()
	var n int64
	if err := g.Model(&billing.Invoice{}).Where(where, args...).Count(&n).Error; err != nil {
		t.Fatal(err)
	}
	return n
}

// BILL-2, UX-4, PERF-6: the invoices list's count. Without a customer
// filter it is exact past any cap, read from the billed summary, for every
// period or one; an invoice whose credits bring its total to zero still
// counts; moving an invoice to another period or deleting it moves the
// count with it. A customer's invoices are counted up to the cap. Each
// figure agrees with a count of the invoices, on both engines.
func TestInvoiceCount_BILL2_UX4_PERF6(t *testing.T) {
	g := openDB(t)
	ctx := context.Background()
	l, s := billing.Ledger{DB: g}, &billing.Store{DB: g}
	post := func(partner, customer, when string, amount int64) billing.Line {
		t.Helper()
		line, err := l.Post(ctx, billing.Entry{PartnerID: partner, CustomerID: customer, At: at(when), Reason: "purchase", Description: "E3", Quantity: 1, Amount: billingCents(amount)})
		if err != nil {
			t.Fatal(err)
		}
		return line
	}
	for i := range 5 {
		c := fmt.Sprintf("c%d", i)
		post("p1", c, "2026-10-10T09:00:00Z", 1000)
		post("p1", c, "2026-11-10T09:00:00Z", 2000)
		post("p1", c, "2026-11-12T09:00:00Z", 500) // the same invoice
	}
	post("p2", "d1", "2026-11-10T09:00:00Z", 700) // another partner's
	zero := post("p1", "c9", "2026-12-02T09:00:00Z", 3000)
	post("p1", "c9", "2026-12-03T09:00:00Z", -3000)

	oct, nov, dec := at("2026-10-01T00:00:00Z"), at("2026-11-01T00:00:00Z"), at("2026-12-01T00:00:00Z")
	check := func(when string) {
		t.Helper()
		cases := []struct {
			name   string
			f      billing.Filter
			n      int64
			more   bool
			counts int64
		}{
			{"all", billing.Filter{}, 11, false, countInvoices(t, g, "partner_id = ?", "p1")},
			{"october", billing.Filter{Period: oct}, 5, false, countInvoices(t, g, "partner_id = ? AND period_start = ?", "p1", oct)},
			{"november", billing.Filter{Period: nov}, 5, false, countInvoices(t, g, "partner_id = ? AND period_start = ?", "p1", nov)},
			{"december, total zero", billing.Filter{Period: dec}, 1, false, countInvoices(t, g, "partner_id = ? AND period_start = ?", "p1", dec)},
			{"a customer, capped", billing.Filter{CustomerID: "c0"}, 1, true, 2},
		}
		for _, c := range cases {
			n, more, err := s.Count(ctx, "p1", c.f, 1)
			if err != nil {
				t.Fatal(err)
			}
			if when == "as posted" && (n != c.n || more != c.more) {
				t.Errorf("%s, %s: %d, more %v; want %d, more %v", when, c.name, n, more, c.n, c.more)
			}
			if !c.more && n != c.counts {
				t.Errorf("%s, %s: %d, the invoices count %d", when, c.name, n, c.counts)
			}
		}
	}
	check("as posted")

	// The summary's key serves both counts, read as the portal's SQLite
	// reads it, without statistics.
	rec := testkit.RecordQueries(t, g)
	for _, f := range []billing.Filter{{}, {Period: nov}} {
		if _, _, err := s.Count(ctx, "p1", f, 1000); err != nil {
			t.Fatal(err)
		}
	}
	for _, st := range rec.Take() {
		if plan := testkit.Plan(t, g, st); len(testkit.UnindexedSteps(plan)) > 0 {
			t.Errorf("the plan %q of\n%s reads a whole table", plan, st.SQL)
		}
	}

	// Corrections made in the database directly: one invoice moved to
	// another period, another deleted with its lines.
	var moved billing.Invoice
	if err := g.Where("partner_id = ? AND customer_id = ? AND period_start = ?", "p1", "c1", oct).Take(&moved).Error; err != nil {
		t.Fatal(err)
	}
	if err := g.Model(&billing.Invoice{}).Where("id = ?", moved.ID).Updates(map[string]any{"period_start": dec, "period_end": at("2027-01-01T00:00:00Z")}).Error; err != nil {
		t.Fatal(err)
	}
	if err := g.Where("invoice_id = ?", zero.InvoiceID).Delete(&billing.Line{}).Error; err != nil {
		t.Fatal(err)
	}
	if err := g.Where("id = ?", zero.InvoiceID).Delete(&billing.Invoice{}).Error; err != nil {
		t.Fatal(err)
	}
	check("after the corrections")
	if n, _, _ := s.Count(ctx, "p1", billing.Filter{Period: oct}, 1000); n != 4 {
		t.Errorf("october after moving one out: %d, want 4", n)
	}
	if n, _, _ := s.Count(ctx, "p1", billing.Filter{}, 1000); n != 10 {
		t.Errorf("all after deleting one: %d, want 10", n)
	}
}
