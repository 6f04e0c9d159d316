package subscriptions

import (
	"time"

	"portal/internal/platform/keyset"
	"portal/internal/platform/money"
)

// MicrosoftTrialDays is how long a Microsoft trial runs (CAT-12).
const MicrosoftTrialDays = 30

// Bought is what a purchase starts a subscription with: whose it is, the
// order, and the offer's terms as bought. The caller reads them from the
// catalog, which this package does not import.
type Bought struct {
	PartnerID, CustomerID, OrderID string
	// ParentID is the subscription an add-on attaches to (SUB-3).
	ParentID    string
	OfferID     string
	OfferName   string
	BillingType string
	Frequency   string
	Quantity    int
	// UnitPrice is the price per license per billing period.
	UnitPrice money.Cents
	// SaaSTrialDays is the free trial a partner SaaS offer starts with
	// (CAT-10); 0 for none.
	SaaSTrialDays int
	// MicrosoftTrial is a Microsoft trial of the Trials tab (CAT-12), with
	// its fixed license count and the paid offer it converts to.
	MicrosoftTrial bool
	TrialLicenses  int
	PaidOfferID    string
}

// New returns the subscription a purchase starts at now, with a new ID
// (CAT-7, CAT-10, CAT-12):
//
//   - a paid offer is active, its term starts now and ends at FirstTermEnd:
//     monthly, at the end of the current billing period (the calendar
//     month the checkout charged); annual, a year from now; it renews
//     automatically;
//   - a partner SaaS offer with a free trial starts in trial; its term (and
//     billing) starts when the trial ends, by the same rule (CAT-10);
//   - a Microsoft trial runs 30 days with its fixed license count, does not
//     renew, and names the paid offer it converts to (CAT-12).
func New(b Bought, now time.Time) Subscription {
	s := Subscription{ID: keyset.NewID(), PartnerID: b.PartnerID, CustomerID: b.CustomerID, OrderID: b.OrderID, ParentID: b.ParentID,
		OfferID: b.OfferID, OfferName: b.OfferName, Quantity: b.Quantity, Frequency: b.Frequency,
		BillingType: b.BillingType, UnitPrice: b.UnitPrice, Status: Active,
		TermStart: now, TermEnd: FirstTermEnd(now, b.Frequency), AutoRenew: true, PurchasedAt: now, FirstBillingStart: now, CreatedAt: now}
	switch {
	case b.MicrosoftTrial:
		end := now.AddDate(0, 0, MicrosoftTrialDays)
		s.Status, s.Quantity, s.UnitPrice = Trial, b.TrialLicenses, 0
		s.TrialEnd, s.TermEnd, s.AutoRenew, s.PaidOfferID = &end, end, false, b.PaidOfferID
		s.FirstBillingStart = end
		if s.Frequency == "" {
			s.Frequency = Monthly
		}
	case b.SaaSTrialDays > 0:
		end := now.AddDate(0, 0, b.SaaSTrialDays)
		s.Status, s.TrialEnd = Trial, &end
		s.TermStart, s.TermEnd, s.FirstBillingStart = end, FirstTermEnd(end, b.Frequency), end
	}
	return s
}
