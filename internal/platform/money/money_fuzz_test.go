package money

import "testing"

// FuzzProrate_SUB2: proration (SUB-2, SUB-9, RES-2) never panics, stays between zero and the amount
// with its sign, and rounds to the nearest cent (the rounding rule is
// written once, here).
func FuzzProrate_SUB2(f *testing.F) {
	f.Add(int64(43_20), 11, 30)
	f.Add(int64(-1_00), 1, 3)
	f.Add(int64(5), 1, 2)
	f.Add(int64(1_000_000_00), 400, 365)
	f.Add(int64(7), -1, 0)
	f.Fuzz(func(t *testing.T, amount int64, left, total int) {
		amount %= 1 << 40 // far above any real amount, far below overflow
		got := Prorate(Cents(amount), left, total)
		lo, hi := Cents(0), Cents(amount)
		if amount < 0 {
			lo, hi = hi, lo
		}
		if got < lo || got > hi {
			t.Fatalf("Prorate(%d, %d, %d) = %d outside [%d, %d]", amount, left, total, got, lo, hi)
		}
		if total > 0 && left > 0 && left <= total {
			// |got·total − amount·left| ≤ total/2: the nearest cent.
			diff := int64(got)*int64(total) - amount*int64(left)
			if diff < 0 {
				diff = -diff
			}
			if 2*diff > int64(total) {
				t.Fatalf("Prorate(%d, %d, %d) = %d is not the nearest cent", amount, left, total, got)
			}
		}
	})
}
