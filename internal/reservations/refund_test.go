package reservations

import (
	"errors"
	"testing"
	"time"

	"portal/internal/platform/apperr"
	"portal/internal/platform/money"
)

var bought = time.Date(2026, 1, 10, 9, 0, 0, 0, time.UTC)

// oneYear is a 365-day reservation bought at `bought` for $3,650.00, so one
// day of it is worth exactly $10.00.
func oneYear() Reservation {
	return Reservation{ID: "r1", Price: 365_000, TermMonths: 12, PurchasedAt: bought, ExpiresAt: bought.AddDate(1, 0, 0), Status: Active}
}

// RES-2: whole days since purchase; day 5 lasts until 6×24 h after it.
func TestDaysSincePurchase_RES2(t *testing.T) {
	cases := []struct {
		after time.Duration
		want  int
	}{
		{-time.Hour, 0},
		{0, 0},
		{24*time.Hour - time.Second, 0},
		{24 * time.Hour, 1},
		{5 * 24 * time.Hour, 5},
		{6*24*time.Hour - time.Second, 5},
		{6 * 24 * time.Hour, 6},
	}
	for _, c := range cases {
		if got := DaysSincePurchase(bought, bought.Add(c.after)); got != c.want {
			t.Errorf("after %v: day %d, want %d", c.after, got, c.want)
		}
	}
}

// RES-2: the refund table at its edges (day 5 and day 6, used and unused),
// in cents.
func TestRefundQuote_RES2_Table(t *testing.T) {
	cases := []struct {
		name                         string
		after                        time.Duration
		used                         bool
		prorated, credit, fee, final money.Cents
		full                         bool
	}{
		// Day 0: nothing elapsed; unused gives 100%.
		{"day 0 unused", time.Hour, false, 365_000, 365_000, 0, 365_000, true},
		// Day 5, last second: still within 5 days.
		{"day 5 unused: 100%, no fee", 6*24*time.Hour - time.Second, false, 360_000, 365_000, 0, 365_000, true},
		{"day 5 used: prorated, no fee", 6*24*time.Hour - time.Second, true, 360_000, 360_000, 0, 360_000, false},
		// Day 6: more than 5 days; 12% of the prorated $3,590.00 is $430.80.
		{"day 6 unused: prorated less 12%", 6 * 24 * time.Hour, false, 359_000, 359_000, 43_080, 315_920, false},
		{"day 6 used: prorated less 12%", 6 * 24 * time.Hour, true, 359_000, 359_000, 43_080, 315_920, false},
		// Day 364: one day left.
		{"last day", 364 * 24 * time.Hour, true, 1_000, 1_000, 120, 880, false},
		// After the end: nothing left.
		{"expired", 400 * 24 * time.Hour, true, 0, 0, 0, 0, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			q := RefundQuote(oneYear(), bought.Add(c.after), c.used, 0)
			if q.Prorated != c.prorated || q.Credit != c.credit || q.Fee != c.fee || q.Final != c.final || q.FullRefund != c.full {
				t.Fatalf("got prorated %d credit %d fee %d final %d full %v; want %d %d %d %d %v",
					q.Prorated, q.Credit, q.Fee, q.Final, q.FullRefund, c.prorated, c.credit, c.fee, c.final, c.full)
			}
			if q.AfterFee != q.Credit-q.Fee || q.CutByCap != 0 || q.CapRemaining != RefundCap {
				t.Fatalf("cap figures without earlier refunds: %+v", q)
			}
		})
	}
}

// RES-2: the fee rounds half away from zero to the cent.
func TestRefundQuote_RES2_FeeRounding(t *testing.T) {
	r := oneYear()
	r.Price = 100_001 // prorated over 359/365 days: 98,357.2… → 98,357; 12% = 11,802.84 → 11,803
	q := RefundQuote(r, bought.Add(6*24*time.Hour), false, 0)
	if q.Prorated != 98_357 || q.Fee != 11_803 || q.Final != 86_554 {
		t.Fatalf("prorated %d fee %d final %d", q.Prorated, q.Fee, q.Final)
	}
}

