package software

import (
	"context"
	"encoding/hex"
	"errors"
	"fmt"
	"sync"

	"gorm.io/gorm"

	"portal/internal/activity"
	"portal/internal/catalog"
	"portal/internal/customers"
	"portal/internal/platform/clock"
	"portal/internal/platform/db"
	"portal/internal/platform/keyset"
	"portal/internal/platform/settings"
)

// SecretSetting is the settings key of the activation-key secret: kept in
// the database so keys stay the same across restarts and nodes.
const SecretSetting = "software_key_secret"

// Store reads and changes a partner's software purchases. Every method taking
// a partner ID is scoped by it: another partner's purchase is ErrNotFound.
type Store struct {
	DB       *gorm.DB
	Clock    clock.Clock
	Activity activity.Recorder

	mu     sync.Mutex
	secret []byte
}

// Page is one page of a customer's purchases.
type Page struct {
	Purchases []Purchase
	// HasMore says a page follows in the direction read: after the page
	// when reading forwards, before it when reading back from a cursor.
	HasMore bool
}

// CursorOf returns the position of a purchase in its customer's list.
func CursorOf(p Purchase) keyset.Cursor { return keyset.AtCursor(p.PurchasedAt, p.ID) }

// List returns up to limit of a customer's purchases, newest first, after
// the cursor, or the page that ends before it when before is set, in one
// query read from the (partner, customer, purchased, id) index in its
// order (SW-1, PERF-6). A cursor that is not a purchase's is the start.
func (s *Store) List(ctx context.Context, partnerID, customerID string, at keyset.Cursor, before bool, limit int) (Page, error) {
	q := db.Conn(ctx, s.DB).Where("partner_id = ? AND customer_id = ?", partnerID, customerID)
	q, back := keyset.NewestFirst(q, "purchased_at", at, before)
	var p Page
	if err := q.Limit(limit + 1).Find(&p.Purchases).Error; err != nil {
		return Page{}, fmt.Errorf("software: list for %s: %w", customerID, err)
	}
	p.Purchases, p.HasMore = keyset.Page(p.Purchases, limit, back)
	return p, nil
}

// Get returns one of the partner's purchases.
func (s *Store) Get(ctx context.Context, partnerID, id string) (Purchase, error) {
	return db.Get[Purchase](ctx, s.DB, partnerID, id, ErrNotFound)
}

// Offer returns the catalog offer a purchase was bought from, or nil when
// the catalog no longer has it.
func (s *Store) Offer(ctx context.Context, offerID string) (*catalog.Offer, error) {
	var o catalog.Offer
	err := db.Conn(ctx, s.DB).Where("id = ?", offerID).Take(&o).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("software: offer %s: %w", offerID, err)
	}
	return &o, nil
}

// Links returns the purchase's most recent download links, newest first.
func (s *Store) Links(ctx context.Context, purchaseID string, limit int) ([]DownloadLink, error) {
	var out []DownloadLink
	err := db.Conn(ctx, s.DB).Where("purchase_id = ?", purchaseID).
		Order("issued_at DESC, id DESC").Limit(limit).Find(&out).Error
	if err != nil {
		return nil, fmt.Errorf("software: links of %s: %w", purchaseID, err)
	}
	return out, nil
}

// customerName returns the name the activity log shows for a customer.
func customerName(ctx context.Context, g *gorm.DB, partnerID, customerID string) (string, error) {
	var names []string
	err := db.Conn(ctx, g).Model(&customers.Customer{}).Where("partner_id = ? AND id = ?", partnerID, customerID).
		Limit(1).Pluck("name", &names).Error
	if err != nil || len(names) == 0 {
		return "", err
	}
	return names[0], nil
}

// keySecret returns the activation-key secret, creating it once.
func (s *Store) keySecret(ctx context.Context) ([]byte, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.secret != nil {
		return s.secret, nil
	}
	v, err := settings.Store{DB: s.DB}.GetOrCreate(ctx, SecretSetting, newSecret)
	if err != nil {
		return nil, err
	}
	b, err := hex.DecodeString(v)
	if err != nil || len(b) < 16 {
		return nil, fmt.Errorf("software: stored key secret is malformed")
	}
	s.secret = b
	return b, nil
}

// CountForCustomer counts a customer's purchases up to limit (UX-4), from the
// (partner, customer, …) index the tab's pages read: the count and whether
// there are more.
func (s *Store) CountForCustomer(ctx context.Context, partnerID, customerID string, limit int) (int64, bool, error) {
	q := db.Conn(ctx, s.DB).Model(&Purchase{}).Where("software_purchases.partner_id = ? AND software_purchases.customer_id = ?", partnerID, customerID)
	n, more, err := db.CountCapped(q, limit)
	if err != nil {
		return 0, false, fmt.Errorf("software: count of %s: %w", customerID, err)
	}
	return n, more, nil
}
