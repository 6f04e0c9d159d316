package reservations

import (
	"errors"
	"testing"
	"time"

	"portal/internal/platform/money"
)

// FuzzRefundQuote_RES2 checks the refund and exchange quotes (RES-2, RES-3)
// for any price, term, moment and refunds already made: never a panic,
// every figure within bounds, and never a refund above what was paid nor
// above what the cap still allows.
func FuzzRefundQuote_RES2(f *testing.F) {
	f.Add(int64(1_200_00), 365, int64(0), false, int64(0), int64(1_000_00))
	f.Add(int64(1_200_00), 365, int64(5*24*3600+3600), true, int64(0), int64(0))
	f.Add(int64(1_200_00), 1095, int64(6*24*3600), false, int64(4_990_000), int64(99_00))
	f.Add(int64(9_000_000), 365, int64(200*24*3600), false, int64(6_000_000), int64(1))
	f.Add(int64(0), 365, int64(-3600), false, int64(0), int64(0))
	f.Add(int64(500_00), 1, int64(400*24*3600), true, int64(-5), int64(-5))
	f.Fuzz(func(t *testing.T, price int64, termDays int, elapsed int64, used bool, refunded, newPrice int64) {
		// Bounds of real reservations: up to 10 million dollars, terms up
		// to 10 years, moments up to 20 years around the purchase.
		price = abs(price % 1_000_000_000)
		termDays = max(1, abs(termDays%3660))
		elapsed %= 20 * 365 * 24 * 3600
		refunded = abs(refunded % (2 * int64(RefundCap))) // a sum of refunds: never negative
		newPrice %= 1_000_000_000
		bought := time.Date(2026, 1, 31, 10, 0, 0, 0, time.UTC)
		r := Reservation{Price: money.Cents(price), PurchasedAt: bought, ExpiresAt: bought.AddDate(0, 0, termDays)}
		now := bought.Add(time.Duration(elapsed) * time.Second)

		q := RefundQuote(r, now, used, money.Cents(refunded))
		p := money.Cents(price)
		switch {
		case q.Final < 0 || q.Final > q.AfterFee && q.AfterFee >= 0:
			t.Fatalf("final %d outside [0, after fee %d]: %+v", q.Final, q.AfterFee, q)
		case q.Final > p:
			t.Fatalf("refund %d above the price paid %d: %+v", q.Final, p, q)
		case q.Final > q.CapRemaining || q.CapRemaining < 0 || q.CapRemaining > RefundCap:
			t.Fatalf("final %d beyond the cap left %d: %+v", q.Final, q.CapRemaining, q)
		case q.Prorated < 0 || q.Prorated > p || q.Credit > p || q.Fee < 0 || q.Fee > q.Credit:
			t.Fatalf("figures out of bounds: %+v", q)
		case q.AfterFee != q.Credit-q.Fee || q.CutByCap != q.AfterFee-q.Final || q.CutByCap < 0:
			t.Fatalf("figures do not add up: %+v", q)
		case q.DaysLeft < 0 || q.DaysLeft > q.TermDays || q.DaysSincePurchase < 0:
			t.Fatalf("days out of order: %+v", q)
		case q.FullRefund && (used || q.Credit != p || q.Fee != 0 || q.DaysSincePurchase > FullRefundDays):
			t.Fatalf("a full refund where the table gives none: %+v", q)
		case q.DaysSincePurchase > FullRefundDays && q.Fee != money.Percent(q.Prorated, FeePercent):
			t.Fatalf("the fee after day 5 is not 12%% of the prorated value: %+v", q)
		}

		x, err := ExchangeQuote(r, now, money.Cents(newPrice))
		switch {
		case x.Credit < 0 || x.Credit > p || x.Credit != q.Prorated:
			t.Fatalf("exchange credit %d, price %d, prorated %d", x.Credit, p, q.Prorated)
		case x.Difference != x.NewPrice-x.Credit:
			t.Fatalf("difference does not add up: %+v", x)
		case (err == nil) != (x.Difference >= 0):
			t.Fatalf("a cheaper reservation accepted, or a dearer one refused: %+v %v", x, err)
		case err != nil && !errors.Is(err, ErrExchangeTooCheap):
			t.Fatalf("exchange error %v", err)
		}
	})
}

func abs[T int | int64](v T) T {
	if v < 0 {
		return -v
	}
	return v
}