// RES-2: refunds per customer are capped at USD 50,000 in any rolling 12
// months: a refund that crosses the cap is cut, one after the cap is
// exhausted gives nothing.
func TestRefundQuote_RES2_Cap(t *testing.T) {
	big := oneYear()
	big.Price = 3_000_000 // $30,000.00, day 0 unused: full refund
	cases := []struct {
		name                     string
		refunded                 money.Cents
		capRemaining, cut, final money.Cents
	}{
		{"no earlier refund", 0, 5_000_000, 0, 3_000_000},
		{"exactly fits", 2_000_000, 3_000_000, 0, 3_000_000},
		{"crosses the cap", 4_000_000, 1_000_000, 2_000_000, 1_000_000},
		{"one cent left", 4_999_999, 1, 2_999_999, 1},
		{"cap exhausted", 5_000_000, 0, 3_000_000, 0},
		{"beyond the cap (older rules)", 6_000_000, 0, 3_000_000, 0},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			q := RefundQuote(big, bought.Add(time.Hour), false, c.refunded)
			if q.CapRemaining != c.capRemaining || q.CutByCap != c.cut || q.Final != c.final || q.RefundedInWindow != c.refunded {
				t.Fatalf("got remaining %d cut %d final %d; want %d %d %d", q.CapRemaining, q.CutByCap, q.Final, c.capRemaining, c.cut, c.final)
			}
		})
	}
}

// RES-2: the cap window is 365 days of 24 hours; a refund made exactly 365
// days ago has left it, one a second younger has not.
func TestInCapWindow_RES2(t *testing.T) {
	now := bought
	cases := []struct {
		at   time.Time
		want bool
	}{
		{now.Add(-CapWindow), false},
		{now.Add(-CapWindow + time.Second), true},
		{now.AddDate(-1, 0, 0), false}, // 2025-01-10: 365 days before 2026-01-10
		{now.Add(-time.Hour), true},
		{now, true},
	}
	for _, c := range cases {
		if got := InCapWindow(c.at, now); got != c.want {
			t.Errorf("refund at %s: in window %v, want %v", c.at, got, c.want)
		}
	}
}

// RES-3: the exchange credits the prorated remaining value toward the new
// reservation, whose price must be at least that credit.
func TestExchangeQuote_RES3(t *testing.T) {
	r := oneYear()
	at := bought.Add(40 * 24 * time.Hour) // 325 days left: $3,250.00
	cases := []struct {
		name     string
		newPrice money.Cents
		diff     money.Cents
		refused  bool
	}{
		{"dearer", 500_000, 175_000, false},
		{"same as the credit", 325_000, 0, false},
		{"one cent cheaper", 324_999, -1, true},
		{"much cheaper", 100_000, -225_000, true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			x, err := ExchangeQuote(r, at, c.newPrice)
			if x.Credit != 325_000 || x.Difference != c.diff || x.NewPrice != c.newPrice {
				t.Fatalf("credit %d difference %d", x.Credit, x.Difference)
			}
			if c.refused != (err != nil) {
				t.Fatalf("err %v, refused %v", err, c.refused)
			}
			if err != nil && (!errors.Is(err, ErrExchangeTooCheap) || !errors.Is(err, apperr.ErrInvalid)) {
				t.Fatalf("err %v should be ErrExchangeTooCheap (invalid input)", err)
			}
		})
	}
}

// RES-2: "used" follows the utilization series: unused before the first
// day of use, used from it on; and the series is the same at every call.
func TestUsedFollowsUtilization_RES2(t *testing.T) {
	r := oneYear()
	lag := StartLag(r.ID)
	firstUse := midnight(r.PurchasedAt).AddDate(0, 0, lag)
	if Used(r, firstUse.Add(-time.Second)) {
		t.Fatal("used before the first day of use")
	}
	if !Used(r, firstUse) {
		t.Fatal("not used on the first day of use")
	}
	if d := UtilizationOn(r, firstUse); !d.Active || d.Percent < 55 || d.Percent > 99 {
		t.Fatalf("first day of use: %+v", d)
	}
	if lag > 0 {
		if d := UtilizationOn(r, firstUse.AddDate(0, 0, -1)); !d.Active || d.Percent != 0 {
			t.Fatalf("day before first use: %+v", d)
		}
	}
	a := Utilization(r, bought.AddDate(0, 1, 0), 30)
	b := Utilization(r, bought.AddDate(0, 1, 0), 30)
	if len(a) != 30 || a[29] != b[29] || a[0] != b[0] {
		t.Fatal("series is not deterministic")
	}
	if d := UtilizationOn(r, bought.AddDate(0, 0, -1)); d.Active {
		t.Fatal("a day before the purchase has a value")
	}
	cancelled := bought.AddDate(0, 2, 0)
	r.CancelledAt = &cancelled
	if d := UtilizationOn(r, cancelled.AddDate(0, 0, 1)); d.Active {
		t.Fatal("a day after the cancellation has a value")
	}
}
