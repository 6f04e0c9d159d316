package orders

import (
	"sort"

	"gorm.io/gorm"

	"portal/internal/catalog"
)

// lockSummaries takes, on PostgreSQL, the partner's licenses-summary rows
// that the order's subscriptions will add to (triggers of the dashboard
// summaries, PERF-6), in one statement and in the order of their offer
// names. Every checkout then takes them in the same order, then the billed
// row of its invoice: two checkouts of one partner queue instead of each
// holding a row the other waits for (a deadlock PostgreSQL would end by
// failing one). SQLite has one writer at a time and needs no row locks.
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
