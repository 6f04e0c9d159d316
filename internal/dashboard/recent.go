package dashboard

import (
	"context"
	"fmt"
	"sort"
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

// recentActions are the lifecycle engine's subscription changes the home
// page shows: every automatic change but the renewal.
var recentActions = []string{
	subscriptions.ActionTrialConverted, subscriptions.ActionTrialExpired, subscriptions.ActionEnded, subscriptions.ActionDeleted,
}

// RecentAutomatic returns the partner's latest subscription changes made by
// the system since since, newest first: what a demo's clock move or a
// night's run changed (DASH-1, LIFE-3). Each action is read newest first
// from the (partner, actor, action, at, id) index, at most limit rows each,
// and the lists merged: neither renewals, by far the most frequent
// automatic entries, nor users' entries of the same actions are read
// (PERF-6).
func (s Store) RecentAutomatic(ctx context.Context, partnerID string, since time.Time, limit int) ([]Change, error) {
	var out []Change
	for _, action := range recentActions {
		var part []Change
		err := db.Conn(ctx, s.DB).Table("activity_entries AS a").
			Select("a.at, a.action, a.resource_id AS subscription_id, subscriptions.offer_name, a.customer_id, a.customer_name").
			Joins("JOIN subscriptions ON subscriptions.id = a.resource_id AND subscriptions.partner_id = a.partner_id").
			Where("a.partner_id = ? AND a.actor_id = '' AND a.action = ? AND a.at >= ? AND a.actor_name = ? AND a.resource_type = ?",
				partnerID, action, since, activity.System.Name, "subscription").
			Order("a.at DESC, a.id DESC").Limit(limit).Scan(&part).Error
		if err != nil {
			return nil, fmt.Errorf("dashboard: recent automatic changes: %w", err)
		}
		out = append(out, part...)
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].At.After(out[j].At) })
	return out[:min(len(out), limit)], nil
}
