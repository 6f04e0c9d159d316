package schema_test

import (
	"context"
	"strings"
	"testing"

	"portal/internal/schema"
	"portal/internal/testkit"
)

// indexPredicate returns the WHERE part of an index's definition, or "".
func indexPredicate(t *testing.T, app *testkit.App, name string) string {
	t.Helper()
	var def string
	q := "SELECT sql FROM sqlite_master WHERE type = 'index' AND name = ?"
	if testkit.Postgres() {
		q = "SELECT indexdef FROM pg_indexes WHERE indexname = ?"
	}
	if err := app.DB.Raw(q, name).Scan(&def).Error; err != nil || def == "" {
		t.Fatalf("index %s: %q, %v", name, def, err)
	}
	_, where, _ := strings.Cut(strings.ToLower(def), " where ")
	return where
}

// PERF-1, PERF-7, OPS-2: migration 21 makes the trials' and the retention
// ends' indexes hold only the rows with that time, and the recent automatic
// changes' index only the entries without a user, so a purchase and a
// user's change write none of them; down makes them whole again and up
// partial again. The plan tests (the dashboard's, the lifecycle engine's in
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
			got := indexPredicate(t, app, name)
			if partial && !strings.Contains(got, pred) {
				t.Errorf("%s: WHERE %q, want %q", name, got, pred)
			}
			if !partial && got != "" {
				t.Errorf("%s after migration 21 down: WHERE %q", name, got)
			}
		}
	}
	check(true)
	if err := schema.DownTo(ctx, app.DB, 20); err != nil {
		t.Fatal(err)
	}
	check(false)
	if _, err := schema.Up(ctx, app.DB); err != nil {
		t.Fatal(err)
	}
	check(true)
}
