package orders

import (
	"time"

	"gorm.io/gorm"

	"portal/internal/catalog"
	"portal/internal/customers"
	"portal/internal/platform/db"
	"portal/internal/reservations"
	"portal/internal/software"
	"portal/internal/subscriptions"
)

// MicrosoftTrialDays is how long a Microsoft trial runs (CAT-12).
const MicrosoftTrialDays = subscriptions.MicrosoftTrialDays

// provision creates the record a line becomes, built by its own package's
// constructor, and names it on the line; it returns a subscription's
// status. parentID is the subscription an add-on attaches to.
func (s *Store) provision(tx *gorm.DB, line *Line, o catalog.Offer, cust customers.Customer, order Order, now time.Time, parentID string) (string, error) {
	switch o.Tab {
	case catalog.TabSoftware:
		p := software.NewPurchase(software.Bought{PartnerID: order.PartnerID, CustomerID: cust.ID, OrderID: order.ID,
			Offer: o, Quantity: line.Quantity}, now)
		line.ResourceType, line.ResourceID = ResourceSoftware, p.ID
		return "", tx.Create(&p).Error
	case catalog.TabReservation:
		r := reservations.New(reservations.Bought{PartnerID: order.PartnerID, CustomerID: cust.ID, OrderID: order.ID,
			Offer: o, Quantity: line.Quantity, Price: line.Amount}, now)
		line.ResourceType, line.ResourceID = ResourceReservation, r.ID
		return "", tx.Create(&r).Error
	}
	b := bought(o, line.Frequency, line.Quantity)
	b.PartnerID, b.CustomerID, b.OrderID = order.PartnerID, cust.ID, order.ID
	if o.AddOn() {
		b.ParentID = parentID
	}
	sub := subscriptions.New(b, now)
	line.ResourceType, line.ResourceID = ResourceSubscription, sub.ID
	return sub.Status, db.Insert(tx, &sub)
}

// NewSubscription returns the subscription a purchase of o starts at now
// (subscriptions.New), before it names its partner, customer and order:
// the offer's terms as bought, a partner SaaS offer's free trial (CAT-10)
// and a Microsoft trial's fixed count and paid offer (CAT-12).
func NewSubscription(o catalog.Offer, frequency string, quantity int, now time.Time) subscriptions.Subscription {
	return subscriptions.New(bought(o, frequency, quantity), now)
}

// bought reads from an offer the terms a subscription is bought with.
func bought(o catalog.Offer, frequency string, quantity int) subscriptions.Bought {
	b := subscriptions.Bought{OfferID: o.ID, OfferName: o.Name, BillingType: o.BillingType, Frequency: frequency,
		Quantity: quantity, UnitPrice: o.PriceFor(frequency), MicrosoftTrial: o.MicrosoftTrial(),
		TrialLicenses: o.TrialLicenses, PaidOfferID: o.PaidOfferID}
	if o.PartnerSaaS() {
		b.SaaSTrialDays = o.TrialDays
	}
	return b
}
