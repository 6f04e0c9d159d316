package subscriptions

import (
	"time"

	"portal/internal/platform/money"
)

const day = 24 * time.Hour

// Retention of a suspended subscription's data (SUB-4).
const (
	retentionBaseDays = 90
	retentionMaxDays  = 120
)

// CancellationWindow returns the end of the window in which a license-based
// subscription can be cancelled at once with full credit (SUB-6): 24 hours
// after the order for monthly billing, 14 days for annual billing. The window
// is open while now is strictly before the deadline: at the deadline itself
// it is closed.
func CancellationWindow(s Subscription) time.Time {
	if s.Frequency == Annual {
		return s.PurchasedAt.Add(14 * day)
	}
	return s.PurchasedAt.Add(day)
}

// InCancellationWindow reports whether now is inside s's immediate
// cancellation window (SUB-6).
func InCancellationWindow(s Subscription, now time.Time) bool {
	return now.Before(CancellationWindow(s))
}

// RetentionEnd returns when a subscription suspended at suspendedAt has its
// data deleted unless reactivated (SUB-4): 90 days plus the whole days from
// the customer's account opening to the start of the first billing period,
// at most 120 days.
func RetentionEnd(suspendedAt, accountOpenedAt, firstBillingStart time.Time) time.Time {
	gap := 0
	if firstBillingStart.After(accountOpenedAt) {
		gap = int(firstBillingStart.Sub(accountOpenedAt) / day)
	}
	days := min(retentionBaseDays+gap, retentionMaxDays)
	return suspendedAt.AddDate(0, 0, days)
}

// daysCeil counts the days from a to b, a started day counting as one.
func daysCeil(a, b time.Time) int {
	d := b.Sub(a)
	if d <= 0 {
		return 0
	}
	return int((d + day - 1) / day)
}

// DaysLeft returns the days left in the term [termStart, termEnd) at now, the
// current day included, and the term's length in days: the proration basis
// of SUB-2 and SUB-3.
func DaysLeft(termStart, termEnd, now time.Time) (left, total int) {
	total = daysCeil(termStart, termEnd)
	if now.Before(termStart) {
		now = termStart
	}
	return min(daysCeil(now, termEnd), total), total
}

// QuantityChangeAmount is the prorated amount of changing a subscription's
// license count from oldQty to newQty at now (SUB-2): a charge (positive) for
// an increase, a credit (negative) for a decrease, by days left in the term.
func QuantityChangeAmount(s Subscription, oldQty, newQty int, now time.Time) money.Cents {
	left, total := DaysLeft(s.TermStart, s.TermEnd, now)
	return money.Prorate(s.UnitPrice*money.Cents(newQty-oldQty), left, total)
}

// TermCharge is what one full term of s costs: its price per license per
// billing period times its licenses (renewals, trial conversions).
func TermCharge(s Subscription) money.Cents {
	return s.UnitPrice * money.Cents(s.Quantity)
}

// CancelCredit is the full credit of an immediate cancellation inside the
// window (SUB-6): everything charged for the current term, as a negative
// amount. chargedThisTerm is the sum of the subscription's invoice lines
// since its term started; nothing charged means no credit.
func CancelCredit(chargedThisTerm money.Cents) money.Cents {
	if chargedThisTerm <= 0 {
		return 0
	}
	return -chargedThisTerm
}

// TermMonths returns the length of a term in months for a billing frequency.
func TermMonths(frequency string) int {
	if frequency == Annual {
		return 12
	}
	return 1
}

// AddMonths adds n months to t, keeping the day of month but clamping it to
// the target month's last day (Jan 31 + 1 month = Feb 28, not Mar 3).
func AddMonths(t time.Time, n int) time.Time {
	y, m, d := t.Date()
	first := time.Date(y, m+time.Month(n), 1, t.Hour(), t.Minute(), t.Second(), t.Nanosecond(), t.Location())
	last := first.AddDate(0, 1, -1).Day()
	return first.AddDate(0, 0, min(d, last)-1)
}

// NextTerm returns the term that follows one ending at termEnd: it starts
// when the old one ends and lasts one billing frequency (SUB-9).
func NextTerm(termEnd time.Time, frequency string) (start, end time.Time) {
	return termEnd, AddMonths(termEnd, TermMonths(frequency))
}

// AddOnTerm returns the term and charge of add-on licenses bought at now for
// a parent subscription (SUB-3): a monthly add-on ends with its parent's term
// and is charged prorated by the days left in it; an annual add-on gets a full
// term of its own from now and is charged for it in full.
func AddOnTerm(parent Subscription, unitPrice money.Cents, qty int, now time.Time) (start, end time.Time, charge money.Cents) {
	full := unitPrice * money.Cents(qty)
	if parent.Frequency == Annual {
		_, end = NextTerm(now, Annual)
		return now, end, full
	}
	left, total := DaysLeft(parent.TermStart, parent.TermEnd, now)
	return now, parent.TermEnd, money.Prorate(full, left, total)
}

// Actions a subscription's state may offer. The detail page shows, and the
// store allows, exactly these.
type Actions struct {
	ChangeQuantity bool
	BuyAddOns      bool
	Suspend        bool
	Reactivate     bool
	CancelNow      bool // inside the SUB-6 window
	CancelAtEnd    bool // after the window: schedule the end for the term's end
	UndoCancel     bool // a scheduled cancellation can be undone until the term ends
	Deprovision    bool // usage-based (SUB-7)
	AutoRenew      bool // switch auto-renew on or off (SUB-9)
	Convert        bool // Microsoft trial → paid (CAT-12)
}

// Any reports whether any action is allowed.
func (a Actions) Any() bool { return a != Actions{} }

// Allowed returns what can be done with s at now. A subscription bought
// directly by the customer allows nothing (CUST-4); ended ones (cancelled,
// deleted, expired) allow nothing.
func Allowed(s Subscription, now time.Time) Actions {
	var a Actions
	if s.BoughtDirectly {
		return a
	}
	switch s.Status {
	case Active:
		if s.BillingType == Usage {
			a.Deprovision = true
			return a
		}
		a.ChangeQuantity = !s.CancelAtTermEnd
		a.BuyAddOns = !s.IsAddOn() && !s.CancelAtTermEnd
		a.Suspend = true
		switch {
		case s.CancelAtTermEnd:
			a.UndoCancel = now.Before(s.TermEnd)
		case InCancellationWindow(s, now):
			a.CancelNow = true
		default:
			a.CancelAtEnd = true
		}
		a.AutoRenew = !s.CancelAtTermEnd
	case Trial:
		if s.IsMicrosoftTrial() {
			// A Microsoft trial has a fixed license count and ends by itself
			// unless converted (CAT-12).
			a.Convert = true
			return a
		}
		// A partner SaaS trial cannot be waived (CAT-10), but its end can be
		// scheduled, and it can be cancelled inside the SUB-6 window.
		switch {
		case s.CancelAtTermEnd:
			a.UndoCancel = true
		case InCancellationWindow(s, now):
			a.CancelNow = true
		default:
			a.CancelAtEnd = true
		}
	case Suspended:
		a.Reactivate = s.RetentionEnd == nil || now.Before(*s.RetentionEnd)
	}
	return a
}
