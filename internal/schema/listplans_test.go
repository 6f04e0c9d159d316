package schema_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"gorm.io/gorm"

	"portal/internal/activity"
	"portal/internal/auth"
	"portal/internal/billing"
	"portal/internal/customers"
	"portal/internal/lifecycle"
	"portal/internal/orders"
	"portal/internal/platform/keyset"
	"portal/internal/reservations"
	"portal/internal/software"
	"portal/internal/subscriptions"
	"portal/internal/support"
	"portal/internal/testkit"
)

// sorted is a statement allowed to sort, and why its rows are few whatever
// the partner's size.
var sorted = map[string]string{
	// The users given access to one reservation, joined to their names.
	"FROM reservation_access AS a": "one reservation's access list",
	// The invoices count without a customer filter: a sum over the billed
	// summary, one row per billing period of the partner. With the demo
	// data's statistics the planner reads the few rows of the whole table;
	// without them, as the portal's SQLite runs, its key serves
	// (TestInvoiceCount_BILL2_UX4_PERF6).
	"FROM `billed_summaries`": "a partner's rows of the billed summary, one per billing period",
}

// someID returns one row's column of a table, or fails.
func someID(t *testing.T, g *gorm.DB, sql string) string {
	t.Helper()
	var id string
	if err := g.Raw(sql).Scan(&id).Error; err != nil || id == "" {
		t.Fatalf("%s: %q %v", sql, id, err)
	}
	return id
}

// withAddOns returns the demo data with the partner and customer of an
// add-on.
func withAddOns(t *testing.T) (app *testkit.App, partner, customer string) {
	t.Helper()
	app = testkit.New(t)
	partner = someID(t, app.DB, "SELECT partner_id FROM subscriptions WHERE parent_id <> '' LIMIT 1")
	customer = someID(t, app.DB, "SELECT customer_id FROM subscriptions WHERE parent_id <> '' LIMIT 1")
	return app, partner, customer
}

