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

func at(s string) time.Time {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		panic(err)
	}
	return t
}

// SUB-2: a quantity change is prorated by the days left in the term (UTC
// calendar dates, today included) over the days of the term's calendar
// month for monthly billing — a partial first term included — and over the
// term's days for annual billing.
func TestQuantityChangeProration_SUB2(t *testing.T) {
	first := Subscription{UnitPrice: 3000, Frequency: Monthly, TermStart: t0, TermEnd: at("2026-12-01T00:00:00Z")} // Nov 20–30
	dec := Subscription{UnitPrice: 3100, Frequency: Monthly, TermStart: at("2026-12-01T00:00:00Z"), TermEnd: at("2027-01-01T00:00:00Z")}
	nov := Subscription{UnitPrice: 15, Frequency: Monthly, TermStart: at("2026-11-01T00:00:00Z"), TermEnd: at("2026-12-01T00:00:00Z")}
	feb := Subscription{UnitPrice: 2900, Frequency: Monthly, TermStart: at("2028-02-01T00:00:00Z"), TermEnd: at("2028-03-01T00:00:00Z")}
	cases := []struct {
		name     string
		s        Subscription
		at       time.Time
		old, new int
		want     money.Cents
	}{
		{"first partial term, day of purchase, +2: 11 of the month's 30 days, not the whole term", first, t0, 10, 12, 2200},
		{"first partial term, later hour of the same day: still 11 days", first, t0.Add(5 * time.Hour), 10, 12, 2200},
		{"first partial term, Nov 25 (6 days left), +2", first, at("2026-11-25T18:00:00Z"), 10, 12, 1200},
		{"first partial term, Nov 25, -1 credits", first, at("2026-11-25T00:00:00Z"), 10, 9, -600},
		{"first partial term, last day, +1 charges one day", first, at("2026-11-30T23:59:59Z"), 10, 11, 100},
		{"at the term's end: nothing", first, at("2026-12-01T00:00:00Z"), 10, 12, 0},
		{"before the term's start counts from the start", first, t0.Add(-time.Hour), 1, 2, 1100},
		{"whole December, first day, +1: full price", dec, at("2026-12-01T00:00:00Z"), 1, 2, 3100},
		{"whole December, Dec 17 (15 of 31 days), +1", dec, at("2026-12-17T08:00:00Z"), 1, 2, 1500},
		{"whole December, last day, -1 credits one day", dec, at("2026-12-31T22:00:00Z"), 2, 1, -100},
		{"whole December, a time east of UTC counts the UTC date", dec, at("2026-12-17T01:00:00+02:00"), 1, 2, 1600}, // Dec 16 23:00 UTC: 16 days
		{"leap February, last day: 1 of 29", feb, at("2028-02-29T12:00:00Z"), 1, 2, 100},
		{"half a cent rounds away from zero: 15 × 15/30", nov, at("2026-11-16T10:00:00Z"), 1, 2, 8},
		{"half a cent credit rounds away from zero", nov, at("2026-11-16T10:00:00Z"), 2, 1, -8},
		{"no change: nothing", first, t0, 10, 10, 0},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := QuantityChangeAmount(c.s, c.old, c.new, c.at); got != c.want {
				t.Fatalf("amount = %d, want %d", got, c.want)
			}
		})
	}
	annual := Subscription{UnitPrice: 36500, TermStart: t0, TermEnd: t0.AddDate(1, 0, 0), Frequency: Annual}
	if got := QuantityChangeAmount(annual, 1, 2, t0.AddDate(0, 0, 265)); got != 10000 {
		t.Errorf("annual, 100 of 365 days left: %d, want 10000", got)
	}
	if got := QuantityChangeAmount(annual, 1, 2, t0); got != 36500 {
		t.Errorf("annual, first day: %d, want 36500", got)
	}
}

