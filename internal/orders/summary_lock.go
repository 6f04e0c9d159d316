package orders

import (
	"sort"

	"gorm.io/gorm"

	"portal/internal/catalog"
)

// lockSummaries takes, on PostgreSQL, the partner's licenses-summary rows
// that the order's subscriptions add to (triggers of the dashboard
// summaries, PERF-6), in one statement and in the order of their offer
// names. place calls it last, once everything else of the order is
// written: the triggers add to the rows when the transaction commits
// (migration 00020), then to the billed row of its invoice, so a
// partner's other checkouts wait for these rows only while this one
// commits, not while it writes. Every checkout takes them in the same
// order, the billed row after them: two checkouts of one partner queue
// instead of each holding a row the other waits for (a deadlock
// PostgreSQL would end by failing one). SQLite has one writer at a time
// and needs no row locks.
func lockSummaries(tx *gorm.DB, partnerID string, offers map[string]catalog.Offer) error {
	if tx.Dialector.Name() != "postgres" || len(offers) == 0 {
		return nil
	}
	names := make([]string, 0, len(offers))
	for _, o := range offers {
		names = append(names, o.Name)
	}
	sort.Strings(names)
	var locked []string
	return tx.Raw(`SELECT offer_name FROM license_summaries WHERE partner_id = ? AND offer_name IN ? ORDER BY offer_name FOR UPDATE`,
		partnerID, names).Scan(&locked).Error
}
