package reservations

import (
	"time"

	"portal/internal/platform/money"
)

// The refund rules of RES-2.
const (
	// FullRefundDays is the last day since purchase (counted in whole days)
	// on which an unused reservation is refunded in full, without fee.
	FullRefundDays = 5
	// FeePercent is the early termination fee, in percent of the prorated
	// amount, after FullRefundDays.
	FeePercent = 12
	// RefundCap is the most a customer is refunded in any rolling 12 months:
	// USD 50,000.
	RefundCap money.Cents = 5_000_000
	// CapWindow is the rolling window of the cap: 365 days of 24 hours. A
	// refund made exactly CapWindow ago has left the window.
	CapWindow = 365 * 24 * time.Hour
)

// DaysSincePurchase counts the whole days (24 hours each) elapsed between
// purchase and now: day 0 is the first 24 hours, day 5 ends 6×24 hours after
// the purchase. A time before the purchase counts as day 0.
func DaysSincePurchase(purchasedAt, now time.Time) int {
	d := now.Sub(purchasedAt)
	if d < 0 {
		return 0
	}
	return int(d / (24 * time.Hour))
}

// TermDays is the length of the reservation's term in whole days.
func (r Reservation) TermDays() int {
	d := r.ExpiresAt.Sub(r.PurchasedAt)
	if d <= 0 {
		return 0
	}
	return int(d / (24 * time.Hour))
}

// Remaining is the prorated remaining value of the reservation at now:
// Price × days left / days of the term, days counted as DaysSincePurchase
// counts them (RES-2, RES-3).
func Remaining(r Reservation, now time.Time) (value money.Cents, daysLeft, termDays int) {
	termDays = r.TermDays()
	daysLeft = termDays - DaysSincePurchase(r.PurchasedAt, now)
	if daysLeft < 0 {
		daysLeft = 0
	}
	return money.Prorate(r.Price, daysLeft, termDays), daysLeft, termDays
}

// Quote is what a refund gives (RES-2): every figure of the table and of
// the cap, in cents, so the review page shows how the final credit is made.
type Quote struct {
	DaysSincePurchase int
	Used              bool
	Price             money.Cents
	TermDays          int
	DaysLeft          int
	// Prorated is the remaining value: Price × DaysLeft / TermDays.
	Prorated money.Cents
	// FullRefund is true when the credit is 100% of the price.
	FullRefund bool
	// Credit is the credit before the fee: Price or Prorated.
	Credit money.Cents
	// Fee is the early termination fee: 12% of Prorated after day 5.
	Fee money.Cents
	// AfterFee is Credit − Fee: the refund before the cap.
	AfterFee money.Cents
	// RefundedInWindow is what the customer was refunded in the last 365
	// days; CapRemaining what the cap still allows.
	RefundedInWindow money.Cents
	CapRemaining     money.Cents
	// CutByCap is the part of AfterFee the cap removes.
	CutByCap money.Cents
	// Final is the credit that lands on the invoice.
	Final money.Cents
}

// RefundQuote applies RES-2 to a reservation at now: within 5 days an
// unused reservation is refunded in full and a used one prorated, both
// without fee; after that the prorated amount less a 12% fee. The result is
// then capped so the customer's refunds of the rolling 365 days stay within
// RefundCap; refundedInWindow is what they were already refunded in it.
func RefundQuote(r Reservation, now time.Time, used bool, refundedInWindow money.Cents) Quote {
	q := Quote{DaysSincePurchase: DaysSincePurchase(r.PurchasedAt, now), Used: used, Price: r.Price, RefundedInWindow: refundedInWindow}
	q.Prorated, q.DaysLeft, q.TermDays = Remaining(r, now)
	switch {
	case q.DaysSincePurchase <= FullRefundDays && !used:
		q.FullRefund, q.Credit = true, r.Price
	case q.DaysSincePurchase <= FullRefundDays:
		q.Credit = q.Prorated
	default:
		q.Credit = q.Prorated
		q.Fee = money.Percent(q.Prorated, FeePercent)
	}
	q.AfterFee = q.Credit - q.Fee
	q.CapRemaining = RefundCap - refundedInWindow
	if q.CapRemaining < 0 {
		q.CapRemaining = 0
	}
	q.Final = min(q.AfterFee, q.CapRemaining)
	q.CutByCap = q.AfterFee - q.Final
	return q
}

// Exchange is what an exchange gives (RES-3): the prorated remaining value
// credited toward a new reservation, and the difference charged.
type Exchange struct {
	DaysSincePurchase int
	TermDays          int
	DaysLeft          int
	// Credit is the prorated remaining value of the reservation exchanged.
	Credit money.Cents
	// NewPrice is the whole term's price of the new reservation.
	NewPrice money.Cents
	// Difference is NewPrice − Credit: what the customer pays on top.
	Difference money.Cents
}

// ExchangeQuote applies RES-3: the credit is the prorated remaining value
// (no fee, not counted against the refund cap); the new reservation must
// cost at least the credit, else ErrExchangeTooCheap (the quote is still
// returned, to show why).
func ExchangeQuote(r Reservation, now time.Time, newPrice money.Cents) (Exchange, error) {
	x := Exchange{DaysSincePurchase: DaysSincePurchase(r.PurchasedAt, now), NewPrice: newPrice}
	x.Credit, x.DaysLeft, x.TermDays = Remaining(r, now)
	x.Difference = newPrice - x.Credit
	if newPrice < x.Credit {
		return x, ErrExchangeTooCheap
	}
	return x, nil
}

// InCapWindow reports whether a refund made at `at` still counts toward
// the cap at now: it does for 365×24 hours after it, not a second longer.
func InCapWindow(at, now time.Time) bool { return at.After(now.Add(-CapWindow)) }