// SUB-9, CAT-7, CAT-10, CAT-12: a term that starts at start ends, monthly,
// at the end of start's billing period (calendar month, UTC); annually one
// year later.
func TestFirstTermEnd_SUB9_CAT7_CAT10_CAT12(t *testing.T) {
	cases := []struct {
		name      string
		start     string
		frequency string
		want      string
	}{
		{"monthly, Nov 20: the rest of November", "2026-11-20T09:00:00Z", Monthly, "2026-12-01T00:00:00Z"},
		{"monthly, first moment of the month: the whole month", "2026-11-01T00:00:00Z", Monthly, "2026-12-01T00:00:00Z"},
		{"monthly, the 1st later in the day: the whole month", "2026-11-01T10:00:00Z", Monthly, "2026-12-01T00:00:00Z"},
		{"monthly, last second of the month", "2026-11-30T23:59:59Z", Monthly, "2026-12-01T00:00:00Z"},
		{"monthly, Dec 31: across the year", "2026-12-31T12:00:00Z", Monthly, "2027-01-01T00:00:00Z"},
		{"monthly, Jan 31", "2027-01-31T15:30:00Z", Monthly, "2027-02-01T00:00:00Z"},
		{"monthly, leap day", "2028-02-29T08:00:00Z", Monthly, "2028-03-01T00:00:00Z"},
		{"monthly, months are UTC: Nov 30 22:00 at -05:00 is in December", "2026-11-30T22:00:00-05:00", Monthly, "2027-01-01T00:00:00Z"},
		{"annual: one year from the start", "2026-11-20T09:00:00Z", Annual, "2027-11-20T09:00:00Z"},
		{"annual from Feb 29 ends Feb 28", "2028-02-29T00:00:00Z", Annual, "2029-02-28T00:00:00Z"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := FirstTermEnd(at(c.start), c.frequency); !got.Equal(at(c.want)) {
				t.Fatalf("FirstTermEnd = %v, want %s", got, c.want)
			}
		})
	}
}

// SUB-9: a renewal starts where the term ended; a monthly one is the next
// whole calendar month, an annual one a year.
func TestNextTerm_SUB9(t *testing.T) {
	cases := []struct {
		name      string
		end       string
		frequency string
		want      string
	}{
		{"monthly: December", "2026-12-01T00:00:00Z", Monthly, "2027-01-01T00:00:00Z"},
		{"monthly: January, across the year", "2027-01-01T00:00:00Z", Monthly, "2027-02-01T00:00:00Z"},
		{"monthly: common February, 28 days", "2027-02-01T00:00:00Z", Monthly, "2027-03-01T00:00:00Z"},
		{"monthly: leap February, 29 days", "2028-02-01T00:00:00Z", Monthly, "2028-03-01T00:00:00Z"},
		{"monthly: a term that ended mid-month (set before this rule) renews to the month's end", "2026-12-20T09:00:00Z", Monthly, "2027-01-01T00:00:00Z"},
		{"annual", "2026-11-20T09:00:00Z", Annual, "2027-11-20T09:00:00Z"},
		{"annual from Feb 29 clamps to Feb 28", "2028-02-29T00:00:00Z", Annual, "2029-02-28T00:00:00Z"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			start, end := NextTerm(at(c.end), c.frequency)
			if !start.Equal(at(c.end)) || !end.Equal(at(c.want)) {
				t.Fatalf("NextTerm = %v..%v, want %s..%s", start, end, c.end, c.want)
			}
		})
	}
}

