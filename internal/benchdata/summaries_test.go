package benchdata_test

import (
	"testing"

	"portal/internal/benchdata"
	"portal/internal/testkit"
)

// PERF-6: the generated data set's dashboard summaries equal a recount of
// its rows: the bulk load goes through the same triggers as every other
// write, so the home page is right on a freshly generated database.
func TestGeneratedSummariesMatchRecount_PERF6(t *testing.T) {
	app := testkit.New(t)
	generateSmall(t, app, benchdata.Options{Customers: 200, Subscriptions: 2000, Activity: 500, Seed: 6})
	for _, s := range []struct{ table, view, cols string }{
		{"license_summaries", "dash_license_recount", "partner_id, offer_name, licenses"},
		{"billed_summaries", "dash_billed_recount", "partner_id, period_start, total"},
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
			t.Errorf("%s: %d rows, %d not in the recount, %d of the recount missing", s.table, rows, extra, missing)
		}
	}
}
