package lifecycle_test

import (
	"context"
	"encoding/json"
	"testing"
	"time"

	"github.com/google/uuid"

	"portal/internal/activity"
	"portal/internal/billing"
	"portal/internal/demo"
	"portal/internal/lifecycle"
	"portal/internal/platform/money"
	"portal/internal/subscriptions"
	"portal/internal/testkit"
)

const day = 24 * time.Hour

var customerID = demo.ID("customer:adatum.com")

func engine(app *testkit.App) *lifecycle.Engine {
	return &lifecycle.Engine{DB: app.DB, Clock: app.Clock, Activity: activity.Recorder{DB: app.DB}}
}

// newSub creates a license-based monthly subscription for Adatum, active,
// bought now with its first term (to the end of the billing period), changed
// by f.
func newSub(t *testing.T, app *testkit.App, f func(*subscriptions.Subscription)) subscriptions.Subscription {
	t.Helper()
	now := app.Clock.Now()
	s := subscriptions.Subscription{
		ID: uuid.NewString(), PartnerID: demo.ContosoID, CustomerID: customerID, OfferID: uuid.NewString(),
		OfferName: "Microsoft 365 E3", OrderID: uuid.NewString(), Quantity: 10, Frequency: subscriptions.Monthly,
		BillingType: subscriptions.License, UnitPrice: 3600, Status: subscriptions.Active, TermStart: now,
		TermEnd: subscriptions.FirstTermEnd(now, subscriptions.Monthly), AutoRenew: true, PurchasedAt: now, FirstBillingStart: now, CreatedAt: now,
	}
	if f != nil {
		f(&s)
	}
	if err := app.DB.Create(&s).Error; err != nil {
		t.Fatal(err)
	}
	return s
}

func reload(t *testing.T, app *testkit.App, id string) subscriptions.Subscription {
	t.Helper()
	var s subscriptions.Subscription
	if err := app.DB.Where("id = ?", id).Take(&s).Error; err != nil {
		t.Fatal(err)
	}
	return s
}

func lines(t *testing.T, app *testkit.App, id, reason string) []billing.Line {
	t.Helper()
	var ls []billing.Line
	if err := app.DB.Where("resource_id = ? AND reason = ?", id, reason).Order("at, id").Find(&ls).Error; err != nil {
		t.Fatal(err)
	}
	return ls
}