// SUB-9, CAT-7, CAT-10, CAT-12, BILL-1: what a term costs, in cents: annual
// the full price; monthly the month's price by the term's UTC calendar days
// (the first included) over the days of its month.
func TestTermCharge_SUB9_CAT7_CAT10_CAT12_BILL1(t *testing.T) {
	cases := []struct {
		name       string
		frequency  string
		unit       money.Cents
		qty        int
		start, end string
		want       money.Cents
	}{
		{"first term from Nov 20: 11/30", Monthly, 4320, 10, "2026-11-20T09:00:00Z", "2026-12-01T00:00:00Z", 15840},
		{"first term from Nov 1: the whole month", Monthly, 4320, 10, "2026-11-01T00:00:00Z", "2026-12-01T00:00:00Z", 43200},
		{"first term from the 1st at 10:00: the whole month", Monthly, 4320, 10, "2028-02-01T10:00:00Z", "2028-03-01T00:00:00Z", 43200},
		{"first term on the last day: 1/30", Monthly, 4320, 10, "2026-11-30T23:59:59Z", "2026-12-01T00:00:00Z", 1440},
		{"first term on Jan 31: 1/31", Monthly, 4320, 10, "2027-01-31T15:30:00Z", "2027-02-01T00:00:00Z", 1394},             // 1393.55
		{"first term of 16 days in a 31-day month", Monthly, 4320, 1, "2026-12-16T12:00:00Z", "2027-01-01T00:00:00Z", 2230}, // 2229.68
		{"first term on a leap day: 1/29", Monthly, 4320, 1, "2028-02-29T08:00:00Z", "2028-03-01T00:00:00Z", 149},           // 148.97
		{"half a cent rounds away from zero", Monthly, 15, 1, "2026-11-16T10:00:00Z", "2026-12-01T00:00:00Z", 8},            // 7.5
		{"renewal: whole December (31 days)", Monthly, 4320, 10, "2026-12-01T00:00:00Z", "2027-01-01T00:00:00Z", 43200},
		{"renewal: whole common February (28 days)", Monthly, 4320, 10, "2027-02-01T00:00:00Z", "2027-03-01T00:00:00Z", 43200},
		{"CAT-10 trial converting Dec 20 09:00: 12/31", Monthly, 400, 10, "2026-12-20T09:00:00Z", "2027-01-01T00:00:00Z", 1548}, // 1548.39
		{"term set before this rule (Nov 20 → Dec 20) is a full month at most", Monthly, 4320, 1, "2026-11-20T09:00:00Z", "2026-12-20T09:00:00Z", 4320},
		{"annual: the full year", Annual, 43200, 10, "2026-11-20T09:00:00Z", "2027-11-20T09:00:00Z", 432000},
		{"annual from the last day of a month: still the full year", Annual, 43200, 1, "2026-11-30T23:00:00Z", "2027-11-30T23:00:00Z", 43200},
		{"no licenses: nothing", Monthly, 4320, 0, "2026-11-20T09:00:00Z", "2026-12-01T00:00:00Z", 0},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s := Subscription{Frequency: c.frequency, UnitPrice: c.unit, Quantity: c.qty, TermStart: at(c.start), TermEnd: at(c.end)}
			if got := TermCharge(s); got != c.want {
				t.Fatalf("TermCharge = %d, want %d", got, c.want)
			}
		})
	}
}

// BILL-1: the proration basis of monthly terms: UTC calendar dates from the
// start's date (counted) to the end, and the days of the start's month.
func TestMonthDays_BILL1(t *testing.T) {
	cases := []struct {
		from, end       string
		days, monthDays int
	}{
		{"2026-11-01T00:00:00Z", "2026-12-01T00:00:00Z", 30, 30},
		{"2026-11-30T23:59:59Z", "2026-12-01T00:00:00Z", 1, 30},
		{"2026-12-31T00:00:00Z", "2027-01-01T00:00:00Z", 1, 31},
		{"2028-02-29T00:00:00Z", "2028-03-01T00:00:00Z", 1, 29},
		{"2027-02-01T00:00:00Z", "2027-03-01T00:00:00Z", 28, 28},
		{"2026-11-20T23:30:00-05:00", "2026-12-01T00:00:00Z", 10, 30}, // 04:30 UTC on Nov 21
		{"2026-12-01T00:00:00Z", "2026-12-01T00:00:00Z", 0, 31},
	}
	for _, c := range cases {
		days, month := MonthDays(at(c.from), at(c.end))
		if days != c.days || month != c.monthDays {
			t.Errorf("%s → %s: %d/%d, want %d/%d", c.from, c.end, days, month, c.days, c.monthDays)
		}
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

// SUB-3: monthly add-ons end with the parent's term, charged by the days
// left in it over the days of its calendar month (the same basis as SUB-2);
// annual add-ons get a full term of their own, charged in full.
func TestAddOnTerm_SUB3(t *testing.T) {
	cases := []struct {
		name   string
		parent Subscription
		at     time.Time
		end    time.Time
		charge money.Cents
	}{
		{"monthly parent in its first partial term: Nov 25, 6 of 30 days", Subscription{Frequency: Monthly, TermStart: t0, TermEnd: at("2026-12-01T00:00:00Z")},
			at("2026-11-25T10:00:00Z"), at("2026-12-01T00:00:00Z"), 480},
		{"monthly parent in December: Dec 21, 11 of 31 days", Subscription{Frequency: Monthly, TermStart: at("2026-12-01T00:00:00Z"), TermEnd: at("2027-01-01T00:00:00Z")},
			at("2026-12-21T10:00:00Z"), at("2027-01-01T00:00:00Z"), 852}, // 851.6
		{"monthly parent, bought on the day its term starts: full month", Subscription{Frequency: Monthly, TermStart: at("2026-12-01T00:00:00Z"), TermEnd: at("2027-01-01T00:00:00Z")},
			at("2026-12-01T08:00:00Z"), at("2027-01-01T00:00:00Z"), 2400},
		{"annual parent: a year of its own, in full", Subscription{Frequency: Annual, TermStart: t0, TermEnd: t0.AddDate(1, 0, 0)},
			t0.AddDate(0, 0, 20), t0.AddDate(1, 0, 20), 2400},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			start, end, charge := AddOnTerm(c.parent, 800, 3, c.at)
			if !start.Equal(c.at) || !end.Equal(c.end) || charge != c.charge {
				t.Fatalf("%v..%v charge %d, want %v..%v charge %d", start, end, charge, c.at, c.end, c.charge)
			}
			// The add-on's own term then costs what it was charged.
			child := Subscription{Frequency: c.parent.Frequency, UnitPrice: 800, Quantity: 3, TermStart: start, TermEnd: end}
			if got := TermCharge(child); got != charge {
				t.Fatalf("TermCharge of the add-on's term %d, charged %d", got, charge)
			}
		})
	}
}

