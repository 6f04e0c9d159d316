package subscriptions

import (
	"testing"
	"time"

	"portal/internal/platform/money"
)

var t0 = time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC)

// SUB-6: the immediate cancellation window is 24 hours (monthly) or 14 days
// (annual) after the order; it is open strictly before the deadline.
func TestCancellationWindowEdges_SUB6(t *testing.T) {
	cases := []struct {
		name      string
		frequency string
		elapsed   time.Duration
		inside    bool
	}{
		{"monthly just bought", Monthly, 0, true},
		{"monthly 23h59m inside", Monthly, 23*time.Hour + 59*time.Minute, true},
		{"monthly 24h-1ns inside", Monthly, 24*time.Hour - 1, true},
		{"monthly exactly 24h outside", Monthly, 24 * time.Hour, false},
		{"monthly 24h+1ns outside", Monthly, 24*time.Hour + 1, false},
		{"annual 13d23h59m inside", Annual, 14*day - time.Minute, true},
		{"annual exactly 14 days outside", Annual, 14 * day, false},
		{"annual 14 days+1ns outside", Annual, 14*day + 1, false},
		{"annual 24h inside", Annual, 24 * time.Hour, true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s := Subscription{Frequency: c.frequency, PurchasedAt: t0}
			if got := InCancellationWindow(s, t0.Add(c.elapsed)); got != c.inside {
				t.Fatalf("inside = %v, want %v", got, c.inside)
			}
		})
	}
	if got := CancellationWindow(Subscription{Frequency: Monthly, PurchasedAt: t0}); !got.Equal(t0.Add(24 * time.Hour)) {
		t.Errorf("monthly deadline %v", got)
	}
	if got := CancellationWindow(Subscription{Frequency: Annual, PurchasedAt: t0}); !got.Equal(t0.AddDate(0, 0, 14)) {
		t.Errorf("annual deadline %v", got)
	}
}

// SUB-4: retention is 90 days, plus the days from account opening to the
// first billing period, capped at 120 days.
func TestRetentionEnd_SUB4(t *testing.T) {
	suspended := t0
	cases := []struct {
		name         string
		opened, bill time.Time
		wantDays     int
	}{
		{"no gap: 90", t0.AddDate(-1, 0, 0), t0.AddDate(-1, 0, 0), 90},
		{"billing before opening counts as no gap: 90", t0.AddDate(0, 0, -10), t0.AddDate(0, 0, -20), 90},
		{"gap 10 days: 100", t0.AddDate(0, 0, -100), t0.AddDate(0, 0, -90), 100},
		{"gap 10 days 23h: whole days only, 100", t0.AddDate(0, 0, -100), t0.AddDate(0, 0, -90).Add(23 * time.Hour), 100},
		{"gap 29 days: 119", t0.AddDate(0, 0, -60), t0.AddDate(0, 0, -31), 119},
		{"gap 30 days: 120", t0.AddDate(0, 0, -60), t0.AddDate(0, 0, -30), 120},
		{"gap 31 days: capped at 120", t0.AddDate(0, 0, -60), t0.AddDate(0, 0, -29), 120},
		{"gap 400 days: capped at 120", t0.AddDate(-2, 0, 0), t0.AddDate(-1, 0, 0), 120},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := RetentionEnd(suspended, c.opened, c.bill)
			if want := suspended.AddDate(0, 0, c.wantDays); !got.Equal(want) {
				t.Fatalf("RetentionEnd = %v, want %v (%d days)", got, want, c.wantDays)
			}
		})
	}
}

// SUB-2: a quantity change is prorated by the days left in the term, the
// current day included: full price on the first day, 1/30 on the last.
func TestQuantityChangeProration_SUB2(t *testing.T) {
	start := t0
	end := AddMonths(start, 1) // 30 days: Nov 20 → Dec 20
	s := Subscription{UnitPrice: 3000, TermStart: start, TermEnd: end, Frequency: Monthly}
	cases := []struct {
		name     string
		at       time.Time
		old, new int
		want     money.Cents
	}{
		{"first day, +2 charges the full term", start, 10, 12, 6000},
		{"first day, later hour still counts 30 days", start.Add(5 * time.Hour), 10, 12, 6000},
		{"middle day (15 left), +2", start.AddDate(0, 0, 15), 10, 12, 3000},
		{"middle day (15 left), -1 credits", start.AddDate(0, 0, 15), 10, 9, -1500},
		{"last day, +1 charges one day", end.Add(-time.Hour), 10, 11, 100},
		{"last day, -3 credits one day", start.AddDate(0, 0, 29), 10, 7, -300},
		{"after the term: nothing", end, 10, 12, 0},
		{"no change: nothing", start.AddDate(0, 0, 3), 10, 10, 0},
		{"rounding half away from zero: 7 of 30 days of $1.00", start.AddDate(0, 0, 23), 1, 2, 0},
	}
	cases[len(cases)-1].want = money.Prorate(3000, 7, 30)
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := QuantityChangeAmount(s, c.old, c.new, c.at); got != c.want {
				t.Fatalf("amount = %d, want %d", got, c.want)
			}
		})
	}
	annual := Subscription{UnitPrice: 36500, TermStart: start, TermEnd: start.AddDate(1, 0, 0), Frequency: Annual}
	if got := QuantityChangeAmount(annual, 1, 2, start.AddDate(0, 0, 265)); got != 10000 {
		t.Errorf("annual, 100 of 365 days left: %d, want 10000", got)
	}
}

