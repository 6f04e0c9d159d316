package orders_test

import (
	"context"
	"maps"
	"strconv"
	"sync"
	"testing"

	"gorm.io/gorm"

	"portal/internal/demo"
	"portal/internal/orders"
	"portal/internal/perm"
	"portal/internal/testkit"
)

// summaryRows reads a summary table or its recount view as "key = value"
// lines, in Go, so the two compare whatever their order.
func summaryRows(t *testing.T, g *gorm.DB, query string) map[string]int64 {
	t.Helper()
	rows, err := g.Raw(query).Rows()
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	out := map[string]int64{}
	for rows.Next() {
		var a, b string
		var n int64
		if err := rows.Scan(&a, &b, &n); err != nil {
			t.Fatal(err)
		}
		if n != 0 {
			out[a+"|"+b] = n
		}
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// PERF-7: 16 checkouts of one partner at once, for 16 customers, each
// buying the same two offers, half of them in the opposite order (so the
// partner's summary rows are asked for in both orders), all succeed and
// all are in the database; the dashboard summaries still equal a recount
// of the subscriptions and invoices (PERF-6). On PostgreSQL these
// transactions queue on the partner's summary rows and must neither
// deadlock nor fail; on SQLite they queue for the writer.
func TestConcurrentCheckoutsOfOnePartner_PERF7(t *testing.T) {
	app := testkit.New(t)
	s := store(app)
	var custIDs []string
	if err := app.DB.Raw(`SELECT id FROM customers WHERE partner_id = ? AND relationship = 'active' AND segment = 'commercial' ORDER BY id LIMIT 16`, demo.ContosoID).
		Scan(&custIDs).Error; err != nil {
		t.Fatal(err)
	}
	if len(custIDs) < 16 {
		t.Fatalf("%d commercial customers with an active relationship, want 16", len(custIDs))
	}
	a := orders.RequestLine{OfferID: offer("m365-e3"), Quantity: 2, Frequency: "monthly"}
	b := orders.RequestLine{OfferID: offer("m365-e5"), Quantity: 3, Frequency: "monthly"}
	var before int64
	app.DB.Model(&orders.Order{}).Count(&before)
	errs := make([]error, len(custIDs))
	var wg sync.WaitGroup
	for i, id := range custIDs {
		lines := []orders.RequestLine{a, b}
		if i%2 == 1 {
			lines = []orders.RequestLine{b, a}
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, errs[i] = s.Checkout(context.Background(), orders.Request{Buyer: buyer(perm.GlobalAdmin), CustomerID: id,
				Key: "perf7-" + strconv.Itoa(i), Lines: lines})
		}()
	}
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			t.Errorf("checkout %d: %v", i, err)
		}
	}
	var after, lines int64
	app.DB.Model(&orders.Order{}).Count(&after)
	app.DB.Model(&orders.Line{}).Where("order_id IN (SELECT id FROM orders WHERE checkout_key LIKE ?)", "perf7-%").Count(&lines)
	if after-before != int64(len(custIDs)) || lines != 2*int64(len(custIDs)) {
		t.Fatalf("%d orders and %d lines in the database, want %d and %d", after-before, lines, len(custIDs), 2*len(custIDs))
	}
	summariesMatchRecount(t, app.DB)
}

// summariesMatchRecount checks the licenses and billed summaries against a
// recount of the subscriptions and invoices (PERF-6).
func summariesMatchRecount(t *testing.T, g *gorm.DB) {
	t.Helper()
	for _, p := range [][2]string{
		{"SELECT partner_id, offer_name, licenses FROM license_summaries", "SELECT partner_id, offer_name, licenses FROM dash_license_recount"},
		{"SELECT partner_id, period_start, total FROM billed_summaries", "SELECT partner_id, period_start, total FROM dash_billed_recount"},
	} {
		if got, want := summaryRows(t, g, p[0]), summaryRows(t, g, p[1]); !maps.Equal(got, want) {
			t.Errorf("%s:\n got %v\nwant %v", p[0], got, want)
		}
	}
}
