package schema_test

import (
	"context"
	"testing"

	"portal/internal/schema"
	"portal/internal/testkit"
)

// PERF-6, OPS-2: on PostgreSQL migration 20 makes the triggers of the
// summaries that subscriptions and invoices add to run at commit
// (deferred), so a partner's summary row is locked only while a
// transaction commits; down makes them immediate again, and up deferred
// again. The customers' and support requests' counts stay immediate. (TestCheckoutWaitsForSummariesOnlyAtTheEnd
// in orders shows what it changes for a checkout, and the summary tests
// that the summaries still equal a recount.) SQLite keeps its triggers.
func TestSummaryTriggersRunAtCommit_PERF6_OPS2(t *testing.T) {
	if !testkit.Postgres() {
		t.Skip("SQLite writes one transaction at a time: its triggers stay immediate")
	}
	app := testkit.New(t)
	ctx := context.Background()
	triggers := []string{"dash_subscriptions_insert_delete", "dash_subscriptions_update", "dash_invoices_insert_delete", "dash_invoices_update"}
	immediate := []string{"dash_support_insert_delete", "dash_support_update", "count_customers_insert_delete", "count_customers_update"}
	// This test's tables only: another test's schema names its own
	// (pg_trigger holds every schema's), so they read with their schema.
	deferredOf := func(names []string) int {
		t.Helper()
		var c struct{ Found, Deferred int }
		if err := app.DB.Raw(`SELECT COUNT(*) AS found, COUNT(*) FILTER (WHERE tgdeferrable AND tginitdeferred) AS deferred FROM pg_trigger
WHERE tgname IN ? AND tgrelid::regclass::text IN ('subscriptions', 'invoices', 'support_requests', 'customers')`, names).Scan(&c).Error; err != nil {
			t.Fatal(err)
		}
		if c.Found != len(names) {
			t.Fatalf("%d of the triggers %v found", c.Found, names)
		}
		return c.Deferred
	}
	deferred := func() int {
		t.Helper()
		if n := deferredOf(immediate); n != 0 {
			t.Fatalf("%d of the counts' triggers %v deferred", n, immediate)
		}
		return deferredOf(triggers)
	}
	if n := deferred(); n != len(triggers) {
		t.Fatalf("%d of %d summary triggers deferred after the migrations", n, len(triggers))
	}
	if err := schema.DownTo(ctx, app.DB, 19); err != nil {
		t.Fatal(err)
	}
	if n := deferred(); n != 0 {
		t.Fatalf("%d summary triggers deferred after migration 20 down", n)
	}
	if _, err := schema.Up(ctx, app.DB); err != nil {
		t.Fatal(err)
	}
	if n := deferred(); n != len(triggers) {
		t.Fatalf("%d of %d summary triggers deferred after migration 20 up again", n, len(triggers))
	}
}