func run(t *testing.T, app *testkit.App) lifecycle.Report {
	t.Helper()
	rep, err := engine(app).Run(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return rep
}

// snapshot reads every row of the tables the engine writes.
func snapshot(t *testing.T, app *testkit.App) string {
	t.Helper()
	out := map[string]any{}
	for _, table := range []string{"subscriptions", "invoices", "invoice_lines", "activity_entries"} {
		var rows []map[string]any
		if err := app.DB.Table(table).Order("id").Find(&rows).Error; err != nil {
			t.Fatal(err)
		}
		out[table] = rows
	}
	b, err := json.Marshal(out)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// LIFE-1: running the engine twice at the same time changes nothing the
// second time.
func TestEngineIsIdempotent_LIFE1(t *testing.T) {
	app := testkit.New(t)
	now := app.Clock.Now()
	trialEnd := now.Add(3 * day)
	retention := now.Add(10 * day)
	newSub(t, app, nil)
	newSub(t, app, func(s *subscriptions.Subscription) { s.AutoRenew = false })
	newSub(t, app, func(s *subscriptions.Subscription) { s.CancelAtTermEnd, s.AutoRenew = true, false })
	newSub(t, app, func(s *subscriptions.Subscription) { s.Status, s.TrialEnd = subscriptions.Trial, &trialEnd })
	newSub(t, app, func(s *subscriptions.Subscription) {
		s.Status, s.TrialEnd, s.PaidOfferID = subscriptions.Trial, &trialEnd, uuid.NewString()
	})
	newSub(t, app, func(s *subscriptions.Subscription) {
		s.Status, s.SuspendedAt, s.RetentionEnd = subscriptions.Suspended, &now, &retention
	})
	app.Clock.Advance(70 * day)
	first := run(t, app)
	if first.Subscriptions == 0 || first.InvoicesIssued == 0 {
		t.Fatalf("first run changed nothing: %+v", first)
	}
	before := snapshot(t, app)
	second := run(t, app)
	if second != (lifecycle.Report{}) {
		t.Fatalf("second run reported changes: %+v", second)
	}
	if after := snapshot(t, app); after != before {
		t.Fatal("second run at the same time changed rows")
	}
}

// LIFE-1, SUB-9: after a jump of 95 days a monthly subscription renews once
// per missed term, in order, each renewal a whole calendar month charged
// once and dated at the end of the term it follows (the 1st of the month).
func TestEngineCatchesUpMissedRenewals_LIFE1_SUB9(t *testing.T) {
	app := testkit.New(t)
	s := newSub(t, app, nil)    // Nov 20 09:00, first term to Dec 1
	app.Clock.Advance(95 * day) // Feb 23
	run(t, app)
	got := reload(t, app, s.ID)
	ends := []time.Time{
		time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC), time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC),
		time.Date(2027, 2, 1, 0, 0, 0, 0, time.UTC), time.Date(2027, 3, 1, 0, 0, 0, 0, time.UTC),
	}
	if !s.TermEnd.Equal(ends[0]) {
		t.Fatalf("first term ends %v, want %v", s.TermEnd, ends[0])
	}
	// Terms ended on Dec 1, Jan 1, Feb 1 (all before Feb 23): three
	// renewals of a whole month, 3600 × 10 each, each on its month's invoice.
	rs := lines(t, app, s.ID, subscriptions.ReasonRenewal)
	if len(rs) != 3 {
		t.Fatalf("%d renewal lines, want 3", len(rs))
	}
	for i, l := range rs {
		if !l.At.Equal(ends[i]) || l.Amount != 36000 {
			t.Errorf("renewal %d at %v amount %d, want at %v amount 36000", i, l.At, l.Amount, ends[i])
		}
		var inv billing.Invoice
		app.DB.Where("id = ?", l.InvoiceID).Take(&inv)
		if !inv.PeriodStart.Equal(ends[i]) {
			t.Errorf("renewal %d on the invoice of %v, want %v", i, inv.PeriodStart, ends[i])
		}
	}
	if !got.TermStart.Equal(ends[2]) || !got.TermEnd.Equal(ends[3]) || got.Status != subscriptions.Active {
		t.Fatalf("term %v..%v status %s, want %v..%v active", got.TermStart, got.TermEnd, got.Status, ends[2], ends[3])
	}
	// BILL-1: each renewal is on its own period's invoice, issued at the
	// period's end; the current period's stays open.
	var invs []billing.Invoice
	app.DB.Where("customer_id = ?", customerID).Order("period_start").Find(&invs)
	for _, inv := range invs {
		wantIssued := !inv.PeriodEnd.After(app.Clock.Now())
		if (inv.Status == billing.Issued) != wantIssued || (wantIssued && (inv.IssuedAt == nil || !inv.IssuedAt.Equal(inv.PeriodEnd))) {
			t.Errorf("invoice %s: status %s issued %v", inv.PeriodStart.Format("2006-01"), inv.Status, inv.IssuedAt)
		}
	}
	var entries int64
	app.DB.Model(&activity.Entry{}).Where("resource_id = ? AND action = ? AND actor_name = ?", s.ID, subscriptions.ActionRenewed, activity.System.Name).Count(&entries)
	if entries != 3 {
		t.Errorf("%d renewal entries by the system, want 3", entries)
	}
}

