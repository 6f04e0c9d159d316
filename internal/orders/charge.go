package orders

import (
	"time"

	"portal/internal/catalog"
	"portal/internal/platform/money"
	"portal/internal/subscriptions"
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
// Monthly and annual terms cost what subscriptions.TermAmount says of the
// first term the purchase starts (subscriptions.FirstTermEnd), so the charge
// equals that term's TermCharge to the cent; renewals then charge whole
// calendar months.
func Charge(o catalog.Offer, frequency string, quantity int, at time.Time) money.Cents {
	if quantity <= 0 {
		return 0
	}
	full := o.PriceFor(frequency) * money.Cents(quantity)
	switch {
	case o.MicrosoftTrial(), o.PartnerSaaS() && o.TrialDays > 0, o.BillingType == catalog.BillingUsage:
		return 0
	case o.Upfront():
		return full
	}
	return subscriptions.TermAmount(full, frequency, at, subscriptions.FirstTermEnd(at, frequency))
}
