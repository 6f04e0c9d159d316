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

// listFields are the fields of ListColumns, in its order: the brief tab's
// rows are scanned straight into them (db.Collect), not by GORM's
// reflection.
func listFields(s *Subscription) []any {
	return []any{&s.ID, &s.PartnerID, &s.CustomerID, &s.OfferName, &s.ParentID, &s.Quantity, &s.Frequency, &s.Status,
		&s.TermEnd, &s.AutoRenew, &s.TrialEnd, &s.CancelAtTermEnd, &s.BoughtDirectly}
}

// ForCustomer lists up to limit of a customer's subscriptions, add-ons
// included, by offer name: after the cursor, or the page that ends before
// the cursor when before is set (PERF-6: keyset pages read from the
// (partner, customer, offer name, id) index in its order, either way), and
// the names of their parents: two queries whatever the page.
func (s *Store) ForCustomer(ctx context.Context, partnerID, customerID string, at keyset.Cursor, before bool, limit int) (CustomerPage, error) {
	return s.forCustomer(ctx, partnerID, customerID, at, before, limit, false)
}

// ForCustomerBrief is ForCustomer reading ListColumns only; the
// subscriptions' other fields are left empty.
func (s *Store) ForCustomerBrief(ctx context.Context, partnerID, customerID string, at keyset.Cursor, before bool, limit int) (CustomerPage, error) {
	return s.forCustomer(ctx, partnerID, customerID, at, before, limit, true)
}

// forCustomer reads the page with ListColumns when brief, else every
// column.
func (s *Store) forCustomer(ctx context.Context, partnerID, customerID string, at keyset.Cursor, before bool, limit int, brief bool) (CustomerPage, error) {
	g := db.Conn(ctx, s.DB)
	q := g.Model(&Subscription{}).Where("partner_id = ? AND customer_id = ?", partnerID, customerID)
	if brief {
		q = q.Select(ListColumns)
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
	var err error
	if brief {
		p.Subscriptions, err = db.Collect(q.Limit(limit+1), limit+1, listFields)
	} else {
		err = q.Limit(limit + 1).Find(&p.Subscriptions).Error
	}
	if err != nil {
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
	named, err := db.Collect(g.Model(&Subscription{}).Select("id", "offer_name").Where(db.PartnersByID(parents, partnerID)),
		len(parents), func(x *Subscription) []any { return []any{&x.ID, &x.OfferName} })
	if err != nil {
		return CustomerPage{}, fmt.Errorf("subscriptions: parents of %s: %w", customerID, err)
	}
	for _, n := range named {
		p.ParentNames[n.ID] = n.OfferName
	}
	return p, nil
}