// SUB-9, SUB-6: at the term's end, auto-renew off ends the subscription as
// expired, a scheduled cancellation as cancelled; neither is charged, and
// their add-ons end with them.
func TestEngineEndsTermsWithoutRenewal_SUB9_SUB6(t *testing.T) {
	app := testkit.New(t)
	off := newSub(t, app, func(s *subscriptions.Subscription) { s.AutoRenew = false })
	scheduled := newSub(t, app, func(s *subscriptions.Subscription) { s.CancelAtTermEnd, s.AutoRenew = true, false })
	addon := newSub(t, app, func(s *subscriptions.Subscription) { s.ParentID, s.OfferName = scheduled.ID, "Teams Phone" })
	app.Clock.Set(off.TermEnd.Add(-time.Second))
	run(t, app)
	if got := reload(t, app, off.ID); got.Status != subscriptions.Active {
		t.Fatalf("one second before the term's end: %s", got.Status)
	}
	app.Clock.Set(off.TermEnd)
	run(t, app)
	if got := reload(t, app, off.ID); got.Status != subscriptions.Expired || got.AutoRenew {
		t.Errorf("auto-renew off: status %s", got.Status)
	}
	got := reload(t, app, scheduled.ID)
	if got.Status != subscriptions.Cancelled || got.CancelledAt == nil || !got.CancelledAt.Equal(scheduled.TermEnd) {
		t.Errorf("scheduled cancellation: status %s at %v", got.Status, got.CancelledAt)
	}
	if got := reload(t, app, addon.ID); got.Status != subscriptions.Cancelled {
		t.Errorf("add-on of the cancelled subscription: %s", got.Status)
	}
	if n := len(lines(t, app, off.ID, subscriptions.ReasonRenewal)) + len(lines(t, app, scheduled.ID, subscriptions.ReasonRenewal)); n != 0 {
		t.Errorf("%d renewal lines for ended subscriptions", n)
	}
}

// CAT-10: a partner SaaS trial converts to paid at the end of its 30 days:
// its term starts then and runs to the end of that billing period, charged
// prorated; it then renews every calendar month.
func TestTrialConvertsOnDay30_CAT10(t *testing.T) {
	app := testkit.New(t)
	now := app.Clock.Now()
	trialEnd := now.Add(30 * day)
	s := newSub(t, app, func(s *subscriptions.Subscription) {
		s.Status, s.TrialEnd, s.OfferName, s.UnitPrice = subscriptions.Trial, &trialEnd, "Contoso Backup", 400
		s.TermEnd = trialEnd
	})
	app.Clock.Set(trialEnd.Add(-time.Minute))
	run(t, app)
	if got := reload(t, app, s.ID); got.Status != subscriptions.Trial {
		t.Fatalf("day 29 23:59: %s", got.Status)
	}
	app.Clock.Set(trialEnd)
	run(t, app)
	got := reload(t, app, s.ID)
	// Dec 20 09:00 → Jan 1: 12 of December's 31 days of 400 × 10 = 1548.39.
	jan1 := time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC)
	if got.Status != subscriptions.Active || !got.TermStart.Equal(trialEnd) || !got.TermEnd.Equal(jan1) {
		t.Fatalf("day 30: status %s term %v..%v", got.Status, got.TermStart, got.TermEnd)
	}
	ls := lines(t, app, s.ID, subscriptions.ReasonTrialConversion)
	if len(ls) != 1 || ls[0].Amount != money.Cents(1548) || !ls[0].At.Equal(trialEnd) {
		t.Fatalf("conversion lines %+v", ls)
	}
	app.Clock.Set(got.TermEnd)
	run(t, app)
	rs := lines(t, app, s.ID, subscriptions.ReasonRenewal)
	if len(rs) != 1 || rs[0].Amount != 4000 || !rs[0].At.Equal(jan1) {
		t.Fatalf("renewals after the first paid term: %+v", rs)
	}
	if got := reload(t, app, s.ID); !got.TermStart.Equal(jan1) || !got.TermEnd.Equal(jan1.AddDate(0, 1, 0)) {
		t.Fatalf("second paid term %v..%v, want January", got.TermStart, got.TermEnd)
	}
}

// CAT-12: a Microsoft trial that was not converted expires at its end,
// without charge.
func TestMicrosoftTrialExpires_CAT12(t *testing.T) {
	app := testkit.New(t)
	trialEnd := app.Clock.Now().Add(30 * day)
	s := newSub(t, app, func(s *subscriptions.Subscription) {
		s.Status, s.TrialEnd, s.PaidOfferID, s.UnitPrice, s.Quantity = subscriptions.Trial, &trialEnd, uuid.NewString(), 0, 25
	})
	app.Clock.Set(trialEnd)
	run(t, app)
	if got := reload(t, app, s.ID); got.Status != subscriptions.Expired {
		t.Fatalf("status %s, want expired", got.Status)
	}
	if n := len(lines(t, app, s.ID, subscriptions.ReasonTrialConversion)); n != 0 {
		t.Fatalf("%d conversion lines", n)
	}
}

