package catalog

import (
	"context"
	"errors"
	"fmt"

	"gorm.io/gorm"

	"portal/internal/customers"
	"portal/internal/perm"
	"portal/internal/platform/db"
)

// Shopper names who would buy and for whom: the partner, its customer and
// the roles of the user buying (AUTH-5).
type Shopper struct {
	PartnerID  string
	CustomerID string
	Roles      perm.Roles
	// Customer is the customer when the caller has read it already (a page
	// that shows it): it is then not read again. It must be the partner's.
	Customer *customers.Customer
}

// Verdict is one offer's eligibility for a customer: what the catalog, the
// cart and a purchase decide about it.
type Verdict struct {
	Availability
	// ReasonArgs are the arguments of Reason's message: the customer's
	// country, or the name of an add-on's base offer.
	ReasonArgs []any
	// BaseName is the name of an add-on's base offer.
	BaseName string
	// Action is the permission buying the offer needs; Allowed reports
	// whether the shopper's roles hold it (AUTH-5).
	Action  perm.Action
	Allowed bool
}

// Eligibility is what an offer's availability depends on for one customer,
// read once: the customer, its live subscriptions of the offers that
// matter, the base offers of add-ons and the buyer's roles. Of decides each
// offer from it without another query.
type Eligibility struct {
	Customer customers.Customer
	buyer    Buyer
	bases    map[string]Offer
	roles    perm.Roles
}

// Eligibility reads, in at most three queries whatever the number of
// offers (two when the caller gives the customer), what the availability of offers depends on for the shopper's
// customer (CAT-3, CAT-4). Another partner's customer is
// customers.ErrNotFound. Inside a transaction (db.Tx) the reads join it.
func (s *Store) Eligibility(ctx context.Context, sh Shopper, offers []Offer) (Eligibility, error) {
	cust, err := s.shopperCustomer(ctx, sh)
	if err != nil {
		return Eligibility{}, err
	}
	owned, err := s.ownedFor(ctx, sh.PartnerID, cust.ID, offers)
	if err != nil {
		return Eligibility{}, err
	}
	var baseIDs []string
	for _, o := range offers {
		baseIDs = append(baseIDs, o.BaseOfferID)
	}
	bases, err := s.Offers(ctx, sh.PartnerID, baseIDs)
	if err != nil {
		return Eligibility{}, err
	}
	return Eligibility{
		Customer: cust,
		buyer:    Buyer{PartnerID: sh.PartnerID, Segment: cust.Segment, Country: cust.Country, Owned: owned, Markets: s.markets()},
		bases:    bases,
		roles:    sh.Roles,
	}, nil
}

// shopperCustomer is the shopper's customer, read unless the caller gave it.
func (s *Store) shopperCustomer(ctx context.Context, sh Shopper) (customers.Customer, error) {
	if c := sh.Customer; c != nil {
		if c.PartnerID != sh.PartnerID || (sh.CustomerID != "" && c.ID != sh.CustomerID) {
			return customers.Customer{}, customers.ErrNotFound
		}
		return *c, nil
	}
	var cust customers.Customer
	err := db.Conn(ctx, s.DB).Where("id = ? AND partner_id = ?", sh.CustomerID, sh.PartnerID).Take(&cust).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return customers.Customer{}, customers.ErrNotFound
	}
	if err != nil {
		return customers.Customer{}, fmt.Errorf("catalog: customer %s: %w", sh.CustomerID, err)
	}
	return cust, nil
}

// Of decides an offer for the customer (CAT-3, CAT-4, AUTH-5). An offer
// that does not exist (the zero Offer, as a cart line whose offer is gone
// has) is hidden.
func (e Eligibility) Of(o Offer) Verdict {
	a := ActionFor(o.Tab)
	v := Verdict{Action: a, Allowed: e.roles.Can(a), BaseName: e.bases[o.BaseOfferID].Name}
	if o.ID == "" {
		v.Hidden = true
		return v
	}
	v.Availability = AvailabilityOf(o, e.buyer)
	switch v.Reason {
	case ReasonCountry, ReasonMarket:
		v.ReasonArgs = []any{e.Customer.Country}
	case ReasonNeedsBase:
		v.ReasonArgs = []any{v.BaseName}
	}
	return v
}

// Own records a subscription the customer has just been given (in the
// same order), so the offers decided after it see it: a one-per-customer
// offer is not bought twice, an add-on attaches to its base (CAT-3, SUB-3).
func (e *Eligibility) Own(own Owned) { e.buyer.Owned = append(e.buyer.Owned, own) }

// BaseSubscription is the customer's subscription an add-on attaches to;
// "" when none.
func (e Eligibility) BaseSubscription(o Offer) string { return BaseSubscription(o, e.buyer.Owned) }
