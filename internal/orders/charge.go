package orders

import (
	"time"

	"portal/internal/billing"
	"portal/internal/catalog"
	"portal/internal/platform/money"
)

// Charge is what a purchase line costs at checkout and lands on the
// customer's open invoice (CAT-7, BILL-1):
//
//   - a free trial (a Microsoft trial, or a partner SaaS offer that starts
//     with one) and a usage-based offer charge nothing now;
//   - software and Azure reservations charge their whole price: the
//     perpetual license or the whole term;
//   - an annual term charges the full year;
//   - a monthly term charges the month's price prorated to the end of the
//     current billing period (the calendar month), counting the day of
//     purchase: bought on the 1st it pays the whole month, on the last day
//     one day's worth.
//
// Rounding is money.Prorate's (half away from zero, to the cent).
func Charge(o catalog.Offer, frequency string, quantity int, at time.Time) money.Cents {
	if quantity <= 0 {
		return 0
	}
	full := o.PriceFor(frequency) * money.Cents(quantity)
	switch {
	case o.MicrosoftTrial(), o.PartnerSaaS() && o.TrialDays > 0, o.BillingType == catalog.BillingUsage:
		return 0
	case o.Upfront(), frequency == catalog.Annual:
		return full
	}
	daysLeft, daysTotal := DaysLeftInPeriod(at)
	return money.Prorate(full, daysLeft, daysTotal)
}

// DaysLeftInPeriod returns the days from at's day (counted) to the end of
// its billing period, and the period's length in days.
func DaysLeftInPeriod(at time.Time) (left, total int) {
	start, end := billing.PeriodOf(at)
	at = at.UTC()
	day := time.Date(at.Year(), at.Month(), at.Day(), 0, 0, 0, 0, time.UTC)
	total = int(end.Sub(start).Hours() / 24)
	left = int(end.Sub(day).Hours() / 24)
	return left, total
}
