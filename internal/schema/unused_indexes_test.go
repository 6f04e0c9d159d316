package schema_test

import (
	"context"
	"testing"

	"portal/internal/schema"
	"portal/internal/testkit"
)

// PERF-1, OPS-2: migration 19 drops the two indexes on subscriptions that
// no statement reads, which every subscription written and every renewal
// updated; down builds them again and up drops them again. The home page's
// partial index of open scheduled cancellations stays. The plan tests
// (TestListsServedByIndexes_PERF1_PERF6 here, the dashboard's, the
// lifecycle engine's) read every list of subscriptions through its index
// without them.
func TestUnusedSubscriptionIndexesDropped_PERF1_OPS2(t *testing.T) {
	app := testkit.New(t)
	ctx := context.Background()
	dropped := []string{"idx_subs_partner_status_term", "idx_subs_dash_scheduled"}
	present := func() (n int) {
		t.Helper()
		for _, name := range dropped {
			if app.DB.Migrator().HasIndex("subscriptions", name) {
				n++
			}
		}
		if !app.DB.Migrator().HasIndex("subscriptions", "idx_subs_dash_scheduled_open") {
			t.Fatal("the open scheduled cancellations' index is gone")
		}
		return n
	}
	if n := present(); n != 0 {
		t.Fatalf("%d of %v after the migrations", n, dropped)
	}
	if err := schema.DownTo(ctx, app.DB, 18); err != nil {
		t.Fatal(err)
	}
	if n := present(); n != len(dropped) {
		t.Fatalf("%d of %v after migration 19 down", n, dropped)
	}
	if _, err := schema.Up(ctx, app.DB); err != nil {
		t.Fatal(err)
	}
	if n := present(); n != 0 {
		t.Fatalf("%d of %v after migration 19 up again", n, dropped)
	}
}
