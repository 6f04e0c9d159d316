// Package dashboard reads what the home page shows (DASH-1, DASH-2): the
// subscriptions that need attention soon and the figures of its two charts.
// Each list is one indexed query.
package dashboard

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"sync"
	"time"

	"gorm.io/gorm"

	"portal/internal/platform/db"
	"portal/internal/subscriptions"
)

// Kinds of attention items.
const (
	KindDeletion  = "deletion"      // suspended, data deleted soon (SUB-4)
	KindWindow    = "cancel_window" // immediate cancellation window closing (SUB-6)
	KindTrial     = "trial_ending"  // trial ends soon (CAT-10, CAT-12)
	KindScheduled = "scheduled"     // scheduled cancellation (SUB-6)
	KindSupport   = "support"       // open support request (SUP-2), listed by the web layer
)

// How far ahead each list looks.
const (
	DeletionHorizon = 30 * 24 * time.Hour
	WindowHorizon   = 24 * time.Hour
	TrialHorizon    = 7 * 24 * time.Hour
	// PerList bounds each list on the home page.
	PerList = 10
)

// Item is one subscription that needs attention, and when.
type Item struct {
	Kind           string
	SubscriptionID string
	OfferName      string
	CustomerID     string
	CustomerName   string
	Quantity       int
	When           time.Time
}

// Store reads the dashboard's figures.
type Store struct {
	DB *gorm.DB
}

// itemColumns are what an Item and its date (the lists' when) are made
// of: ten rows of every column, nine of them times, were half the home
// page's time. row's scan (Attention) reads them in this order.
const itemColumns = `subscriptions.id, subscriptions.customer_id, subscriptions.offer_name, subscriptions.quantity,
subscriptions.status, subscriptions.frequency, subscriptions.purchased_at, subscriptions.trial_end,
subscriptions.term_end, subscriptions.retention_end, customers.name AS customer_name`

// row is a subscription read with its customer's name (itemColumns), the
// range of Attention it belongs to and that range's capped count.
type row struct {
	subscriptions.Subscription
	CustomerName string
	RangeNo      int
	RangeCount   int64
}

// Count is how many items of a kind there are. More says N is a cap: there
// are more than N (the dated lists are counted up to CountCap).
type Count struct {
	N    int64
	More bool
}

// CountCap bounds the count of each dated list: past it the home page says
// "100+", and the count stays a short index range read (PERF-6).
const CountCap = 100

// dated is one dated list: the subscriptions of a kind, read through one
// index in the list's order (see migration 00006). A kind may need two
// ranges (the cancellation window of monthly and of annual orders); each
// is read in order and the two merged.
type dated struct {
	kind   string
	ranges []cond
	order  string // the list's order, the index's; a count needs none
	when   func(subscriptions.Subscription) time.Time
}

// cond is a condition on subscriptions, in SQL with its arguments.
type cond struct {
	sql  string
	args []any
}

func datedLists(now time.Time) []dated {
	window := func(freq string, from, to time.Time) cond {
		return cond{"subscriptions.frequency = ? AND subscriptions.purchased_at > ? AND subscriptions.purchased_at <= ?" +
			" AND subscriptions.status IN (?, ?) AND subscriptions.billing_type = ? AND subscriptions.cancel_at_term_end = ?",
			[]any{freq, from, to, subscriptions.Active, subscriptions.Trial, subscriptions.License, false}}
	}
	return []dated{
		{KindDeletion, []cond{{"subscriptions.status = ? AND subscriptions.retention_end > ? AND subscriptions.retention_end <= ?",
			[]any{subscriptions.Suspended, now, now.Add(DeletionHorizon)}}},
			"subscriptions.retention_end, subscriptions.id", func(x subscriptions.Subscription) time.Time { return *x.RetentionEnd }},
		// Open windows that close within 24 hours: monthly orders of the last
		// 24 hours, annual orders between 14 and 13 days old.
		{KindWindow, []cond{
			window(subscriptions.Monthly, now.Add(-24*time.Hour), now),
			window(subscriptions.Annual, now.Add(-14*24*time.Hour), now.Add(-13*24*time.Hour)),
		}, "subscriptions.purchased_at, subscriptions.id", subscriptions.CancellationWindow},
		{KindTrial, []cond{{"subscriptions.status = ? AND subscriptions.trial_end > ? AND subscriptions.trial_end <= ?",
			[]any{subscriptions.Trial, now, now.Add(TrialHorizon)}}},
			"subscriptions.trial_end, subscriptions.id", func(x subscriptions.Subscription) time.Time { return *x.TrialEnd }},
		// Written as the condition of its partial index (migration 00013),
		// which both engines use only for a query that states it as is.
		{KindScheduled, []cond{{"subscriptions.cancel_at_term_end AND subscriptions.status IN ('active', 'trial')", nil}},
			"subscriptions.term_end, subscriptions.id", subscriptions.ScheduledEnd},
	}
}

// scoped reads the partner's subscriptions bought through it (its two
// arguments), and a condition; listed joins their customers too.
const (
	scoped = "FROM subscriptions WHERE subscriptions.partner_id = ? AND subscriptions.bought_directly = ? AND "
	listed = "FROM subscriptions JOIN customers ON customers.id = subscriptions.customer_id" +
		" WHERE subscriptions.partner_id = ? AND subscriptions.bought_directly = ? AND "
)

