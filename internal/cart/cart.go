// Package cart holds the cart a partner fills for one customer before a
// purchase (CAT-5, CAT-6). There is one cart per partner and customer,
// shared by the partner's staff: a sales agent can fill it and an admin
// agent review and buy it.
package cart

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"sort"
	"strconv"
	"time"

	"github.com/google/uuid"
	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"portal/internal/activity"
	"portal/internal/catalog"
	"portal/internal/platform/apperr"
	"portal/internal/platform/clock"
	"portal/internal/platform/db"
	"portal/internal/platform/keyset"
)

// Item is one line of a customer's cart: an offer, a license count and a
// billing frequency. A cart holds an offer once; adding it again replaces
// the line's count and frequency.
type Item struct {
	ID         string `gorm:"primaryKey;size:36"`
	PartnerID  string `gorm:"size:36;not null;uniqueIndex:idx_cart_items_offer,priority:1;index:idx_cart_items_cart,priority:1"`
	CustomerID string `gorm:"size:36;not null;uniqueIndex:idx_cart_items_offer,priority:2;index:idx_cart_items_cart,priority:2"`
	OfferID    string `gorm:"size:36;not null;uniqueIndex:idx_cart_items_offer,priority:3"`
	Quantity   int    `gorm:"not null"`
	// Frequency is "monthly" or "annual"; empty for software and reservations.
	Frequency string    `gorm:"size:10;not null;default:''"`
	AddedBy   string    `gorm:"size:36;not null"`
	CreatedAt time.Time `gorm:"not null;index:idx_cart_items_cart,priority:3"`
	UpdatedAt time.Time `gorm:"not null"`
}

// TableName names the cart's table.
func (Item) TableName() string { return "cart_items" }

// Line is a cart item with its offer, for the cart page and the checkout.
type Line struct {
	Item
	Offer catalog.Offer
}

// Errors of the cart package.
var (
	ErrNotFound = fmt.Errorf("cart: item %w", apperr.ErrNotFound)
)

// Store reads and writes carts, scoped by partner.
type Store struct {
	DB       *gorm.DB
	Clock    clock.Clock
	Activity activity.Recorder
	// Offers, when set, serves the lines' offers from memory (the catalog's
	// version read instead of the offers).
	Offers *catalog.OfferCache
}

// Lines returns a customer's cart, oldest line first, with each line's offer
// (two queries whatever the cart's size).
func (s *Store) Lines(ctx context.Context, partnerID, customerID string) ([]Line, error) {
	var items []Item
	err := db.Conn(ctx, s.DB).Where("partner_id = ? AND customer_id = ?", partnerID, customerID).
		Order("created_at, id").Find(&items).Error
	if err != nil {
		return nil, fmt.Errorf("cart: lines of %s: %w", customerID, err)
	}
	ids := make([]string, 0, len(items))
	for _, it := range items {
		ids = append(ids, it.OfferID)
	}
	offers, err := (&catalog.Store{DB: s.DB, Cache: s.Offers}).Offers(ctx, partnerID, ids)
	if err != nil {
		return nil, err
	}
	out := make([]Line, 0, len(items))
	for _, it := range items {
		out = append(out, Line{Item: it, Offer: offers[it.OfferID]})
	}
	return out, nil
}

// Items returns a customer's cart lines without their offers (one query).
func (s *Store) Items(ctx context.Context, partnerID, customerID string) ([]Item, error) {
	var items []Item
	err := db.Conn(ctx, s.DB).Where("partner_id = ? AND customer_id = ?", partnerID, customerID).
		Order("created_at, id").Find(&items).Error
	if err != nil {
		return nil, fmt.Errorf("cart: items of %s: %w", customerID, err)
	}
	return items, nil
}

// Target names the cart's customer, for the activity log.
type Target struct {
	PartnerID, CustomerID, CustomerName string
}

// Add puts an offer in the cart, or replaces the count and frequency of its
// line when it is there already. The caller has validated the count and
// frequency against the offer (CAT-5) and its availability (CAT-3).
func (s *Store) Add(ctx context.Context, actor activity.Actor, t Target, o catalog.Offer, quantity int, frequency string) (Item, error) {
	now := s.Clock.Now()
	it := Item{ID: keyset.NewID(), PartnerID: t.PartnerID, CustomerID: t.CustomerID, OfferID: o.ID,
		Quantity: quantity, Frequency: frequency, AddedBy: actor.UserID, CreatedAt: now, UpdatedAt: now}
	err := db.Tx(ctx, s.DB, func(ctx context.Context, tx *gorm.DB) error {
		// RETURNING gives the line as stored: new, or the existing one
		// just updated (its own ID and time of adding).
		err := tx.Clauses(clause.OnConflict{
			Columns:   []clause.Column{{Name: "partner_id"}, {Name: "customer_id"}, {Name: "offer_id"}},
			DoUpdates: clause.Assignments(map[string]any{"quantity": quantity, "frequency": frequency, "updated_at": now}),
		}, clause.Returning{}).Create(&it).Error
		if err != nil {
			return err
		}
		return s.Activity.Record(ctx, now, activity.Change{
			PartnerID: t.PartnerID, Actor: actor, CustomerID: t.CustomerID, CustomerName: t.CustomerName,
			ResourceType: "cart_item", ResourceID: it.ID, Action: "cart.item_added",
			Details: o.Name,
			After:   map[string]any{"offer": o.Name, "quantity": quantity, "frequency": frequency},
		})
	})
	if err != nil {
		return Item{}, fmt.Errorf("cart: add %s for %s: %w", o.ID, t.CustomerID, err)
	}
	return it, nil
}

