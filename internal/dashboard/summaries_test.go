package dashboard_test

import (
	"context"
	"fmt"
	"maps"
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"gorm.io/gorm"

	"portal/internal/activity"
	"portal/internal/billing"
	"portal/internal/catalog"
	"portal/internal/customers"
	"portal/internal/dashboard"
	"portal/internal/demo"
	"portal/internal/lifecycle"
	"portal/internal/orders"
	"portal/internal/perm"
	"portal/internal/subscriptions"
	"portal/internal/support"
	"portal/internal/testkit"
)

// figures is every summary as a map, keyed by partner and offer, period or
// kind; zero entries are left out.
type figures map[string]int64

// summaries reads the summary tables.
func summaries(t *testing.T, g *gorm.DB) figures {
	t.Helper()
	out := figures{}
	var ls []dashboard.LicenseSummary
	var bs []dashboard.BilledSummary
	var cs []dashboard.CountSummary
	for _, q := range []any{&ls, &bs, &cs} {
		if err := g.Find(q).Error; err != nil {
			t.Fatal(err)
		}
	}
	for _, r := range ls {
		out.add("licenses", r.PartnerID, r.OfferName, r.Licenses)
	}
	for _, r := range bs {
		out.add("billed", r.PartnerID, r.PeriodStart.UTC().Format("2006-01"), int64(r.Total))
		out.add("invoices", r.PartnerID, r.PeriodStart.UTC().Format("2006-01"), r.Invoices)
	}
	for _, r := range cs {
		out.add("count", r.PartnerID, r.Kind, r.N)
	}
	return out.clean()
}

// recount counts the same figures from every row, in Go, by the rules the
// home page states (DASH-1, DASH-2): independent of the SQL that keeps or
// rebuilds the summaries.
func recount(t *testing.T, g *gorm.DB) figures {
	t.Helper()
	out := figures{}
	var subs []subscriptions.Subscription
	var invs []billing.Invoice
	var reqs []support.Request
	var custs []customers.Customer
	for _, q := range []any{&subs, &invs, &reqs, &custs} {
		if err := g.Find(q).Error; err != nil {
			t.Fatal(err)
		}
	}
	live := func(s subscriptions.Subscription) bool {
		return (s.Status == subscriptions.Active || s.Status == subscriptions.Trial) && !s.BoughtDirectly
	}
	for _, s := range subs {
		if live(s) && s.BillingType == subscriptions.License {
			out.add("licenses", s.PartnerID, s.OfferName, int64(s.Quantity))
		}
		if live(s) && s.CancelAtTermEnd {
			out.add("count", s.PartnerID, dashboard.KindScheduled, 1)
		}
	}
	for _, i := range invs {
		out.add("billed", i.PartnerID, i.PeriodStart.UTC().Format("2006-01"), int64(i.Total))
		out.add("invoices", i.PartnerID, i.PeriodStart.UTC().Format("2006-01"), 1)
	}
	for _, r := range reqs {
		if r.Status == support.Open || r.Status == support.AttentionNeeded {
			out.add("count", r.PartnerID, dashboard.KindSupport, 1)
		}
	}
	for _, c := range custs {
		out.add("count", c.PartnerID, customers.SummaryKind, 1)
	}
	return out.clean()
}

func (f figures) add(what, partner, key string, n int64) { f[what+" "+partner+" "+key] += n }

func (f figures) clean() figures {
	maps.DeleteFunc(f, func(_ string, n int64) bool { return n == 0 })
	return f
}

// diff says how two sets of figures differ, or "" when they are equal.
func diff(got, want figures) string {
	keys := maps.Clone(got)
	maps.Copy(keys, want)
	var out string
	for _, k := range slices.Sorted(maps.Keys(keys)) {
		if got[k] != want[k] {
			out += fmt.Sprintf("\n%s: summary %d, recount %d", k, got[k], want[k])
		}
	}
	return out
}

// world is the demo partner's data the random actions pick from.
type world struct {
	g         *gorm.DB
	customers []string
	offers    []string
}

