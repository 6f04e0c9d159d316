package subscriptions

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/google/uuid"
	"gorm.io/gorm"

	"portal/internal/activity"
	"portal/internal/billing"
	"portal/internal/platform/clock"
	"portal/internal/platform/db"
	"portal/internal/platform/money"
)

// Store reads and changes a partner's subscriptions. Every method is scoped
// by partner: another partner's subscription is ErrNotFound (AUTH-1). Every
// change runs in one transaction with its activity entry (SUB-10) and, when
// money moves, its invoice line (BILL-1).
type Store struct {
	DB       *gorm.DB
	Clock    clock.Clock
	Activity activity.Recorder
	Ledger   billing.Ledger
}

// Detail is one subscription with what its page shows (SUB-1).
type Detail struct {
	Subscription
	CustomerName     string
	CustomerOpenedAt time.Time
	// Offer is the subscription's catalog offer; nil when the catalog no
	// longer has it.
	Offer *OfferTerms
	// ParentName is the offer name of the subscription this add-on belongs to.
	ParentName string
	AddOns     []Subscription
	// AddOnOffers are the catalog's add-ons of this subscription's offer (SUB-3).
	AddOnOffers []OfferTerms
	// PaidOffer is what a Microsoft trial converts to (CAT-12).
	PaidOffer *OfferTerms
}

// QuantityLimits returns the license counts the offer allows; the catalog's
// defaults when the offer is gone.
func (d Detail) QuantityLimits() (lo, hi int) {
	if d.Offer == nil {
		return 1, 300
	}
	return d.Offer.MinQuantity, d.Offer.MaxQuantity
}

// withCustomer is a subscription read with its customer's name and opening date.
type withCustomer struct {
	Subscription     `gorm:"embedded"`
	CustomerName     string
	CustomerOpenedAt time.Time
}

func (s *Store) load(ctx context.Context, tx *gorm.DB, partnerID, id string) (withCustomer, error) {
	var row withCustomer
	if _, err := uuid.Parse(id); err != nil {
		return row, ErrNotFound
	}
	err := tx.Table("subscriptions").
		Select("subscriptions.*, customers.name AS customer_name, customers.opened_at AS customer_opened_at").
		Joins("JOIN customers ON customers.id = subscriptions.customer_id AND customers.partner_id = subscriptions.partner_id").
		Where("subscriptions.partner_id = ? AND subscriptions.id = ?", partnerID, id).
		Take(&row).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return row, ErrNotFound
	}
	if err != nil {
		return row, fmt.Errorf("subscriptions: get %s: %w", id, err)
	}
	return row, nil
}

// Get returns one of the partner's subscriptions with its page's data, in a
// fixed number of queries.
func (s *Store) Get(ctx context.Context, partnerID, id string) (Detail, error) {
	g := db.Conn(ctx, s.DB)
	row, err := s.load(ctx, g, partnerID, id)
	if err != nil {
		return Detail{}, err
	}
	d := Detail{Subscription: row.Subscription, CustomerName: row.CustomerName, CustomerOpenedAt: row.CustomerOpenedAt}
	ids := []string{row.OfferID}
	if row.PaidOfferID != "" {
		ids = append(ids, row.PaidOfferID)
	}
	var offers []OfferTerms
	if err := g.Table(offersTable).Where("id IN ?", ids).Find(&offers).Error; err != nil {
		return Detail{}, fmt.Errorf("subscriptions: offers of %s: %w", id, err)
	}
	for i := range offers {
		switch offers[i].ID {
		case row.OfferID:
			d.Offer = &offers[i]
		case row.PaidOfferID:
			d.PaidOffer = &offers[i]
		}
	}
	if err := g.Table(offersTable).Where("base_offer_id = ?", row.OfferID).Order("name, id").Find(&d.AddOnOffers).Error; err != nil {
		return Detail{}, fmt.Errorf("subscriptions: add-on offers of %s: %w", id, err)
	}
	if err := g.Where("partner_id = ? AND parent_id = ?", partnerID, id).Order("offer_name, id").Find(&d.AddOns).Error; err != nil {
		return Detail{}, fmt.Errorf("subscriptions: add-ons of %s: %w", id, err)
	}
	if row.ParentID != "" {
		if err := g.Model(&Subscription{}).Where("partner_id = ? AND id = ?", partnerID, row.ParentID).
			Select("offer_name").Find(&d.ParentName).Error; err != nil {
			return Detail{}, fmt.Errorf("subscriptions: parent of %s: %w", id, err)
		}
	}
	return d, nil
}

// CancelCreditOf returns the credit an immediate cancellation of the
// subscription would give now, add-ons included (SUB-6), as a negative amount.
func (s *Store) CancelCreditOf(ctx context.Context, partnerID, id string) (money.Cents, error) {
	g := db.Conn(ctx, s.DB)
	row, err := s.load(ctx, g, partnerID, id)
	if err != nil {
		return 0, err
	}
	children, err := addOnsOf(g, row.Subscription, Active, Suspended, Trial)
	if err != nil {
		return 0, err
	}
	subs := append([]Subscription{row.Subscription}, children...)
	charged, err := chargedThisTerms(g, subs)
	if err != nil {
		return 0, fmt.Errorf("subscriptions: credit of %s: %w", id, err)
	}
	var total money.Cents
	for _, sub := range subs {
		total += CancelCredit(charged[sub.ID])
	}
	return total, nil
}

// CountForCustomer counts a customer's subscriptions up to limit (UX-4), from the
// (partner, customer, …) index the tab's pages read: the count and whether
// there are more.
func (s *Store) CountForCustomer(ctx context.Context, partnerID, customerID string, limit int) (int64, bool, error) {
	q := db.Conn(ctx, s.DB).Model(&Subscription{}).Where("subscriptions.partner_id = ? AND subscriptions.customer_id = ?", partnerID, customerID)
	n, more, err := db.CountCapped(q, limit)
	if err != nil {
		return 0, false, fmt.Errorf("subscriptions: count of %s: %w", customerID, err)
	}
	return n, more, nil
}