// Get returns one line of a customer's cart.
func (s *Store) Get(ctx context.Context, partnerID, customerID, itemID string) (Line, error) {
	if _, err := uuid.Parse(itemID); err != nil {
		return Line{}, ErrNotFound
	}
	var it Item
	err := db.Conn(ctx, s.DB).Where("partner_id = ? AND customer_id = ? AND id = ?", partnerID, customerID, itemID).Take(&it).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return Line{}, ErrNotFound
	}
	if err != nil {
		return Line{}, fmt.Errorf("cart: get %s: %w", itemID, err)
	}
	offers, err := (&catalog.Store{DB: s.DB, Cache: s.Offers}).Offers(ctx, partnerID, []string{it.OfferID})
	if err != nil {
		return Line{}, err
	}
	return Line{Item: it, Offer: offers[it.OfferID]}, nil
}

// SetQuantity changes a line's license count (validated by the caller).
func (s *Store) SetQuantity(ctx context.Context, actor activity.Actor, t Target, itemID string, quantity int) error {
	now := s.Clock.Now()
	err := db.Tx(ctx, s.DB, func(ctx context.Context, tx *gorm.DB) error {
		var it Item
		err := tx.Where("partner_id = ? AND customer_id = ? AND id = ?", t.PartnerID, t.CustomerID, itemID).Take(&it).Error
		if errors.Is(err, gorm.ErrRecordNotFound) {
			return ErrNotFound
		}
		if err != nil {
			return err
		}
		if it.Quantity == quantity {
			return nil
		}
		if err := tx.Model(&Item{}).Where("id = ?", it.ID).Updates(map[string]any{"quantity": quantity, "updated_at": now}).Error; err != nil {
			return err
		}
		return s.Activity.Record(ctx, now, activity.Change{
			PartnerID: t.PartnerID, Actor: actor, CustomerID: t.CustomerID, CustomerName: t.CustomerName,
			ResourceType: "cart_item", ResourceID: it.ID, Action: "cart.item_changed",
			Before: map[string]any{"quantity": it.Quantity}, After: map[string]any{"quantity": quantity},
		})
	})
	if err != nil {
		return fmt.Errorf("cart: set quantity of %s: %w", itemID, err)
	}
	return nil
}

// Remove takes a line out of the cart. Removing a line that is not there
// (already removed, or bought) does nothing.
func (s *Store) Remove(ctx context.Context, actor activity.Actor, t Target, itemID string) error {
	if _, err := uuid.Parse(itemID); err != nil {
		return nil
	}
	now := s.Clock.Now()
	err := db.Tx(ctx, s.DB, func(ctx context.Context, tx *gorm.DB) error {
		var it Item
		err := tx.Where("partner_id = ? AND customer_id = ? AND id = ?", t.PartnerID, t.CustomerID, itemID).Take(&it).Error
		if errors.Is(err, gorm.ErrRecordNotFound) {
			return nil
		}
		if err != nil {
			return err
		}
		if err := tx.Delete(&Item{}, "id = ?", it.ID).Error; err != nil {
			return err
		}
		return s.Activity.Record(ctx, now, activity.Change{
			PartnerID: t.PartnerID, Actor: actor, CustomerID: t.CustomerID, CustomerName: t.CustomerName,
			ResourceType: "cart_item", ResourceID: it.ID, Action: "cart.item_removed",
			Before: map[string]any{"offer_id": it.OfferID, "quantity": it.Quantity, "frequency": it.Frequency},
		})
	})
	if err != nil {
		return fmt.Errorf("cart: remove %s: %w", itemID, err)
	}
	return nil
}

// CheckoutKey is the key of a cart's current state: its lines, counts,
// frequencies and last changes. The cart page's purchase form carries it, so
// a double submit names the same order (CAT-7) and a cart changed in
// another tab since the review is noticed.
func CheckoutKey(partnerID, customerID string, lines []Line) string {
	if len(lines) == 0 {
		return ""
	}
	parts := make([]string, 0, len(lines))
	for _, l := range lines {
		parts = append(parts, l.ID+"|"+l.OfferID+"|"+strconv.Itoa(l.Quantity)+"|"+l.Frequency+"|"+strconv.FormatInt(l.UpdatedAt.UnixNano(), 10))
	}
	sort.Strings(parts)
	h := sha256.New()
	h.Write([]byte(partnerID + "\n" + customerID + "\n"))
	for _, p := range parts {
		h.Write([]byte(p + "\n"))
	}
	return hex.EncodeToString(h.Sum(nil))
}
