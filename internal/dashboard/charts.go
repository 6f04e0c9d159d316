package dashboard

import (
	"context"
	"fmt"
	"time"

	"portal/internal/billing"
	"portal/internal/platform/db"
	"portal/internal/platform/money"
)

// OfferLicenses is one bar of the licenses chart.
type OfferLicenses struct {
	OfferName string
	Licenses  int64
}

// LicensesByOffer returns the offers with the most licenses in active and
// trial subscriptions the partner manages, most first (DASH-2), from the
// licenses summary (PERF-6): one row per offer, not per subscription.
func (s Store) LicensesByOffer(ctx context.Context, partnerID string, limit int) ([]OfferLicenses, error) {
	var out []OfferLicenses
	err := db.Conn(ctx, s.DB).Model(&LicenseSummary{}).Select("offer_name, licenses").
		Where("partner_id = ? AND licenses > 0", partnerID).
		Order("licenses DESC, offer_name").Limit(limit).Find(&out).Error
	if err != nil {
		return nil, fmt.Errorf("dashboard: licenses by offer: %w", err)
	}
	return out, nil
}

// MonthTotal is one bar of the billed-amount chart.
type MonthTotal struct {
	Start time.Time
	Total money.Cents
}

// BilledByMonth returns the partner's invoice totals for each of the 12
// billing periods up to the one containing now, oldest first, months without
// an invoice as zero (DASH-2), from the billed summary (PERF-6): at most 12
// rows, whatever the number of invoices.
func (s Store) BilledByMonth(ctx context.Context, partnerID string, now time.Time) ([]MonthTotal, error) {
	current, _ := billing.PeriodOf(now)
	first := current.AddDate(0, -11, 0)
	var rows []BilledSummary
	err := db.Conn(ctx, s.DB).Where("partner_id = ? AND period_start >= ? AND period_start <= ?", partnerID, first, current).
		Find(&rows).Error
	if err != nil {
		return nil, fmt.Errorf("dashboard: billed by month: %w", err)
	}
	out := make([]MonthTotal, 12)
	for i := range out {
		out[i].Start = first.AddDate(0, i, 0)
	}
	for _, r := range rows {
		p := r.PeriodStart.UTC()
		i := (p.Year()-first.Year())*12 + int(p.Month()) - int(first.Month())
		if i >= 0 && i < 12 {
			out[i].Total += r.Total
		}
	}
	return out, nil
}
