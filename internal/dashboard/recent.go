package dashboard

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"
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
	EntryID        string // the activity entry's, which orders changes of one instant
}

// recentActions are the lifecycle engine's subscription changes the home
// page shows: every automatic change but the renewal.
var recentActions = []string{
	subscriptions.ActionTrialConverted, subscriptions.ActionTrialExpired, subscriptions.ActionEnded, subscriptions.ActionDeleted,
}

// RecentAutomatic returns the partner's latest subscription changes made by
// the system since since, newest first: what a demo's clock move or a
// night's run changed (DASH-1, LIFE-3). One statement reads each action
// newest first from the (partner, actor, action, at, id) index, merges the
// four ordered reads, keeps limit rows and joins them to their
// subscriptions: neither renewals, by far the most frequent automatic
// entries, nor users' entries of the same actions are read (PERF-6). One
// statement, not one per action: on PostgreSQL, planning four joins cost
// thirty times their execution.
func (s Store) RecentAutomatic(ctx context.Context, partnerID string, since time.Time, limit int) ([]Change, error) {
	branch := `SELECT a.at, a.id, a.action, a.resource_id, a.customer_id, a.customer_name FROM activity_entries AS a
WHERE a.partner_id = ? AND a.actor_id = '' AND a.action = ? AND a.at >= ? AND a.actor_name = ? AND a.resource_type = ?`
	// PostgreSQL merges the branches in order when each has its own order
	// and limit; SQLite merges them as they are, and would sort each
	// branch's rows again if they had.
	pg := db.Postgres(s.DB)
	if pg {
		branch = "SELECT * FROM (" + branch + "\nORDER BY a.at DESC, a.id DESC LIMIT ?) AS b"
	}
	var branches []string
	var args []any
	for _, action := range recentActions {
		branches = append(branches, branch)
		args = append(args, partnerID, action, since, activity.System.Name, "subscription")
		if pg {
			args = append(args, limit)
		}
	}
	query := `SELECT r.at, r.id AS entry_id, r.action, r.resource_id AS subscription_id, subscriptions.offer_name, r.customer_id, r.customer_name
FROM (` + strings.Join(branches, "\nUNION ALL\n") + `
ORDER BY at DESC, id DESC LIMIT ?) AS r
JOIN subscriptions ON subscriptions.id = r.resource_id AND subscriptions.partner_id = ?`
	args = append(args, limit, partnerID)
	out, err := db.Collect(db.Conn(ctx, s.DB).Raw(query, args...), limit, func(c *Change) []any {
		return []any{&c.At, &c.EntryID, &c.Action, &c.SubscriptionID, &c.OfferName, &c.CustomerID, &c.CustomerName}
	})
	if err != nil {
		return nil, fmt.Errorf("dashboard: recent automatic changes: %w", err)
	}
	// The join keeps the merged order in practice; SQL does not promise it.
	slices.SortStableFunc(out, func(a, b Change) int {
		return cmp.Or(b.At.Compare(a.At), strings.Compare(b.EntryID, a.EntryID))
	})
	return out, nil
}

// Soon is what the home page lists of the partner's subscriptions: those
// that need attention soon, with the dated lists' capped counts
// (Attention), and the latest automatic changes (RecentAutomatic).
type Soon struct {
	Lists  map[string][]Item
	Counts map[string]Count
	Recent []Change
}

// Soon reads Attention and the RecentAutomatic changes of the last
// RecentHorizon, at most PerList, at now rounded up to the second
// (SecondOf), so that every view within a second reads the same: the home
// page keeps them for that second while nothing is written. Out of a
// transaction and on PostgreSQL it reads with generic plans
// (db.GenericPlans): their time bounds move with the clock, and PostgreSQL
// planned both anew on every view, 2.4 ms of planning for 0.8 ms of
// execution on the partner-scale data set. Their generic plans read the
// same indexes in the same order (TestDashboardServedByIndexes_PERF6).
func (s Store) Soon(ctx context.Context, partnerID string, now time.Time) (Soon, error) {
	at := SecondOf(now)
	var out Soon
	err := db.GenericPlans(ctx, s.DB, func(ctx context.Context) error {
		var err error
		if out.Lists, out.Counts, err = s.Attention(ctx, partnerID, at); err != nil {
			return err
		}
		out.Recent, err = s.RecentAutomatic(ctx, partnerID, at.Add(-RecentHorizon), PerList)
		return err
	})
	return out, err
}

// SecondOf returns the second Soon reads at for now: now itself when it
// falls on a second, else the next second. Rounded up, a subscription
// bought a moment ago is in its cancellation window's list.
func SecondOf(now time.Time) time.Time {
	at := now.Truncate(time.Second)
	if at.Before(now) {
		at = at.Add(time.Second)
	}
	return at
}
