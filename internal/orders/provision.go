package orders

import (
	"time"

	"github.com/google/uuid"
	"gorm.io/gorm"

	"portal/internal/catalog"
	"portal/internal/customers"
	"portal/internal/platform/money"
	"portal/internal/reservations"
	"portal/internal/software"
	"portal/internal/subscriptions"
)

// provision creates the record a line becomes and names it on the line; it
// returns a subscription's status. parentID is the subscription an add-on
// attaches to.
func (s *Store) provision(tx *gorm.DB, line *Line, o catalog.Offer, cust customers.Customer, order Order, now time.Time, parentID string) (string, error) {
	switch o.Tab {
	case catalog.TabSoftware:
		p := software.Purchase{ID: uuid.NewString(), PartnerID: order.PartnerID, CustomerID: cust.ID, OfferID: o.ID,
			OrderID: order.ID, ProductName: o.Name, Kind: o.SoftwareKind, Product: o.Product, Quantity: line.Quantity,
			Price: o.TermPrice * money.Cents(line.Quantity), PurchasedAt: now, Status: software.Active}
		if o.SoftwareKind == catalog.SoftwareSubscription && o.TermMonths > 0 {
			end := now.AddDate(0, o.TermMonths, 0)
			p.TermEnd = &end
		}
		line.ResourceType, line.ResourceID = ResourceSoftware, p.ID
		return "", tx.Create(&p).Error
	case catalog.TabReservation:
		r := reservations.Reservation{ID: uuid.NewString(), PartnerID: order.PartnerID, CustomerID: cust.ID, OfferID: o.ID,
			OrderID: order.ID, ReservationOrderID: uuid.NewString(), Name: o.Name, Quantity: line.Quantity,
			Price: o.TermPrice * money.Cents(line.Quantity), TermMonths: o.TermMonths, PurchasedAt: now,
			ExpiresAt: now.AddDate(0, o.TermMonths, 0), Scope: reservations.ScopeShared, Status: reservations.Active}
		line.ResourceType, line.ResourceID = ResourceReservation, r.ID
		return "", tx.Create(&r).Error
	}
	sub := NewSubscription(o, line.Frequency, line.Quantity, now)
	sub.ID, sub.PartnerID, sub.CustomerID, sub.OrderID = uuid.NewString(), order.PartnerID, cust.ID, order.ID
	if o.AddOn() {
		sub.ParentID = parentID
	}
	line.ResourceType, line.ResourceID = ResourceSubscription, sub.ID
	return sub.Status, tx.Create(&sub).Error
}

// NewSubscription returns the subscription a purchase of o starts, at now
// (CAT-7, CAT-10, CAT-12), without its IDs:
//
//   - a paid offer is active, its term starts now and ends at
//     subscriptions.FirstTermEnd: monthly, at the end of the current billing
//     period (the calendar month the checkout charged); annual, a year from
//     now; it renews automatically;
//   - a partner SaaS offer with a free trial starts in trial; its term (and
//     billing) starts when the trial ends, by the same rule (CAT-10);
//   - a Microsoft trial runs 30 days with its fixed license count, does not
//     renew, and names the paid offer it converts to (CAT-12).
func NewSubscription(o catalog.Offer, frequency string, quantity int, now time.Time) subscriptions.Subscription {
	s := subscriptions.Subscription{OfferID: o.ID, OfferName: o.Name, Quantity: quantity, Frequency: frequency,
		BillingType: o.BillingType, UnitPrice: o.PriceFor(frequency), Status: subscriptions.Active,
		TermStart: now, TermEnd: subscriptions.FirstTermEnd(now, frequency), AutoRenew: true, PurchasedAt: now, FirstBillingStart: now, CreatedAt: now}
	switch {
	case o.MicrosoftTrial():
		end := now.AddDate(0, 0, MicrosoftTrialDays)
		s.Status, s.Quantity, s.UnitPrice = subscriptions.Trial, o.TrialLicenses, 0
		s.TrialEnd, s.TermEnd, s.AutoRenew, s.PaidOfferID = &end, end, false, o.PaidOfferID
		s.FirstBillingStart = end
		if s.Frequency == "" {
			s.Frequency = catalog.Monthly
		}
	case o.PartnerSaaS() && o.TrialDays > 0:
		end := now.AddDate(0, 0, o.TrialDays)
		s.Status, s.TrialEnd = subscriptions.Trial, &end
		s.TermStart, s.TermEnd, s.FirstBillingStart = end, subscriptions.FirstTermEnd(end, frequency), end
	}
	return s
}
