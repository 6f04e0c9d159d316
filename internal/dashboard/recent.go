package dashboard

import (
	"context"
	"fmt"
	"time"

	"portal/internal/activity"
	"portal/internal/platform/db"
	"portal/internal/subscriptions"
)

// RecentHorizon is how far back the recent automatic changes look.
const RecentHorizon = 30 * 24 * time.Hour

// Change is one subscription change the lifecycle engine made (LIFE-1):
// a trial converted or expired, a term ended, data deleted. Renewals, the
// routine case, are left to the activity log.
type Change struct {
	At             time.Time
	Action         string
	SubscriptionID string
	OfferName      string
	CustomerID     string
	CustomerName   string
}

// RecentAutomatic returns the partner's latest subscription changes made by
// the system since since, newest first, in one query served by the
// activity log's (partner, actor, at, id) index: what a demo's clock move
// or a night's run changed (DASH-1, LIFE-3).
func (s Store) RecentAutomatic(ctx context.Context, partnerID string, since time.Time, limit int) ([]Change, error) {
	var out []Change
	err := db.Conn(ctx, s.DB).Table("activity_entries AS a").
		Select("a.at, a.action, a.resource_id AS subscription_id, subscriptions.offer_name, a.customer_id, a.customer_name").
		Joins("JOIN subscriptions ON subscriptions.id = a.resource_id AND subscriptions.partner_id = a.partner_id").
		Where("a.partner_id = ? AND a.actor_id = '' AND a.actor_name = ? AND a.resource_type = ? AND a.action <> ? AND a.at >= ?",
			partnerID, activity.System.Name, "subscription", subscriptions.ActionRenewed, since).
		Order("a.at DESC, a.id DESC").Limit(limit).Scan(&out).Error
	if err != nil {
		return nil, fmt.Errorf("dashboard: recent automatic changes: %w", err)
	}
	return out, nil
}
