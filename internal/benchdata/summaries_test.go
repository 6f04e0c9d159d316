package benchdata_test

import (
	"testing"

	"portal/internal/benchdata"
	"portal/internal/demo"
	"portal/internal/testkit"
)

// PERF-6: the generated data set's dashboard summaries equal a recount of
// its rows: the bulk load pauses the triggers and recounts the summaries
// once at the end, and the triggers are back for every later write, so the
// home page is right on a freshly generated database and stays right.
func TestGeneratedSummariesMatchRecount_PERF6(t *testing.T) {
	app := testkit.New(t)
	generateSmall(t, app, benchdata.Options{Customers: 200, Subscriptions: 2000, Activity: 500, Seed: 6})
	matchRecount(t, app, "after generating")
	// The triggers are back: a later change moves the summaries with it.
	res := app.DB.Exec(`UPDATE subscriptions SET quantity = quantity + 5 WHERE id IN
		(SELECT id FROM subscriptions WHERE partner_id = ? AND status = 'active' AND billing_type = 'license' AND bought_directly = ? ORDER BY id LIMIT 3)`,
		demo.ContosoID, false)
	if res.Error != nil || res.RowsAffected != 3 {
		t.Fatalf("change quantities: %v, %d rows", res.Error, res.RowsAffected)
	}
	matchRecount(t, app, "after a later change")
}

// matchRecount fails when a summary table differs from its recount view.
func matchRecount(t *testing.T, app *testkit.App, when string) {
	t.Helper()
	for _, s := range []struct{ table, view, cols string }{
		{"license_summaries", "dash_license_recount", "partner_id, offer_name, licenses"},
		{"billed_summaries", "dash_billed_recount", "partner_id, period_start, total, invoices"},
		{"count_summaries", "dash_count_recount", "partner_id, kind, n"},
	} {
		var rows, extra, missing int64
		q := func(sql string, n *int64) {
			t.Helper()
			if err := app.DB.Raw(sql).Scan(n).Error; err != nil {
				t.Fatalf("%s: %v", sql, err)
			}
		}
		q("SELECT COUNT(*) FROM "+s.table, &rows)
		q("SELECT COUNT(*) FROM (SELECT "+s.cols+" FROM "+s.table+" EXCEPT SELECT "+s.cols+" FROM "+s.view+") x", &extra)
		q("SELECT COUNT(*) FROM (SELECT "+s.cols+" FROM "+s.view+" EXCEPT SELECT "+s.cols+" FROM "+s.table+") x", &missing)
		if rows == 0 || extra != 0 || missing != 0 {
			t.Errorf("%s: %s: %d rows, %d not in the recount, %d of the recount missing", when, s.table, rows, extra, missing)
		}
	}
}
