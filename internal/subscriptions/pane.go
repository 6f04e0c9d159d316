package subscriptions

import (
	"context"
	"fmt"

	"portal/internal/platform/db"
)

// PaneItem is one subscription in a customer's actions pane (CUST-3).
type PaneItem struct {
	ID             string
	OfferName      string
	Status         string
	Quantity       int
	BoughtDirectly bool
}

// Pane returns up to limit of a customer's subscriptions for the actions
// pane, add-ons left out, in one query.
func (s *Store) Pane(ctx context.Context, partnerID, customerID string, limit int) ([]PaneItem, error) {
	var items []PaneItem
	err := db.Conn(ctx, s.DB).Model(&Subscription{}).
		Select("id, offer_name, status, quantity, bought_directly").
		Where("partner_id = ? AND customer_id = ? AND parent_id = ''", partnerID, customerID).
		Order("offer_name, id").Limit(limit).Scan(&items).Error
	if err != nil {
		return nil, fmt.Errorf("subscriptions: pane of %s: %w", customerID, err)
	}
	return items, nil
}
