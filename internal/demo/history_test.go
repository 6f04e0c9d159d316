package demo_test

import (
	"context"
	"testing"

	"portal/internal/activity"
	"portal/internal/dashboard"
	"portal/internal/demo"
	"portal/internal/orders"
	"portal/internal/support"
	"portal/internal/testkit"
)

// DEMO-1: the demo partner has a year of history placed through the pages'
// operations: every month of the last twelve is billed, no month dwarfs the
// others, every order and support request has its activity entries, and
// every list of the home page has something today.
func TestDemoYearOfHistory_DEMO1(t *testing.T) {
	app := testkit.New(t)
	ctx := context.Background()
	now := app.Clock.Now()
	dash := dashboard.Store{DB: app.DB}

	months, err := dash.BilledByMonth(ctx, demo.ContosoID, now)
	if err != nil {
		t.Fatal(err)
	}
	lo, hi := months[0].Total, months[0].Total
	for _, m := range months {
		t.Logf("%s %d", m.Start.Format("2006-01"), m.Total/100)
		lo, hi = min(lo, m.Total), max(hi, m.Total)
		if m.Total <= 0 {
			t.Errorf("%s: billed %d, want an amount", m.Start.Format("2006-01"), m.Total)
		}
	}
	// A real reseller's months differ, but no month is ten times another.
	if lo > 0 && hi > 10*lo {
		t.Errorf("monthly totals from %d to %d: one month dwarfs another", lo, hi)
	}

	// Every month has orders placed in it.
	var created []orders.Order
	if err := app.DB.Where("partner_id = ?", demo.ContosoID).Find(&created).Error; err != nil {
		t.Fatal(err)
	}
	perMonth := map[string]int{}
	for _, o := range created {
		perMonth[o.CreatedAt.UTC().Format("2006-01")]++
	}
	for _, m := range months {
		if perMonth[m.Start.Format("2006-01")] == 0 {
			t.Errorf("%s: no order placed", m.Start.Format("2006-01"))
		}
	}

	// Every order and every support request has its activity entries.
	logged := map[string]bool{}
	var ids []string
	if err := app.DB.Model(&activity.Entry{}).Where("partner_id = ?", demo.ContosoID).Distinct().Pluck("resource_id", &ids).Error; err != nil {
		t.Fatal(err)
	}
	for _, id := range ids {
		logged[id] = true
	}
	for _, o := range created {
		if !logged[o.ID] {
			t.Errorf("order %s (%s) has no activity entry", o.ID, o.CheckoutKey)
		}
	}
	var reqs []support.Request
	if err := app.DB.Where("partner_id = ?", demo.ContosoID).Find(&reqs).Error; err != nil {
		t.Fatal(err)
	}
	if len(reqs) < 5 {
		t.Errorf("%d support requests, want the 5 seeded ones at least", len(reqs))
	}
	for _, r := range reqs {
		if !logged[r.ID] {
			t.Errorf("support request %s has no activity entry", r.Number)
		}
	}

	// Every attention list of the home page has something today (DASH-1).
	lists, _, err := dash.Attention(ctx, demo.ContosoID, now)
	if err != nil {
		t.Fatal(err)
	}
	for _, kind := range []string{dashboard.KindDeletion, dashboard.KindWindow, dashboard.KindTrial, dashboard.KindScheduled} {
		if len(lists[kind]) == 0 {
			t.Errorf("attention list %s is empty", kind)
		}
	}
	open := 0
	for _, r := range reqs {
		if r.Status != support.Closed {
			open++
		}
	}
	if open == 0 {
		t.Error("no open support request")
	}
}