// Attention returns, per kind, the partner's subscriptions that need
// attention soon (DASH-1), soonest first, at most PerList each: suspended
// ones whose data is deleted within 30 days, immediate cancellation windows
// closing within 24 hours, trials ending within 7 days, and scheduled
// cancellations; and how many there are of the dated kinds, counted up to
// CountCap. Scheduled cancellations are counted exactly by Counts.
//
// It is one statement: each list's range (two for the cancellation
// windows) read through its own index in its order, joined by UNION ALL,
// each row carrying its range's number and capped count. The count is a
// subquery without correlation, which both engines evaluate once per
// statement, not per row; a range with no row has a count of 0, so
// nothing is lost when it brings no row. On PostgreSQL the nine statements
// it replaces were nine round trips (2.1 → 1.4 ms for a partner of 2,000
// customers); on SQLite it costs what they cost.
func (s Store) Attention(ctx context.Context, partnerID string, now time.Time) (map[string][]Item, map[string]Count, error) {
	lists := datedLists(now)
	var (
		args  []any
		kinds []int // the list of each range
	)
	for li, l := range lists {
		for _, c := range l.ranges {
			if l.kind != KindScheduled {
				args = append(append(append(args, partnerID, false), c.args...), CountCap+1)
			}
			args = append(append(append(args, partnerID, false), c.args...), PerList)
			kinds = append(kinds, li)
		}
	}
	rows, err := db.Collect(db.Conn(ctx, s.DB).Raw(attentionSQL(), args...), len(kinds)*PerList, func(r *row) []any {
		return []any{&r.ID, &r.CustomerID, &r.OfferName, &r.Quantity, &r.Status, &r.Frequency, &r.PurchasedAt,
			&r.TrialEnd, &r.TermEnd, &r.RetentionEnd, &r.CustomerName, &r.RangeNo, &r.RangeCount}
	})
	if err != nil {
		return nil, nil, fmt.Errorf("dashboard: attention: %w", err)
	}
	out, counts := map[string][]Item{}, map[string]Count{}
	ranged := make([]int64, len(kinds)) // each range's count, from any of its rows
	for _, r := range rows {
		if r.RangeNo < 0 || r.RangeNo >= len(kinds) {
			return nil, nil, fmt.Errorf("dashboard: attention: a row of range %d", r.RangeNo)
		}
		l := lists[kinds[r.RangeNo]]
		ranged[r.RangeNo] = r.RangeCount
		out[l.kind] = append(out[l.kind], Item{
			Kind: l.kind, SubscriptionID: r.ID, OfferName: r.OfferName, CustomerID: r.CustomerID,
			CustomerName: r.CustomerName, Quantity: r.Quantity, When: l.when(r.Subscription),
		})
	}
	for i, li := range kinds {
		c := counts[lists[li].kind]
		c.N += ranged[i] // 0 for the scheduled cancellations, counted by Counts
		counts[lists[li].kind] = c
	}
	for _, l := range lists {
		items := out[l.kind]
		sort.SliceStable(items, func(i, j int) bool { return items[i].When.Before(items[j].When) })
		if len(items) > PerList {
			out[l.kind] = items[:PerList]
		}
		n := counts[l.kind].N
		counts[l.kind] = Count{N: min(n, CountCap), More: n > CountCap}
	}
	return out, counts, nil
}

// attentionSQL is Attention's statement, with its arguments in the order
// Attention gives them. It is written here, not built by GORM from a scope
// per range: building its ten subqueries was a fifth of its time. Its text
// is the same on every view, only the arguments change, so it is written
// once.
var attentionSQL = sync.OnceValue(func() string {
	var sql strings.Builder
	n := 0 // the range's number
	for _, l := range datedLists(time.Time{}) {
		for _, c := range l.ranges {
			if n > 0 {
				sql.WriteString(" UNION ALL ")
			}
			fmt.Fprintf(&sql, "SELECT r%d.*, %d AS range_no, ", n, n)
			if l.kind == KindScheduled {
				sql.WriteString("0")
			} else {
				fmt.Fprintf(&sql, "(SELECT COUNT(*) FROM (SELECT subscriptions.id %s(%s) LIMIT ?) AS c%d)", scoped, c.sql, n)
			}
			fmt.Fprintf(&sql, " AS range_count FROM (SELECT %s %s(%s) ORDER BY %s LIMIT ?) AS r%d", itemColumns, listed, c.sql, l.order, n)
			n++
		}
	}
	return sql.String()
})

// Counts returns the partner's exact counts kept in the counts summary
// (PERF-6), by kind: scheduled cancellations and open support requests.
func (s Store) Counts(ctx context.Context, partnerID string) (map[string]int64, error) {
	var rows []CountSummary
	if err := db.Conn(ctx, s.DB).Where("partner_id = ?", partnerID).Find(&rows).Error; err != nil {
		return nil, fmt.Errorf("dashboard: counts: %w", err)
	}
	out := map[string]int64{}
	for _, r := range rows {
		out[r.Kind] = r.N
	}
	return out, nil
}