// PERF-1, PERF-6: every list the pages and the lifecycle engine read is
// served by an index in its sort order, so a page of rows costs that page,
// not the partner's size: no statement reads a whole table or index, and
// none sorts for its ORDER BY (SQLite's EXPLAIN QUERY PLAN; on PostgreSQL,
// OPS-1, the plan with sequential scans turned off has no Seq Scan and no
// Sort). The invoices list, every tab of a customer, a subscription's
// add-ons, the support list, the users, the open invoices the engine
// closes and its due subscriptions are covered; the customer search and
// the activity log have plan tests of their own.
func TestListsServedByIndexes_PERF1_PERF6(t *testing.T) {
	app, partner, customer := withAddOns(t)
	g := app.DB
	ctx := context.Background()
	parent := someID(t, g, "SELECT parent_id FROM subscriptions WHERE parent_id <> '' LIMIT 1")
	invoice := someID(t, g, "SELECT id FROM invoices LIMIT 1")
	order := someID(t, g, "SELECT id FROM orders LIMIT 1")
	purchase := someID(t, g, "SELECT id FROM software_purchases LIMIT 1")
	reservation := someID(t, g, "SELECT id FROM reservations LIMIT 1")
	request := someID(t, g, "SELECT id FROM support_requests LIMIT 1")

	inv := &billing.Store{DB: g}
	subs := &subscriptions.Store{DB: g}
	sw := &software.Store{DB: g}
	res := &reservations.Store{DB: g}
	ord := &orders.Store{DB: g}
	sup := &support.Store{DB: g}
	users := &auth.Service{DB: g}
	engine := &lifecycle.Engine{DB: g, Clock: app.Clock, Activity: activity.Recorder{DB: g}}
	invCursor := billing.Cursor{PeriodStart: testkit.Start, ID: invoice}
	supCursor := support.Cursor{At: testkit.Start, ID: request}

	// Statistics as a running database has them (PostgreSQL's autovacuum
	// gathers them), so the planner weighs the demo data, not guesses.
	if err := g.Exec("ANALYZE").Error; err != nil {
		t.Fatal(err)
	}
	rec := testkit.RecordQueries(t, g)
	cases := []struct {
		name string
		run  func() error
	}{
		{"invoices", func() error { _, _, err := inv.List(ctx, partner, billing.Filter{}, 25); return err }},
		{"invoices, next page", func() error { _, _, err := inv.List(ctx, partner, billing.Filter{After: invCursor}, 25); return err }},
		{"invoices, customer", func() error {
			_, _, err := inv.List(ctx, partner, billing.Filter{CustomerID: customer, After: invCursor}, 25)
			return err
		}},
		{"invoices, period", func() error {
			_, _, err := inv.List(ctx, partner, billing.Filter{Period: testkit.Start, After: invCursor}, 25)
			return err
		}},
		{"invoices count", func() error { _, _, err := inv.Count(ctx, partner, billing.Filter{}, 1000); return err }},
		{"invoices count, period", func() error {
			_, _, err := inv.Count(ctx, partner, billing.Filter{Period: invCursor.PeriodStart}, 1000)
			return err
		}},
		{"invoices count, customer", func() error {
			_, _, err := inv.Count(ctx, partner, billing.Filter{CustomerID: customer}, 1000)
			return err
		}},
		{"invoices count, domain and period", func() error {
			_, _, err := inv.Count(ctx, partner, billing.Filter{CustomerDomain: "adatum.com", Period: testkit.Start}, 1000)
			return err
		}},
		{"invoice lines", func() error { _, _, err := inv.Get(ctx, partner, invoice); return err }},
		{"customer subscriptions", func() error {
			_, err := subs.ForCustomer(ctx, partner, customer, keyset.Cursor{}, false, 50)
			return err
		}},
		{"customer subscriptions, next page", func() error {
			_, err := subs.ForCustomer(ctx, partner, customer, keyset.Cursor{Key: "M", ID: parent}, false, 50)
			return err
		}},
		{"customer subscriptions, previous page", func() error {
			_, err := subs.ForCustomer(ctx, partner, customer, keyset.Cursor{Key: "M", ID: parent}, true, 50)
			return err
		}},
		{"customer subscriptions, the tab's brief next page", func() error {
			_, err := subs.ForCustomerBrief(ctx, partner, customer, keyset.Cursor{Key: "M", ID: parent}, false, 50)
			return err
		}},
		{"subscription add-ons", func() error { _, err := subs.Get(ctx, partner, parent); return err }},
		{"customer software", func() error { _, err := sw.List(ctx, partner, customer, keyset.Cursor{}, false, 50); return err }},
		{"customer software, next page", func() error {
			_, err := sw.List(ctx, partner, customer, keyset.AtCursor(testkit.Start, purchase), false, 50)
			return err
		}},
		{"customer software, previous page", func() error {
			_, err := sw.List(ctx, partner, customer, keyset.AtCursor(testkit.Start, purchase), true, 50)
			return err
		}},
		{"download links", func() error { _, err := sw.Links(ctx, purchase, 20); return err }},
		{"customer reservations", func() error {
			_, err := res.ForCustomer(ctx, partner, customer, keyset.Cursor{}, false, 50)
			return err
		}},
		{"customer reservations, next page", func() error {
			_, err := res.ForCustomer(ctx, partner, customer, keyset.AtCursor(testkit.Start, reservation), false, 50)
			return err
		}},
		{"customer reservations, previous page", func() error {
			_, err := res.ForCustomer(ctx, partner, customer, keyset.AtCursor(testkit.Start, reservation), true, 50)
			return err
		}},
		{"reservation scope choices", func() error { _, err := res.AzureSubscriptions(ctx, partner, customer); return err }},
		{"reservation access", func() error { _, err := res.AccessList(ctx, partner, reservation); return err }},
		{"reservation users", func() error { _, err := res.PartnerUsers(ctx, partner); return err }},
		{"customer orders", func() error { _, _, err := ord.ForCustomer(ctx, partner, customer, orders.Cursor{}, 50); return err }},
		{"customer orders, next page", func() error {
			_, _, err := ord.ForCustomer(ctx, partner, customer, orders.Cursor{At: testkit.Start, ID: order}, 50)
			return err
		}},
		{"order lines", func() error { _, _, err := ord.Get(ctx, partner, order); return err }},
		{"support", func() error {
			_, err := sup.List(ctx, partner, support.Filter{}, support.Cursor{}, support.Cursor{}, 25)
			return err
		}},
		{"support, status, next", func() error {
			_, err := sup.List(ctx, partner, support.Filter{Status: support.Statuses()[0]}, supCursor, support.Cursor{}, 25)
			return err
		}},
		{"support, severity, previous", func() error {
			_, err := sup.List(ctx, partner, support.Filter{Severity: support.Severities()[0]}, support.Cursor{}, supCursor, 25)
			return err
		}},
		{"support thread", func() error { _, _, err := sup.Thread(ctx, request); return err }},
		{"support of a reservation", func() error { _, err := sup.ForReservation(ctx, partner, reservation); return err }},
		{"customers ?page=N start", func() error {
			_, _, err := (&customers.Store{DB: g}).PageStart(ctx, partner, customers.Filter{Segment: customers.Education}, true, 50)
			return err
		}},
		{"users", func() error { _, err := users.PartnerUsers(ctx, partner); return err }},
		{"lifecycle pass", func() error { _, err := engine.Run(ctx); return err }},
	}
	for _, c := range cases {
		rec.Take()
		if err := c.run(); err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		stmts := rec.Take()
		if len(stmts) == 0 {
			t.Fatalf("%s: no statement recorded", c.name)
		}
		for _, st := range stmts {
			plan := testkit.Plan(t, g, st)
			bad := testkit.UnindexedSteps(plan)
			for key := range sorted {
				if strings.Contains(st.SQL, key) {
					bad = nil
				}
			}
			if len(bad) > 0 {
				t.Errorf("%s: %q in the plan %q of\n%s", c.name, bad, plan, st.SQL)
			}
		}
	}
}

