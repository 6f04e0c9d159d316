package subscriptions

import (
	"time"

	"portal/internal/billing"
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
// current day included, and the term's length in days.
func DaysLeft(termStart, termEnd, now time.Time) (left, total int) {
	total = daysCeil(termStart, termEnd)
	if now.Before(termStart) {
		now = termStart
	}
	return min(daysCeil(now, termEnd), total), total
}

// Billing terms (SUB-9, CAT-7, CAT-10, CAT-12, BILL-1). Monthly terms are
// co-terminous with the billing period (the calendar month, UTC): the first
// runs from its start to the end of that month, every later one is a whole
// calendar month. Annual terms last one year from their start. Monthly
// amounts are the month's price prorated by the term's days over the days of
// its calendar month, days counted by UTC calendar dates, the first one
// included. Every day from a purchase on is billed once, by the purchase or
// by one renewal.

// FirstTermEnd returns the end of a term that starts at start: for monthly
// billing the end of start's billing period (a partial month unless start is
// the first moment of a month), for annual billing start plus one year (Feb
// 29 gives Feb 28).
func FirstTermEnd(start time.Time, frequency string) time.Time {
	if frequency == Annual {
		return AddMonths(start, 12)
	}
	_, end := billing.PeriodOf(start)
	return end
}

// NextTerm returns the term that follows one ending at termEnd (SUB-9): it
// starts when the old one ends and lasts until FirstTermEnd, so a monthly
// term ending at a month's start is followed by that whole calendar month.
// (A monthly term that ended inside a month, as terms set before this rule
// did, is followed by the rest of that month and then whole months.)
func NextTerm(termEnd time.Time, frequency string) (start, end time.Time) {
	return termEnd, FirstTermEnd(termEnd, frequency)
}

// dayOf returns the first moment of t's UTC calendar date.
func dayOf(t time.Time) time.Time {
	t = t.UTC()
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
}

// MonthDays returns the UTC calendar dates from from's date (counted) up to
// end (exclusive; an end inside a day counts that day), and the number of
// days of from's calendar month: the proration basis of monthly terms.
func MonthDays(from, end time.Time) (days, monthDays int) {
	start, stop := billing.PeriodOf(from)
	return daysCeil(dayOf(from), end), int(stop.Sub(start) / day)
}

// TermAmount is what the monthly or annual term [start, end) costs when one
// whole term costs full: an annual term costs full; a monthly term costs
// full prorated by its days over the days of its calendar month (full for a
// whole month). Rounding is money.Prorate's. The checkout charge, renewals
// and trial conversions all use it.
func TermAmount(full money.Cents, frequency string, start, end time.Time) money.Cents {
	if frequency == Annual {
		return full
	}
	days, monthDays := MonthDays(start, end)
	return money.Prorate(full, days, monthDays)
}

// TermCharge is what s's current term costs: its price per license per
// billing period times its licenses, prorated for a partial month (renewals,
// trial conversions, reactivations).
func TermCharge(s Subscription) money.Cents {
	return TermAmount(s.UnitPrice*money.Cents(s.Quantity), s.Frequency, s.TermStart, s.TermEnd)
}

// ProrationDays returns the proration basis of a change to s's term at now:
// monthly, the UTC calendar dates left in the term (today included) over the
// days of the term's calendar month; annual, the days left in the term over
// the term's days.
func ProrationDays(s Subscription, now time.Time) (left, total int) {
	if s.Frequency == Annual {
		return DaysLeft(s.TermStart, s.TermEnd, now)
	}
	if now.Before(s.TermStart) {
		now = s.TermStart
	}
	left, _ = MonthDays(now, s.TermEnd)
	_, total = MonthDays(s.TermStart, s.TermEnd)
	return left, total
}

// QuantityChangeAmount is the prorated amount of changing a subscription's
// license count from oldQty to newQty at now (SUB-2): a charge (positive) for
// an increase, a credit (negative) for a decrease, by days left in the term
// (see ProrationDays).
func QuantityChangeAmount(s Subscription, oldQty, newQty int, now time.Time) money.Cents {
	left, total := ProrationDays(s, now)
	return money.Prorate(s.UnitPrice*money.Cents(newQty-oldQty), left, total)
}

// CancelCredit is the full credit of an immediate cancellation inside the
// window (SUB-6): everything charged for the subscription since its term
// started, or since its purchase when earlier (see chargedSince), as a
// negative amount; nothing charged means no credit.
func CancelCredit(charged money.Cents) money.Cents {
	if charged <= 0 {
		return 0
	}
	return -charged
}

// AddMonths adds n months to t, keeping the day of month but clamping it to
// the target month's last day (Jan 31 + 1 month = Feb 28, not Mar 3).
func AddMonths(t time.Time, n int) time.Time {
	y, m, d := t.Date()
	first := time.Date(y, m+time.Month(n), 1, t.Hour(), t.Minute(), t.Second(), t.Nanosecond(), t.Location())
	last := first.AddDate(0, 1, -1).Day()
	return first.AddDate(0, 0, min(d, last)-1)
}

// AddOnTerm returns the term and charge of add-on licenses bought at now for
// a parent subscription (SUB-3): a monthly add-on ends with its parent's term
// and is charged by the days left in it over the days of its calendar month;
// an annual add-on gets a full term of its own from now and is charged for it
// in full.
func AddOnTerm(parent Subscription, unitPrice money.Cents, qty int, now time.Time) (start, end time.Time, charge money.Cents) {
	full := unitPrice * money.Cents(qty)
	if parent.Frequency == Annual {
		return now, FirstTermEnd(now, Annual), full
	}
	left, total := ProrationDays(parent, now)
	return now, parent.TermEnd, money.Prorate(full, left, total)
}

// ConvertedTo returns the Microsoft trial s converted to its paid offer at
// now (CAT-12): the paid offer's price at the trial's frequency when the
// offer has it, the license count within the offer's limits, auto-renew on,
// and a first term that starts now (billed from the conversion date, by
// FirstTermEnd); the SUB-6 window counts from now. TermCharge of the result
// is what the conversion charges.
func ConvertedTo(s Subscription, paid OfferTerms, now time.Time) Subscription {
	freq := paid.FrequencyFor(s.Frequency)
	s.OfferID, s.OfferName, s.Frequency, s.UnitPrice = paid.ID, paid.Name, freq, paid.PriceFor(freq)
	s.Quantity = min(max(s.Quantity, paid.MinQuantity), paid.MaxQuantity)
	s.Status, s.AutoRenew, s.CancelAtTermEnd = Active, true, false
	s.TermStart, s.TermEnd = now, FirstTermEnd(now, freq)
	s.PurchasedAt, s.FirstBillingStart = now, now
	return s
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