// SUB-5, SUB-6, SUB-7, SUB-9, CAT-12, CUST-4: what each state allows.
func TestAllowedActions_SUB5_SUB6_SUB7_CUST4(t *testing.T) {
	retention := t0.AddDate(0, 0, 90)
	base := Subscription{Status: Active, BillingType: License, Frequency: Monthly, PurchasedAt: t0,
		TermStart: t0, TermEnd: FirstTermEnd(t0, Monthly), AutoRenew: true}
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

// CAT-12: a converted Microsoft trial is billed from the conversion date: a
// monthly first term to the end of the billing period, prorated; an annual
// one a full year; licenses within the paid offer's limits.
func TestConvertedTo_CAT12(t *testing.T) {
	trialEnd := t0.AddDate(0, 0, 30)
	trial := Subscription{Status: Trial, OfferName: "E3 Trial", Frequency: Monthly, Quantity: 25, PaidOfferID: "e3",
		TermStart: t0, TermEnd: trialEnd, TrialEnd: &trialEnd, PurchasedAt: t0}
	e3 := OfferTerms{ID: "e3", Name: "E3", Frequencies: "monthly,annual", MonthlyPrice: 4320, AnnualPrice: 43200, MinQuantity: 1, MaxQuantity: 300}
	annualOnly := e3
	annualOnly.Frequencies, annualOnly.MaxQuantity = "annual", 20
	cases := []struct {
		name   string
		paid   OfferTerms
		at     time.Time
		freq   string
		qty    int
		end    time.Time
		charge money.Cents
	}{
		{"monthly on Nov 20: Nov 20–30, 11/30", e3, t0, Monthly, 25, at("2026-12-01T00:00:00Z"), 39600},
		{"monthly on Dec 1: the whole month", e3, at("2026-12-01T00:00:00Z"), Monthly, 25, at("2027-01-01T00:00:00Z"), 108000},
		{"monthly on Dec 19 23:00: Dec 19–31, 13/31", e3, at("2026-12-19T23:00:00Z"), Monthly, 25, at("2027-01-01T00:00:00Z"), 45290}, // 45290.32
		{"annual-only offer: a year, in full, licenses capped", annualOnly, t0, Annual, 20, at("2027-11-20T09:00:00Z"), 864000},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s := ConvertedTo(trial, c.paid, c.at)
			if s.Status != Active || !s.AutoRenew || s.OfferID != "e3" || s.Frequency != c.freq || s.Quantity != c.qty ||
				!s.TermStart.Equal(c.at) || !s.TermEnd.Equal(c.end) || !s.PurchasedAt.Equal(c.at) || !s.FirstBillingStart.Equal(c.at) {
				t.Fatalf("%+v", s)
			}
			if got := TermCharge(s); got != c.charge {
				t.Fatalf("charge %d, want %d", got, c.charge)
			}
		})
	}
}
