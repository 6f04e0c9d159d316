package orders_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"portal/internal/demo"
	"portal/internal/orders"
	"portal/internal/perm"
	"portal/internal/platform/clock"
	"portal/internal/testkit"
)

// PERF-6, PERF-7: on PostgreSQL a checkout waits for its partner's summary
// rows only once its order is written. While another transaction holds the
// licenses row of the offer it buys, the checkout runs to its end: it waits
// on that row with its subscription, order, lines, invoice and activity
// entries written already, and goes on when the row is free; the summaries
// then hold its licenses and amount, as a recount does. (Taken at the
// start, the row stayed locked while the rest of the order was written, and
// the partner's other checkouts queued behind all of it.)
func TestCheckoutWaitsForSummariesOnlyAtTheEnd_PERF6_PERF7(t *testing.T) {
	if !testkit.Postgres() {
		t.Skip("SQLite writes one transaction at a time and locks no row")
	}
	app := testkit.New(t)
	s := store(app)
	var custID string
	if err := app.DB.Raw(`SELECT id FROM customers WHERE partner_id = ? AND relationship = 'active' AND segment = 'commercial' ORDER BY id LIMIT 1`,
		demo.ContosoID).Scan(&custID).Error; err != nil || custID == "" {
		t.Fatalf("no commercial customer: %v", err)
	}
	var name string
	app.DB.Raw(`SELECT name FROM offers WHERE id = ?`, offer("m365-e3")).Scan(&name)
	licenses := func() int64 {
		var n int64
		if err := app.DB.Raw(`SELECT licenses FROM license_summaries WHERE partner_id = ? AND offer_name = ?`, demo.ContosoID, name).Scan(&n).Error; err != nil {
			t.Fatal(err)
		}
		return n
	}
	before := licenses()
	if before == 0 {
		t.Fatalf("the demo partner has no licenses of %q to hold", name)
	}

	holder := app.DB.Begin()
	defer holder.Rollback()
	var holderPID int
	if err := holder.Raw(`SELECT pg_backend_pid()`).Scan(&holderPID).Error; err != nil {
		t.Fatal(err)
	}
	if err := holder.Exec(`SELECT 1 FROM license_summaries WHERE partner_id = ? AND offer_name = ? FOR UPDATE`, demo.ContosoID, name).Error; err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() {
		_, err := s.Checkout(context.Background(), orders.Request{Buyer: buyer(perm.GlobalAdmin), CustomerID: custID, Key: "held-summary",
			Lines: []orders.RequestLine{{OfferID: offer("m365-e3"), Quantity: 2, Frequency: "monthly"}}})
		done <- err
	}()

	// The checkout's connection, once it waits for the holder.
	var waiter int
	waited := clock.StartStopwatch()
	for waiter == 0 {
		select {
		case err := <-done:
			t.Fatalf("the checkout ended (%v) while its partner's licenses row was held", err)
		default:
		}
		if waited.Elapsed() > time.Minute {
			t.Fatal("no checkout waited for the held licenses row within a minute")
		}
		time.Sleep(10 * time.Millisecond)
		if err := app.DB.Raw(`SELECT pid FROM pg_stat_activity WHERE ? = ANY(pg_blocking_pids(pid))`, holderPID).Scan(&waiter).Error; err != nil {
			t.Fatal(err)
		}
	}
	var written []string
	if err := app.DB.Raw(`SELECT DISTINCT c.relname FROM pg_locks l JOIN pg_class c ON c.oid = l.relation
WHERE l.pid = ? AND l.mode = 'RowExclusiveLock' AND c.relkind = 'r' ORDER BY c.relname`, waiter).Scan(&written).Error; err != nil {
		t.Fatal(err)
	}
	for _, table := range []string{"activity_entries", "invoice_lines", "invoices", "order_lines", "orders", "subscriptions"} {
		if !slices.Contains(written, table) {
			t.Errorf("the checkout waits for the licenses row before writing %s (written: %v)", table, written)
		}
	}

	if err := holder.Commit().Error; err != nil {
		t.Fatal(err)
	}
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("checkout after the row was freed: %v", err)
		}
	case <-time.After(time.Minute):
		t.Fatal("the checkout did not end within a minute of the row's release")
	}
	if got := licenses(); got != before+2 {
		t.Errorf("licenses of %q: %d, want %d + 2", name, got, before)
	}
	summariesMatchRecount(t, app.DB)
}
