package schema_test

import (
	"context"
	"strings"
	"testing"

	"portal/internal/schema"
	"portal/internal/testkit"
)

// indexDef returns an index's columns and the WHERE part of its
// definition (or ""), lower-cased.
func indexDef(t *testing.T, app *testkit.App, name string) (columns, where string) {
	t.Helper()
	var def string
	q := "SELECT sql FROM sqlite_master WHERE type = 'index' AND name = ?"
	if testkit.Postgres() { // the test's own schema: others run beside it
		q = "SELECT indexdef FROM pg_indexes WHERE indexname = ? AND schemaname = current_schema()"
	}
	if err := app.DB.Raw(q, name).Scan(&def).Error; err != nil || def == "" {
		t.Fatalf("index %s: %q, %v", name, def, err)
	}
	columns, where, _ = strings.Cut(strings.ToLower(def), " where ")
	return columns, where
}

// PERF-1, PERF-7, OPS-2: migrations 21 and 22 make the trials' and the retention
// ends' indexes hold only the rows with that time, and the recent automatic
// changes' index only the entries without a user, so a purchase and a
// user's change write none of them, and that one no longer has the actor
// among its columns; down makes them whole again and up partial again.
// The plan tests (the dashboard's, the lifecycle engine's in
// TestListsServedByIndexes_PERF1_PERF6) read their lists through them.
func TestDueIndexesHoldOnlyTheirRows_PERF1_PERF7_OPS2(t *testing.T) {
	app := testkit.New(t)
	ctx := context.Background()
	want := map[string]string{
		"idx_subs_dash_trial":         "trial_end is not null",
		"idx_subs_due_trial":          "trial_end is not null",
		"idx_subs_dash_retention":     "retention_end is not null",
		"idx_subs_due_retention":      "retention_end is not null",
		"idx_activity_dash_automatic": "actor_id",
	}
	check := func(partial bool) {
		t.Helper()
		for name, pred := range want {
			_, got := indexDef(t, app, name)
			if partial && !strings.Contains(got, pred) {
				t.Errorf("%s: WHERE %q, want %q", name, got, pred)
			}
			if !partial && got != "" {
				t.Errorf("%s after migration 21 down: WHERE %q", name, got)
			}
		}
	}
	check(true)
	// A column the index's condition fixes is not one of its columns:
	// PostgreSQL leaves such a condition out of the index's search, so a
	// column after it could not narrow the range (migration 22).
	for name, col := range map[string]string{"idx_activity_dash_automatic": "actor_id"} {
		if columns, _ := indexDef(t, app, name); strings.Contains(columns, col) {
			t.Errorf("%s has %s among its columns, which its condition fixes: %s", name, col, columns)
		}
	}
	if err := schema.DownTo(ctx, app.DB, 20); err != nil {
		t.Fatal(err)
	}
	check(false)
	if _, err := schema.Up(ctx, app.DB); err != nil {
		t.Fatal(err)
	}
	check(true)
}
