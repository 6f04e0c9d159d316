package dashboard_test

import (
	"context"
	"regexp"
	"strings"
	"testing"

	"portal/internal/benchdata"
	"portal/internal/dashboard"
	"portal/internal/demo"
	"portal/internal/testkit"
)

// Plan steps that mean rows are read beyond what the page shows: a whole
// table read, or a sort of the subscriptions (a summary holds a few rows
// per partner, one per offer or month, and may be sorted).
var (
	sqliteScan = regexp.MustCompile(`^SCAN (subscriptions|customers|a|\w+_summaries)\b`) // not "capped", the bounded count
	sqliteSort = regexp.MustCompile(`USE TEMP B-TREE`)
	pgScan     = regexp.MustCompile(`^Seq Scan|^Bitmap Heap Scan on (subscriptions|activity_entries)`)
	pgSort     = regexp.MustCompile(`^(Incremental )?Sort`)
)

// PERF-6, DASH-1: every statement of the home page's figures is served by an
// index in its order, on both engines: each dated list (data deletion,
// cancellation windows, trials ending, scheduled cancellations) and its
// capped count read one range of the list's own index and stop; the charts
// and exact counts read the summary tables by their keys. No statement reads
// the subscriptions or invoices as a whole or sorts them. The recent
// automatic changes read each action's range of the activity log, never
// the renewals. The dated lists and the recent changes run with generic
// plans on PostgreSQL (Soon), and those are the plans checked.
func TestDashboardServedByIndexes_PERF6(t *testing.T) {
	app := testkit.New(t)
	if _, err := benchdata.Generate(context.Background(), app.DB, demo.ContosoID, app.Clock.Now(),
		benchdata.Options{Customers: 300, Subscriptions: 3000, Activity: 300, Seed: 6}); err != nil {
		t.Fatal(err)
	}
	rec := testkit.RecordQueries(t, app.DB)
	s, ctx, now := dashboard.Store{DB: app.DB}, context.Background(), app.Clock.Now()
	if _, err := s.Soon(ctx, demo.ContosoID, now); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Counts(ctx, demo.ContosoID); err != nil {
		t.Fatal(err)
	}
	if _, err := s.LicensesByOffer(ctx, demo.ContosoID, 8); err != nil {
		t.Fatal(err)
	}
	if _, err := s.BilledByMonth(ctx, demo.ContosoID, now); err != nil {
		t.Fatal(err)
	}
	// The dated lists in one statement: five ranges (the window's monthly
	// and annual orders apart), each with a capped count but the scheduled
	// cancellations'; the recent automatic changes: one range per action,
	// merged in one statement; then the summaries.
	stmts := rec.Take()
	if len(stmts) != 5 {
		for _, st := range stmts {
			t.Log(st.SQL)
		}
		t.Fatalf("%d statements, want 5", len(stmts))
	}
	// Which index PostgreSQL picks for a capped count on a small table
	// varies (each still reads a range: no scan, no sort, checked below).
	// So does its choice for the automatic changes between the two indexes
	// that read one action's range in time order: with a few hundred
	// entries it may prefer (partner, action, at) and filter on the actor.
	wantIndex := [][]string{
		{"idx_subs_dash_retention", "idx_subs_dash_purchased", "idx_subs_dash_trial", "idx_subs_dash_scheduled_open"},
		{"idx_activity_dash_automatic"},
		nil, nil, nil,
	}
	if testkit.Postgres() {
		wantIndex[1] = []string{"idx_activity_dash_automatic|idx_activity_action_at_id"}
	}
	// The first two run with generic plans (Soon): PostgreSQL chooses that
	// plan once without the arguments, so it is the one to check.
	generic := map[int]bool{0: true, 1: true}
	// The counts of the dated lists are subqueries without correlation:
	// evaluated once per statement, not once per row of the lists.
	perRow := regexp.MustCompile(`CORRELATED|SubPlan`)
	scan, sort := sqliteScan, sqliteSort
	if testkit.Postgres() {
		scan, sort = pgScan, pgSort
	}
	for i, st := range stmts {
		plan := testkit.Plan(t, app.DB, st)
		if generic[i] {
			plan = testkit.PlanGeneric(t, app.DB, st)
		}
		t.Logf("%d: %q", i, plan)
		for _, step := range plan {
			if scan.MatchString(step) || (sort.MatchString(step) && !strings.Contains(st.SQL, "_summaries")) {
				t.Errorf("statement %d reads or sorts more than it shows: %q\nplan: %q\n%s", i, step, plan, st.SQL)
			}
		}
		for _, idx := range wantIndex[i] {
			if !regexp.MustCompile(`\b(` + idx + `)\b`).MatchString(strings.Join(plan, "\n")) {
				t.Errorf("statement %d is not served by %s\nplan: %q\n%s", i, idx, plan, st.SQL)
			}
		}
		for _, step := range plan {
			if perRow.MatchString(step) {
				t.Errorf("statement %d runs a subquery per row: %q\nplan: %q", i, step, plan)
			}
		}
	}
}
