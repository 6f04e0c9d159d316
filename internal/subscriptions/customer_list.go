package subscriptions

import (
	"context"
	"fmt"
	"slices"

	"portal/internal/platform/db"
	"portal/internal/platform/keyset"
)

// CustomerPage is one page of a customer's subscriptions.
type CustomerPage struct {
	Subscriptions []Subscription
	// ParentNames names the parents of the page's add-ons, those on other
	// pages included.
	ParentNames map[string]string
	// HasMore says a page follows in the direction read: after the page
	// when reading forwards, before it when reading back from a cursor.
	HasMore bool
}

// CursorOf returns the position of a subscription in its customer's list.
func CursorOf(s Subscription) keyset.Cursor { return keyset.Cursor{Key: s.OfferName, ID: s.ID} }

// ForCustomer lists up to limit of a customer's subscriptions, add-ons
// included, by offer name: after the cursor, or the page that ends before
// the cursor when before is set (PERF-6: keyset pages read from the
// (partner, customer, offer name, id) index in its order, either way), and
// the names of their parents: two queries whatever the page.
func (s *Store) ForCustomer(ctx context.Context, partnerID, customerID string, at keyset.Cursor, before bool, limit int) (CustomerPage, error) {
	g := db.Conn(ctx, s.DB)
	q := g.Where("partner_id = ? AND customer_id = ?", partnerID, customerID)
	switch {
	case at.IsZero():
		q = q.Order("offer_name, id")
	case before:
		q = q.Where("(offer_name < ? OR (offer_name = ? AND id < ?))", at.Key, at.Key, at.ID).Order("offer_name DESC, id DESC")
	default:
		q = q.Where("(offer_name > ? OR (offer_name = ? AND id > ?))", at.Key, at.Key, at.ID).Order("offer_name, id")
	}
	var p CustomerPage
	if err := q.Limit(limit + 1).Find(&p.Subscriptions).Error; err != nil {
		return CustomerPage{}, fmt.Errorf("subscriptions: list of %s: %w", customerID, err)
	}
	if p.HasMore = len(p.Subscriptions) > limit; p.HasMore {
		p.Subscriptions = p.Subscriptions[:limit]
	}
	if before && !at.IsZero() {
		slices.Reverse(p.Subscriptions)
	}
	p.ParentNames = map[string]string{}
	var parents []string
	for _, sub := range p.Subscriptions {
		if sub.ParentID != "" && !slices.Contains(parents, sub.ParentID) {
			parents = append(parents, sub.ParentID)
		}
	}
	if len(parents) == 0 {
		return p, nil
	}
	var named []Subscription
	if err := g.Select("id", "offer_name").Where("partner_id = ? AND id IN ?", partnerID, parents).Find(&named).Error; err != nil {
		return CustomerPage{}, fmt.Errorf("subscriptions: parents of %s: %w", customerID, err)
	}
	for _, n := range named {
		p.ParentNames[n.ID] = n.OfferName
	}
	return p, nil
}