// SUB-5: a suspended subscription is deleted when its retention ends, not
// before.
func TestSuspendedDeletedAfterRetention_SUB5(t *testing.T) {
	app := testkit.New(t)
	now := app.Clock.Now()
	retention := now.Add(time.Hour)
	s := newSub(t, app, func(s *subscriptions.Subscription) {
		s.Status, s.SuspendedAt, s.RetentionEnd = subscriptions.Suspended, &now, &retention
	})
	run(t, app)
	if got := reload(t, app, s.ID); got.Status != subscriptions.Suspended {
		t.Fatalf("before retention end: %s", got.Status)
	}
	app.Clock.Set(retention)
	run(t, app)
	if got := reload(t, app, s.ID); got.Status != subscriptions.Deleted {
		t.Fatalf("at retention end: %s", got.Status)
	}
	var e activity.Entry
	if err := app.DB.Where("resource_id = ? AND action = ?", s.ID, subscriptions.ActionDeleted).Take(&e).Error; err != nil || e.Before == "" || e.After == "" {
		t.Fatalf("deletion entry %+v: %v", e, err)
	}
}

// BILL-1: at a period's end its open invoice is issued; a later line opens
// the next period's invoice.
func TestBillingPeriodClose_BILL1(t *testing.T) {
	app := testkit.New(t)
	ledger := billing.Ledger{DB: app.DB}
	ctx := context.Background()
	now := app.Clock.Now()
	first, err := ledger.Post(ctx, billing.Entry{PartnerID: demo.ContosoID, CustomerID: customerID, At: now, Reason: "purchase", Description: "x", Amount: 1000})
	if err != nil {
		t.Fatal(err)
	}
	_, end := billing.PeriodOf(now)
	app.Clock.Set(end)
	run(t, app)
	var inv billing.Invoice
	app.DB.Where("id = ?", first.InvoiceID).Take(&inv)
	if inv.Status != billing.Issued || inv.IssuedAt == nil {
		t.Fatalf("invoice after period end: %+v", inv)
	}
	next, err := ledger.Post(ctx, billing.Entry{PartnerID: demo.ContosoID, CustomerID: customerID, At: app.Clock.Now(), Reason: "purchase", Description: "y", Amount: 500})
	if err != nil {
		t.Fatal(err)
	}
	if next.InvoiceID == first.InvoiceID {
		t.Fatal("a line after the close landed on the issued invoice")
	}
}

// LIFE-1: Due names each time-driven event at its edge.
func TestDueEdges_LIFE1(t *testing.T) {
	t0 := time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC)
	te := t0.Add(30 * day)
	base := subscriptions.Subscription{Status: subscriptions.Active, TermEnd: te, AutoRenew: true}
	cases := []struct {
		name string
		s    subscriptions.Subscription
		at   time.Time
		want string
	}{
		{"before term end", base, te.Add(-1), ""},
		{"renewal at term end", base, te, subscriptions.EventRenewal},
		{"auto-renew off", func() subscriptions.Subscription { s := base; s.AutoRenew = false; return s }(), te, subscriptions.EventTermEnd},
		{"bought directly: never", func() subscriptions.Subscription { s := base; s.BoughtDirectly = true; return s }(), te, ""},
		{"saas trial", subscriptions.Subscription{Status: subscriptions.Trial, TrialEnd: &te}, te, subscriptions.EventTrialConversion},
		{"microsoft trial", subscriptions.Subscription{Status: subscriptions.Trial, TrialEnd: &te, PaidOfferID: "x"}, te, subscriptions.EventTrialExpiry},
		{"suspended before retention end", subscriptions.Subscription{Status: subscriptions.Suspended, RetentionEnd: &te}, te.Add(-1), ""},
		{"suspended at retention end", subscriptions.Subscription{Status: subscriptions.Suspended, RetentionEnd: &te}, te, subscriptions.EventDeletion},
		{"cancelled: nothing", subscriptions.Subscription{Status: subscriptions.Cancelled, TermEnd: te}, te.Add(day), ""},
	}
	for _, c := range cases {
		if got := subscriptions.Due(c.s, c.at); got.Kind != c.want {
			t.Errorf("%s: %q, want %q", c.name, got.Kind, c.want)
		}
	}
}
