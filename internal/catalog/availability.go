package catalog

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"gorm.io/gorm"

	"portal/internal/platform/db"
)

// Reasons an offer is shown but cannot be added (CAT-3, CAT-4). Each is a
// message key the catalog page writes beside the offer.
const (
	ReasonSegment      = "cat.reason.segment"        // the customer's segment is not eligible
	ReasonOnePer       = "cat.reason.one_per"        // limited to one per customer, which the customer has
	ReasonSuspended    = "cat.reason.suspended"      // ... and that one is suspended: reactivate it instead
	ReasonCountry      = "cat.reason.country"        // the ISV does not support the customer's billing country
	ReasonNotInProgram = "cat.reason.not_in_program" // the publisher has not made it available to the program
	ReasonUsageBased   = "cat.reason.usage_based"    // a usage-based partner offer: bought in the cloud portal
	ReasonMarket       = "cat.reason.market"         // an Azure reservation in an unavailable market
	ReasonNeedsBase    = "cat.reason.needs_base"     // an add-on without a subscription to its base offer
)

// Owned is one of the customer's live subscriptions (active, in trial or
// suspended) that decides an offer's availability.
type Owned struct {
	SubscriptionID string
	OfferID        string
	Status         string
}

// Buyer is what availability depends on besides the offer: who sells and to
// whom.
type Buyer struct {
	PartnerID string
	Segment   string // the customer's segment
	Country   string // the customer's billing country (ISO alpha-2)
	// Owned lists the customer's live subscriptions of the offers that
	// matter (one-per-customer offers and add-ons' base offers).
	Owned []Owned
	// Markets is where Azure reservations are not sold.
	Markets Markets
}

// Availability is what the catalog shows for an offer and a customer.
type Availability struct {
	// Hidden: the offer is exclusive to another partner and not shown at all.
	Hidden bool
	// Addable: the offer can be added to the cart.
	Addable bool
	// Reason is the message key saying why it cannot be added.
	Reason string
	// ReactivateID names the customer's suspended subscription to reactivate
	// instead of buying another (CAT-3).
	ReactivateID string
}

// Suspended is the status of a suspended subscription (as in the
// subscriptions package, which this package does not import).
const Suspended = "suspended"

// AvailabilityOf decides whether o can be added for the buyer (CAT-3, CAT-4).
// The checks run from the offer's own terms to the customer's situation, and
// the first that fails is the reason shown.
func AvailabilityOf(o Offer, b Buyer) Availability {
	if o.ExclusivePartnerID != "" && o.ExclusivePartnerID != b.PartnerID {
		return Availability{Hidden: true}
	}
	no := func(reason string) Availability { return Availability{Reason: reason} }
	switch {
	case o.NotInProgram:
		return no(ReasonNotInProgram)
	case o.Publisher == PublisherPartner && o.BillingType != BillingLicense:
		// CAT-4: only license-based partner SaaS offers are bought here.
		return no(ReasonUsageBased)
	case !inList(o.Segments, b.Segment):
		return no(ReasonSegment)
	case o.Publisher == PublisherPartner && !inList(o.Countries, b.Country):
		return no(ReasonCountry)
	case o.Tab == TabReservation && b.Markets.Has(b.Country):
		return no(ReasonMarket)
	}
	if o.OnePerCustomer {
		for _, own := range b.Owned {
			if own.OfferID != o.ID {
				continue
			}
			if own.Status == Suspended {
				return Availability{Reason: ReasonSuspended, ReactivateID: own.SubscriptionID}
			}
			return no(ReasonOnePer)
		}
	}
	if o.AddOn() && BaseSubscription(o, b.Owned) == "" {
		return no(ReasonNeedsBase)
	}
	return Availability{Addable: true}
}

// BaseSubscription returns the customer's subscription an add-on attaches
// to: a live, not suspended subscription of its base offer; "" when none.
func BaseSubscription(o Offer, owned []Owned) string {
	for _, own := range owned {
		if own.OfferID == o.BaseOfferID && own.Status != Suspended {
			return own.SubscriptionID
		}
	}
	return ""
}

