package subscriptions

import (
	"testing"
	"time"

	"portal/internal/platform/money"
)

func fuzzAbs[T int | int64](v T) T {
	if v < 0 {
		return -v
	}
	return v
}

// FuzzRetentionEnd_SUB4: data is kept 90 to 120 days after a suspension,
// never less and never more, whatever the account and billing dates.
func FuzzRetentionEnd_SUB4(f *testing.F) {
	f.Add(int64(0), int64(-30*24*3600), int64(0))
	f.Add(int64(3600), int64(-400*24*3600), int64(-300*24*3600))
	f.Add(int64(0), int64(0), int64(-1))
	f.Add(int64(10), int64(-10), int64(100*24*3600))
	f.Fuzz(func(t *testing.T, suspended, opened, billing int64) {
		const span = 50 * 365 * 24 * 3600
		base := time.Date(2026, 3, 29, 1, 30, 0, 0, time.UTC)
		s := base.Add(time.Duration(suspended%span) * time.Second)
		o := base.Add(time.Duration(opened%span) * time.Second)
		b := base.Add(time.Duration(billing%span) * time.Second)
		end := RetentionEnd(s, o, b)
		if end.Before(s.AddDate(0, 0, 90)) || end.After(s.AddDate(0, 0, 120)) {
			t.Fatalf("RetentionEnd(%v, %v, %v) = %v: not 90 to 120 days after the suspension", s, o, b, end)
		}
	})
}

// FuzzTermAmounts_SUB2_SUB9: term dates are ordered and term amounts and
// prorated quantity changes stay within the full price, with the sign of
// the change, for any price, quantity and moment.
func FuzzTermAmounts_SUB2_SUB9(f *testing.F) {
	f.Add(int64(43_20), 10, 25, int64(0), int64(3600), false)
	f.Add(int64(43_20), 10, 5, int64(20*24*3600), int64(-3600), true)
	f.Add(int64(1), 1, 2, int64(-1), int64(40*24*3600), false)
	f.Add(int64(999_999), 300, 1, int64(59*24*3600+1), int64(0), true)
	f.Fuzz(func(t *testing.T, unit int64, oldQty, newQty int, startOff, nowOff int64, annual bool) {
		unit = fuzzAbs(unit % 100_000_00)
		oldQty, newQty = fuzzAbs(oldQty%100_000), fuzzAbs(newQty%100_000)
		freq := Monthly
		if annual {
			freq = Annual
		}
		const span = 30 * 365 * 24 * 3600
		base := time.Date(2028, 2, 29, 23, 59, 59, 0, time.UTC)
		start := base.Add(time.Duration(startOff%span) * time.Second)
		end := FirstTermEnd(start, freq)
		if !end.After(start) {
			t.Fatalf("FirstTermEnd(%v, %s) = %v: not after the start", start, freq, end)
		}
		if ns, ne := NextTerm(end, freq); !ns.Equal(end) || !ne.After(ns) {
			t.Fatalf("NextTerm(%v) = %v–%v", end, ns, ne)
		}
		full := money.Cents(unit) * money.Cents(oldQty)
		amount := TermAmount(full, freq, start, end)
		if amount < 0 || amount > full {
			t.Fatalf("TermAmount(%d, %s, %v, %v) = %d outside [0, full]", full, freq, start, end, amount)
		}
		s := Subscription{UnitPrice: money.Cents(unit), Quantity: oldQty, Frequency: freq, TermStart: start, TermEnd: end}
		now := start.Add(time.Duration(nowOff%span) * time.Second)
		left, total := ProrationDays(s, now)
		if left < 0 || left > total {
			t.Fatalf("ProrationDays at %v = %d of %d", now, left, total)
		}
		change := QuantityChangeAmount(s, oldQty, newQty, now)
		most := money.Cents(unit) * money.Cents(fuzzAbs(newQty-oldQty))
		switch {
		case fuzzAbs(int64(change)) > int64(most):
			t.Fatalf("a change of %d→%d costs %d, more than a whole term %d", oldQty, newQty, change, most)
		case newQty > oldQty && change < 0, newQty < oldQty && change > 0, newQty == oldQty && change != 0:
			t.Fatalf("a change of %d→%d has the wrong sign: %d", oldQty, newQty, change)
		}
		if c := CancelCredit(amount); c > 0 || -c > amount {
			t.Fatalf("CancelCredit(%d) = %d", amount, c)
		}
	})
}
