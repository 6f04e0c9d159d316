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

// ListColumns are the columns the customer's subscriptions tab reads of
// each row: what the row shows and its sort key. The dates of purchase,
// billing, suspension and retention, the prices and the order are left out,
// and with them most of the times the driver parses per row on SQLite.
var ListColumns = []string{"id", "partner_id", "customer_id", "offer_name", "parent_id", "quantity", "frequency", "status",
	"term_end", "auto_renew", "trial_end", "cancel_at_term_end", "bought_directly"}

// ForCustomer lists up to limit of a customer's subscriptions, add-ons
// included, by offer name: after the cursor, or the page that ends before
// the cursor when before is set (PERF-6: keyset pages read from the
// (partner, customer, offer name, id) index in its order, either way), and
// the names of their parents: two queries whatever the page.
func (s *Store) ForCustomer(ctx context.Context, partnerID, customerID string, at keyset.Cursor, before bool, limit int) (CustomerPage, error) {
	return s.forCustomer(ctx, partnerID, customerID, at, before, limit, nil)
}

// ForCustomerBrief is ForCustomer reading ListColumns only; the
// subscriptions' other fields are left empty.
func (s *Store) ForCustomerBrief(ctx context.Context, partnerID, customerID string, at keyset.Cursor, before bool, limit int) (CustomerPage, error) {
	return s.forCustomer(ctx, partnerID, customerID, at, before, limit, ListColumns)
}

// forCustomer reads the page with the columns cols, or every column.
func (s *Store) forCustomer(ctx context.Context, partnerID, customerID string, at keyset.Cursor, before bool, limit int, cols []string) (CustomerPage, error) {
	g := db.Conn(ctx, s.DB)
	q := g.Where("partner_id = ? AND customer_id = ?", partnerID, customerID)
	if cols != nil {
		q = q.Select(cols)
	}
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
	if err := g.Select("id", "offer_name").Where(db.PartnersByID(parents, partnerID)).Find(&named).Error; err != nil {
		return CustomerPage{}, fmt.Errorf("subscriptions: parents of %s: %w", customerID, err)
	}
	for _, n := range named {
		p.ParentNames[n.ID] = n.OfferName
	}
	return p, nil
}