// SUB-6: the full credit of an immediate cancellation is what the current
// term was charged.
func TestCancelCredit_SUB6(t *testing.T) {
	for _, c := range []struct {
		charged, want money.Cents
	}{{43200, -43200}, {0, 0}, {-500, 0}} {
		if got := CancelCredit(c.charged); got != c.want {
			t.Errorf("CancelCredit(%d) = %d, want %d", c.charged, got, c.want)
		}
	}
}

// SUB-9: a renewal starts where the term ended and lasts one billing period;
// month ends are clamped.
func TestNextTerm_SUB9(t *testing.T) {
	cases := []struct {
		name      string
		end       time.Time
		frequency string
		want      time.Time
	}{
		{"monthly", t0, Monthly, time.Date(2026, 12, 20, 9, 0, 0, 0, time.UTC)},
		{"monthly across the year", time.Date(2026, 12, 20, 9, 0, 0, 0, time.UTC), Monthly, time.Date(2027, 1, 20, 9, 0, 0, 0, time.UTC)},
		{"monthly from Jan 31 clamps to Feb 28", time.Date(2027, 1, 31, 0, 0, 0, 0, time.UTC), Monthly, time.Date(2027, 2, 28, 0, 0, 0, 0, time.UTC)},
		{"annual", t0, Annual, time.Date(2027, 11, 20, 9, 0, 0, 0, time.UTC)},
		{"annual from Feb 29 clamps to Feb 28", time.Date(2028, 2, 29, 0, 0, 0, 0, time.UTC), Annual, time.Date(2029, 2, 28, 0, 0, 0, 0, time.UTC)},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			start, end := NextTerm(c.end, c.frequency)
			if !start.Equal(c.end) || !end.Equal(c.want) {
				t.Fatalf("NextTerm = %v..%v, want %v..%v", start, end, c.end, c.want)
			}
		})
	}
}

// SUB-3: monthly add-ons end with the parent's term, prorated; annual add-ons
// get a full term of their own, charged in full.
func TestAddOnTerm_SUB3(t *testing.T) {
	monthly := Subscription{Frequency: Monthly, TermStart: t0, TermEnd: AddMonths(t0, 1)}
	at := t0.AddDate(0, 0, 20) // 10 of 30 days left
	start, end, charge := AddOnTerm(monthly, 800, 3, at)
	if !start.Equal(at) || !end.Equal(monthly.TermEnd) || charge != 800 {
		t.Errorf("monthly add-on: %v..%v charge %d, want ..%v charge 800", start, end, charge, monthly.TermEnd)
	}
	annual := Subscription{Frequency: Annual, TermStart: t0, TermEnd: t0.AddDate(1, 0, 0)}
	start, end, charge = AddOnTerm(annual, 9600, 3, at)
	if !start.Equal(at) || !end.Equal(at.AddDate(1, 0, 0)) || charge != 28800 {
		t.Errorf("annual add-on: %v..%v charge %d", start, end, charge)
	}
}

// SUB-5, SUB-6, SUB-7, SUB-9, CAT-12, CUST-4: what each state allows.
func TestAllowedActions_SUB5_SUB6_SUB7_CUST4(t *testing.T) {
	retention := t0.AddDate(0, 0, 90)
	base := Subscription{Status: Active, BillingType: License, Frequency: Monthly, PurchasedAt: t0,
		TermStart: t0, TermEnd: AddMonths(t0, 1), AutoRenew: true}
	with := func(f func(*Subscription)) Subscription { s := base; f(&s); return s }
	cases := []struct {
		name string
		s    Subscription
		at   time.Time
		want Actions
	}{
		{"active inside the window", base, t0.Add(time.Hour),
			Actions{ChangeQuantity: true, BuyAddOns: true, Suspend: true, CancelNow: true, AutoRenew: true}},
		{"active after the window: cancel at renewal only", base, t0.Add(24 * time.Hour),
			Actions{ChangeQuantity: true, BuyAddOns: true, Suspend: true, CancelAtEnd: true, AutoRenew: true}},
		{"scheduled cancellation: undo until the term ends", with(func(s *Subscription) { s.CancelAtTermEnd, s.AutoRenew = true, false }), t0.AddDate(0, 0, 10),
			Actions{Suspend: true, UndoCancel: true}},
		{"bought directly: nothing (CUST-4)", with(func(s *Subscription) { s.BoughtDirectly = true }), t0, Actions{}},
		{"usage-based: deprovision only (SUB-7)", with(func(s *Subscription) { s.BillingType = Usage }), t0, Actions{Deprovision: true}},
		{"suspended before retention end: reactivate", with(func(s *Subscription) { s.Status, s.RetentionEnd = Suspended, &retention }), retention.Add(-time.Second), Actions{Reactivate: true}},
		{"suspended at retention end: nothing (SUB-5)", with(func(s *Subscription) { s.Status, s.RetentionEnd = Suspended, &retention }), retention, Actions{}},
		{"cancelled: nothing", with(func(s *Subscription) { s.Status = Cancelled }), t0, Actions{}},
		{"deleted: nothing", with(func(s *Subscription) { s.Status = Deleted }), t0, Actions{}},
		{"Microsoft trial: convert (CAT-12)", with(func(s *Subscription) { s.Status, s.PaidOfferID = Trial, "paid" }), t0, Actions{Convert: true}},
		{"add-on: no add-ons of its own", with(func(s *Subscription) { s.ParentID = "p" }), t0.AddDate(0, 0, 3),
			Actions{ChangeQuantity: true, Suspend: true, CancelAtEnd: true, AutoRenew: true}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := Allowed(c.s, c.at); got != c.want {
				t.Fatalf("Allowed = %+v\nwant      %+v", got, c.want)
			}
		})
	}
}