// inList reports whether v is in the comma-separated list; an empty list
// holds everything.
func inList(list, v string) bool {
	if strings.TrimSpace(list) == "" {
		return true
	}
	for _, x := range List(list) {
		if strings.EqualFold(x, v) {
			return true
		}
	}
	return false
}

// PricesIncludeTax reports whether prices shown to a customer billed in
// country include tax (CAT-6): only in Australia and Brazil.
func PricesIncludeTax(country string) bool {
	switch strings.ToUpper(strings.TrimSpace(country)) {
	case "AU", "BR":
		return true
	}
	return false
}

// OwnedFor loads, in one query, the customer's live subscriptions (active,
// in trial or suspended) of the offers availability looks at: the
// one-per-customer offers among offers and the base offers of add-ons.
func OwnedFor(ctx context.Context, g *gorm.DB, partnerID, customerID string, offers []Offer) ([]Owned, error) {
	return readOwned(ctx, g, partnerID, customerID, ownedOffers(offers))
}

// ownedOffers are the IDs of the offers whose live subscriptions decide
// offers' availability, each once, in offers' order.
func ownedOffers(offers []Offer) []string {
	seen := map[string]bool{}
	var ids []string
	add := func(id string) {
		if id != "" && !seen[id] {
			seen[id] = true
			ids = append(ids, id)
		}
	}
	for _, o := range offers {
		if o.OnePerCustomer {
			add(o.ID)
		}
		add(o.BaseOfferID)
	}
	return ids
}

// OwnedMemo keeps a customer's live subscriptions of some offers, as
// OwnedFor read them, while nothing is written (db.Memo): the catalog's
// pages, viewed again and again for one customer, read them once.
type OwnedMemo = db.Memo[ownedKey, []Owned]

type ownedKey struct {
	partnerID, customerID string
	offerIDs              string // ownedOffers, joined by spaces
}

// ownedMemoKeys bounds the customers' pages an OwnedMemo keeps: a few
// offers' subscriptions each.
const ownedMemoKeys = 1024

// NewOwnedMemo returns an empty OwnedMemo, kept on both engines.
func NewOwnedMemo() *OwnedMemo { return db.NewMemo[ownedKey, []Owned](ownedMemoKeys).AcrossNodes() }

// ownedFor is OwnedFor, through s.Owned when set. What it returns may be
// shared with other callers and must not be changed.
func (s *Store) ownedFor(ctx context.Context, partnerID, customerID string, offers []Offer) ([]Owned, error) {
	ids := ownedOffers(offers)
	if s.Owned == nil || len(ids) == 0 {
		return readOwned(ctx, s.DB, partnerID, customerID, ids)
	}
	key := ownedKey{partnerID: partnerID, customerID: customerID, offerIDs: strings.Join(ids, " ")}
	owned, err := s.Owned.Read(ctx, s.DB, key, nil, func(ctx context.Context) ([]Owned, error) {
		return readOwned(ctx, s.DB, partnerID, customerID, ids)
	})
	// Clipped, so that Eligibility.Own appends to a copy.
	return slices.Clip(owned), err
}

// readOwned reads the customer's live subscriptions of the offers ids.
func readOwned(ctx context.Context, g *gorm.DB, partnerID, customerID string, ids []string) ([]Owned, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	var out []Owned
	// The subscriptions table is read by name: that package builds on this
	// one, not the other way round.
	err := db.Conn(ctx, g).Table("subscriptions").
		Select("id AS subscription_id, offer_id, status").
		Where("partner_id = ? AND customer_id = ? AND status IN ? AND offer_id IN ?",
			partnerID, customerID, []string{"active", "trial", Suspended}, ids).
		Order("created_at, id").Find(&out).Error
	if err != nil {
		return nil, fmt.Errorf("catalog: owned offers of %s: %w", customerID, err)
	}
	return out, nil
}
