package reservations

import (
	"time"

	"github.com/google/uuid"

	"portal/internal/catalog"
	"portal/internal/platform/keyset"
	"portal/internal/platform/money"
)

// Bought is what a new reservation starts with, bought at checkout or
// given by an exchange (RES-3).
type Bought struct {
	PartnerID, CustomerID string
	// OrderID is the order it was bought with; an exchange keeps the old
	// reservation's.
	OrderID  string
	Offer    catalog.Offer
	Quantity int
	// Price is the whole term's price the customer pays: the checkout
	// line's amount, or the exchange's new price.
	Price money.Cents
	// Scope and AzureSubscriptionID: shared when Scope is empty; an
	// exchange keeps the old reservation's.
	Scope, AzureSubscriptionID string
	// ExchangedFromID names the reservation an exchange replaces.
	ExchangedFromID string
}

// New returns the reservation bought at now, with a new ID and a new
// reservation order ID (CAT-7, RES-1, RES-3): active, for the offer's term
// (TermMonthsOf, the one rule checkout and exchange share), expiring that
// many months later.
func New(b Bought, now time.Time) Reservation {
	months := TermMonthsOf(b.Offer)
	scope := b.Scope
	if scope == "" {
		scope = ScopeShared
	}
	return Reservation{
		ID: keyset.NewID(), PartnerID: b.PartnerID, CustomerID: b.CustomerID, OfferID: b.Offer.ID, OrderID: b.OrderID,
		ReservationOrderID: uuid.NewString(), Name: b.Offer.Name, Quantity: b.Quantity, Price: b.Price,
		TermMonths: months, PurchasedAt: now, ExpiresAt: now.AddDate(0, months, 0),
		Scope: scope, AzureSubscriptionID: b.AzureSubscriptionID, Status: Active, ExchangedFromID: b.ExchangedFromID,
	}
}
