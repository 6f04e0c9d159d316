package software

import (
	"time"

	"portal/internal/catalog"
	"portal/internal/platform/keyset"
	"portal/internal/platform/money"
)

// Bought is what a purchase of software starts with: whose it is, the
// order, the offer and the count.
type Bought struct {
	PartnerID, CustomerID, OrderID string
	Offer                          catalog.Offer
	Quantity                       int
}

// NewPurchase returns the software purchase bought at now, with a new ID
// (CAT-7, SW-1): active, priced at the offer's whole-purchase price per
// unit; a software subscription's term ends its TermMonths later, a
// perpetual license has no end.
func NewPurchase(b Bought, now time.Time) Purchase {
	o := b.Offer
	p := Purchase{ID: keyset.NewID(), PartnerID: b.PartnerID, CustomerID: b.CustomerID, OfferID: o.ID,
		OrderID: b.OrderID, ProductName: o.Name, Kind: o.SoftwareKind, Product: o.Product, Quantity: b.Quantity,
		Price: o.TermPrice * money.Cents(b.Quantity), PurchasedAt: now, Status: Active}
	if o.SoftwareKind == catalog.SoftwareSubscription && o.TermMonths > 0 {
		end := now.AddDate(0, o.TermMonths, 0)
		p.TermEnd = &end
	}
	return p
}