// PERF-1, PERF-2: a statement that reads a few of a partner's rows by their
// IDs (the parents named on a customer's subscriptions tab, the values of
// the activity entries a page describes) is served by the table's primary
// key, on a database without the planner's statistics, as the portal's
// SQLite file is. With partner_id = ? beside the IDs, SQLite chose an index
// that starts with the partner and read all of the partner's rows in it.
func TestRowsReadByIDUseThePrimaryKey_PERF1_PERF2(t *testing.T) {
	app, partner, customer := withAddOns(t)
	g := app.DB
	ctx := context.Background()
	if testkit.Postgres() {
		if err := g.Exec("ANALYZE").Error; err != nil { // autovacuum's, on a running server
			t.Fatal(err)
		}
	}
	// One entry kept: a page listed a second time reads the values of the
	// others by ID.
	descriptions, err := activity.NewDescriptions(1)
	if err != nil {
		t.Fatal(err)
	}
	rec := testkit.RecordQueries(t, g)
	cases := []struct {
		name, table string
		run         func() error
	}{
		{"parents of a customer's add-ons", "subscriptions", func() error {
			p, err := (&subscriptions.Store{DB: g}).ForCustomerBrief(ctx, partner, customer, keyset.Cursor{}, false, 50)
			if err == nil && len(p.ParentNames) == 0 {
				err = errors.New("no parent named")
			}
			return err
		}},
		{"values of the described entries", "activity_entries", func() error {
			log := activity.Log{DB: g}
			p, _, err := log.ListDescribed(ctx, partner, activity.Filter{}, activity.Cursor{}, 50, descriptions)
			if err == nil {
				p, _, err = log.ListDescribed(ctx, partner, activity.Filter{}, activity.Cursor{}, 50, descriptions)
			}
			if err == nil && len(p.Entries) < 2 {
				err = errors.New("fewer than two entries")
			}
			return err
		}},
	}
	for _, c := range cases {
		rec.Take()
		if err := c.run(); err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		byID := 0
		for _, st := range rec.Take() {
			if !strings.Contains(st.SQL, "id IN (") {
				continue
			}
			byID++
			plan := strings.Join(testkit.Plan(t, g, st), "; ")
			key := "sqlite_autoindex_" + c.table + "_1 (id=?)"
			if testkit.Postgres() {
				key = c.table + "_pkey"
			}
			if !strings.Contains(plan, key) {
				t.Errorf("%s: plan %q, want the primary key, of\n%s", c.name, plan, st.SQL)
			}
		}
		if byID == 0 {
			t.Errorf("%s: no statement read rows by ID", c.name)
		}
	}
}