// subscriptionIDs lists the demo partner's subscriptions, those matching
// where when given (so that each action mostly meets a subscription it
// applies to), else all.
func (w world) subscriptionIDs(t *testing.T, where ...any) []string {
	t.Helper()
	var ids, all []string
	q := w.g.Model(&subscriptions.Subscription{}).Where("partner_id = ?", demo.ContosoID).Order("id")
	if err := q.Pluck("id", &all).Error; err != nil {
		t.Fatal(err)
	}
	if len(where) > 0 {
		if err := q.Where(where[0], where[1:]...).Pluck("id", &ids).Error; err != nil {
			t.Fatal(err)
		}
	}
	if len(ids) == 0 {
		return all
	}
	return ids
}

// PERF-6: the dashboard's summaries equal a full recount of the rows after
// every step of a random mix of what users and the lifecycle engine do:
// purchases, quantity changes, add-ons, suspensions and reactivations,
// cancellations now and at renewal and their undoing, trial conversions,
// support requests, and clock moves with lifecycle runs (renewals, trial
// ends, term ends, deletions, invoices issued). The triggers keep them in
// the same transactions; a write path they missed fails here. The rebuild
// (used after a bulk load) then changes nothing. On both engines.
func TestSummariesMatchRecount_PERF6(t *testing.T) {
	app := testkit.New(t)
	g, ctx := app.DB, context.Background()
	if d := diff(summaries(t, g), recount(t, g)); d != "" {
		t.Fatalf("after the demo seed:%s", d)
	}
	rec := activity.Recorder{DB: g}
	actor := activity.Actor{UserID: demo.ID("user:globaladmin@contoso.example"), Name: "Gloria Admin"}
	subs := &subscriptions.Store{DB: g, Clock: app.Clock, Activity: rec, Ledger: billing.Ledger{DB: g}}
	ords := &orders.Store{DB: g, Clock: app.Clock, Activity: rec, Markets: catalog.MustUnavailableMarkets()}
	sup := &support.Store{DB: g, Clock: app.Clock, Activity: rec}
	custs := &customers.Store{DB: g, Clock: app.Clock, Activity: rec}
	engine := &lifecycle.Engine{DB: g, Clock: app.Clock, Activity: rec}
	w := world{g: g}
	if err := g.Model(&customers.Customer{}).Where("partner_id = ?", demo.ContosoID).Order("id").Pluck("id", &w.customers).Error; err != nil {
		t.Fatal(err)
	}
	if err := g.Model(&catalog.Offer{}).Where("tab = ? AND billing_type = ? AND base_offer_id = '' AND exclusive_partner_id IN ('', ?)",
		catalog.TabOnline, catalog.BillingLicense, demo.ContosoID).Order("id").Pluck("id", &w.offers).Error; err != nil {
		t.Fatal(err)
	}
	r := rand.New(rand.NewPCG(6, 6))
	pick := func(ids []string) string { return ids[r.IntN(len(ids))] }
	done := map[string]int{}
	actions := []struct {
		name string
		do   func() error
	}{
		{"buy", func() error {
			freq := []string{subscriptions.Monthly, subscriptions.Annual}[r.IntN(2)]
			_, err := ords.Checkout(ctx, orders.Request{
				Buyer:      orders.Buyer{PartnerID: demo.ContosoID, Actor: actor, Roles: perm.Roles{perm.GlobalAdmin}},
				CustomerID: pick(w.customers), Key: fmt.Sprintf("perf6-%d", r.Int64()),
				Lines: []orders.RequestLine{{OfferID: pick(w.offers), Quantity: 1 + r.IntN(40), Frequency: freq}},
			})
			return err
		}},
		{"quantity", func() error {
			_, err := subs.ChangeQuantity(ctx, demo.ContosoID, actor, pick(w.subscriptionIDs(t, "status = ?", subscriptions.Active)), 1+r.IntN(60))
			return err
		}},
		{"suspend", func() error {
			_, err := subs.Suspend(ctx, demo.ContosoID, actor, pick(w.subscriptionIDs(t, "status = ?", subscriptions.Active)))
			return err
		}},
		{"reactivate", func() error {
			_, err := subs.Reactivate(ctx, demo.ContosoID, actor, pick(w.subscriptionIDs(t, "status = ?", subscriptions.Suspended)))
			return err
		}},
		{"cancel now", func() error {
			recent := app.Clock.Now().Add(-24 * time.Hour)
			_, err := subs.CancelNow(ctx, demo.ContosoID, actor, pick(w.subscriptionIDs(t, "purchased_at > ?", recent)), "other")
			return err
		}},
		{"cancel at renewal", func() error {
			_, err := subs.CancelAtRenewal(ctx, demo.ContosoID, actor, pick(w.subscriptionIDs(t, "status = ? AND cancel_at_term_end = ?", subscriptions.Active, false)))
			return err
		}},
		{"undo cancellation", func() error {
			_, err := subs.UndoScheduledCancellation(ctx, demo.ContosoID, actor, pick(w.subscriptionIDs(t, "cancel_at_term_end = ?", true)))
			return err
		}},
		{"convert trial", func() error {
			_, err := subs.Convert(ctx, demo.ContosoID, actor, pick(w.subscriptionIDs(t, "status = ?", subscriptions.Trial)))
			return err
		}},
		{"support request", func() error {
			_, err := sup.Create(ctx, demo.ContosoID, actor, support.NewRequest{ProblemType: support.ProblemTechnical, IssueType: support.IssueTechnical,
				Severity: "minimal", Title: "Sign-in fails", Description: "Users cannot sign in.", CustomerID: pick(w.customers),
				ContactName: "Gloria Admin", ContactEmail: "globaladmin@contoso.example"}, nil)
			return err
		}},
		{"new customer", func() error {
			n := r.Int64()
			_, err := custs.Create(ctx, demo.ContosoID, actor, customers.NewCustomer{Name: fmt.Sprintf("Perf Six %d", n),
				Domain: fmt.Sprintf("perf6-%d.example", n), Country: "FR", Segment: customers.Commercial,
				ContactName: "Ana Perf", ContactEmail: "ana@perf6.example", ContactPhone: "+33 1 23 45 67 89"})
			return err
		}},
		{"lifecycle", func() error {
			app.Clock.Advance(time.Duration(1+r.IntN(20)) * 24 * time.Hour)
			_, err := engine.Run(ctx)
			return err
		}},
	}
	for step := range 120 {
		a := actions[r.IntN(len(actions))]
		// A refused action (a rule says no) changes nothing; the summaries
		// must still match.
		if err := a.do(); err == nil {
			done[a.name]++
		}
		if d := diff(summaries(t, g), recount(t, g)); d != "" {
			t.Fatalf("step %d (%s):%s", step, a.name, d)
		}
	}
	// Each action must have happened, but those the rules allow only at
	// some moments (a window still open, a trial still convertible, a
	// cancellation still scheduled), which the random mix may not meet.
	optional := map[string]bool{"cancel now": true, "convert trial": true, "undo cancellation": true}
	for _, a := range actions {
		if done[a.name] == 0 && !optional[a.name] {
			t.Errorf("no %q succeeded: the mix did not exercise it (%v)", a.name, done)
		}
	}
	t.Logf("actions done: %v", done)
	want := summaries(t, g)
	if err := dashboard.RebuildSummaries(ctx, g); err != nil {
		t.Fatal(err)
	}
	if d := diff(summaries(t, g), want); d != "" {
		t.Errorf("the rebuild changed current summaries:%s", d)
	}
}

// PERF-6, OPS-2: a database made by an earlier release gets its summaries
// from the rows it already holds when migrated, and a rebuild after the
// summaries are lost (a bulk load) restores them.
func TestSummariesBackfilledOnUpgrade_PERF6(t *testing.T) {
	app := testkit.NewWith(t, testkit.Options{Dump: "../schema/testdata/before-migrations"})
	got, want := summaries(t, app.DB), recount(t, app.DB)
	if len(want) == 0 {
		t.Fatal("the earlier release's data has nothing to summarise")
	}
	if d := diff(got, want); d != "" {
		t.Errorf("after the upgrade:%s", d)
	}
	for _, table := range []string{"license_summaries", "billed_summaries", "count_summaries"} {
		if err := app.DB.Exec("DELETE FROM " + table).Error; err != nil {
			t.Fatal(err)
		}
	}
	if err := dashboard.RebuildSummaries(context.Background(), app.DB); err != nil {
		t.Fatal(err)
	}
	if d := diff(summaries(t, app.DB), want); d != "" {
		t.Errorf("after the rebuild:%s", d)
	}
}
