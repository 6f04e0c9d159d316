package dashboard

import (
	"context"
	"fmt"
	"time"

	"gorm.io/gorm"

	"portal/internal/platform/db"
	"portal/internal/platform/money"
)

// The home page's figures are read from small summary tables (PERF-6), not
// summed from every subscription and invoice per view. Database triggers
// (migration 00006, both engines) keep them current in the same transaction
// as every write to subscriptions, invoices and support requests; the
// dash_*_recount views are the one definition of what each counts.

// LicenseSummary is the licenses of one offer in a partner's active and
// trial subscriptions (licensed, not bought directly): the licenses chart.
type LicenseSummary struct {
	PartnerID string `gorm:"size:36;primaryKey"`
	OfferName string `gorm:"size:200;primaryKey"`
	Licenses  int64  `gorm:"not null;default:0"`
}

// BilledSummary is the total and the number of a partner's invoices of
// one billing period: the billed chart, and the invoices list's count
// (billing.Store.Count). A period has a row while it has an invoice.
type BilledSummary struct {
	PartnerID   string      `gorm:"size:36;primaryKey"`
	PeriodStart time.Time   `gorm:"primaryKey"`
	Total       money.Cents `gorm:"not null;default:0"`
	Invoices    int64       `gorm:"not null;default:0"`
}

// CountSummary is how many of a partner's items of a kind there are:
// scheduled cancellations (KindScheduled) and open support requests
// (KindSupport), the home page's tiles that can be counted exactly.
type CountSummary struct {
	PartnerID string `gorm:"size:36;primaryKey"`
	Kind      string `gorm:"size:20;primaryKey"`
	N         int64  `gorm:"not null;default:0"`
}

// recounts pairs each summary table with the view that recounts it from
// the rows, and the columns they share.
var recounts = []struct{ table, view, cols string }{
	{"license_summaries", "dash_license_recount", "partner_id, offer_name, licenses"},
	{"billed_summaries", "dash_billed_recount", "partner_id, period_start, total, invoices"},
	{"count_summaries", "dash_count_recount", "partner_id, kind, n"},
}

// RebuildSummaries recounts every summary from the rows, in one
// transaction: after a bulk load that bypassed the triggers (the data-set
// generator). Running it on current summaries changes nothing.
func RebuildSummaries(ctx context.Context, g *gorm.DB) error {
	return db.Tx(ctx, g, func(_ context.Context, tx *gorm.DB) error {
		for _, r := range recounts {
			if err := tx.Exec("DELETE FROM " + r.table).Error; err != nil {
				return fmt.Errorf("dashboard: rebuild %s: %w", r.table, err)
			}
			if err := tx.Exec("INSERT INTO " + r.table + " (" + r.cols + ") SELECT " + r.cols + " FROM " + r.view).Error; err != nil {
				return fmt.Errorf("dashboard: rebuild %s: %w", r.table, err)
			}
		}
		return nil
	})
}
