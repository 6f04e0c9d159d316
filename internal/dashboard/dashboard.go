// Package dashboard reads what the home page shows (DASH-1, DASH-2): the
// subscriptions that need attention soon and the figures of its two charts.
// Each list is one indexed query.
package dashboard

import (
	"context"
	"fmt"
	"time"

	"gorm.io/gorm"

	"portal/internal/billing"
	"portal/internal/platform/db"
	"portal/internal/platform/money"
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

// row is a subscription read with its customer's name.
type row struct {
	subscriptions.Subscription `gorm:"embedded"`
	CustomerName               string
}

func (s Store) query(ctx context.Context, partnerID string) *gorm.DB {
	return db.Conn(ctx, s.DB).Table("subscriptions").
		Select("subscriptions.*, customers.name AS customer_name").
		Joins("JOIN customers ON customers.id = subscriptions.customer_id").
		Where("subscriptions.partner_id = ? AND subscriptions.bought_directly = ?", partnerID, false).
		Limit(PerList)
}

// Attention returns, per kind, the partner's subscriptions that need
// attention soon (DASH-1): suspended ones whose data is deleted within 30
// days, immediate cancellation windows closing within 24 hours, trials
// ending within 7 days, and scheduled cancellations; soonest first.
func (s Store) Attention(ctx context.Context, partnerID string, now time.Time) (map[string][]Item, error) {
	out := map[string][]Item{}
	lists := []struct {
		kind  string
		scope func(*gorm.DB) *gorm.DB
		when  func(subscriptions.Subscription) time.Time
	}{
		{KindDeletion, func(q *gorm.DB) *gorm.DB {
			return q.Where("subscriptions.status = ? AND subscriptions.retention_end > ? AND subscriptions.retention_end <= ?",
				subscriptions.Suspended, now, now.Add(DeletionHorizon)).Order("subscriptions.retention_end, subscriptions.id")
		}, func(x subscriptions.Subscription) time.Time { return *x.RetentionEnd }},
		{KindWindow, func(q *gorm.DB) *gorm.DB {
			// Open windows that close within 24 hours: monthly orders of the
			// last 24 hours, annual orders between 14 and 13 days old.
			return q.Where("subscriptions.status IN ? AND subscriptions.billing_type = ? AND subscriptions.cancel_at_term_end = ?",
				[]string{subscriptions.Active, subscriptions.Trial}, subscriptions.License, false).
				Where("(subscriptions.frequency = ? AND subscriptions.purchased_at > ? AND subscriptions.purchased_at <= ?) OR (subscriptions.frequency = ? AND subscriptions.purchased_at > ? AND subscriptions.purchased_at <= ?)",
					subscriptions.Monthly, now.Add(-24*time.Hour), now,
					subscriptions.Annual, now.Add(-14*24*time.Hour), now.Add(-13*24*time.Hour)).
				Order("subscriptions.purchased_at, subscriptions.id")
		}, subscriptions.CancellationWindow},
		{KindTrial, func(q *gorm.DB) *gorm.DB {
			return q.Where("subscriptions.status = ? AND subscriptions.trial_end > ? AND subscriptions.trial_end <= ?",
				subscriptions.Trial, now, now.Add(TrialHorizon)).Order("subscriptions.trial_end, subscriptions.id")
		}, func(x subscriptions.Subscription) time.Time { return *x.TrialEnd }},
		{KindScheduled, func(q *gorm.DB) *gorm.DB {
			return q.Where("subscriptions.cancel_at_term_end = ? AND subscriptions.status IN ?",
				true, []string{subscriptions.Active, subscriptions.Trial}).Order("subscriptions.term_end, subscriptions.id")
		}, subscriptions.ScheduledEnd},
	}
	for _, l := range lists {
		var rows []row
		if err := l.scope(s.query(ctx, partnerID)).Scan(&rows).Error; err != nil {
			return nil, fmt.Errorf("dashboard: %s: %w", l.kind, err)
		}
		for _, r := range rows {
			out[l.kind] = append(out[l.kind], Item{
				Kind: l.kind, SubscriptionID: r.ID, OfferName: r.OfferName, CustomerID: r.CustomerID,
				CustomerName: r.CustomerName, Quantity: r.Quantity, When: l.when(r.Subscription),
			})
		}
	}
	return out, nil
}

// OfferLicenses is one bar of the licenses chart.
type OfferLicenses struct {
	OfferName string
	Licenses  int64
}

// LicensesByOffer returns the offers with the most licenses in active and
// trial subscriptions the partner manages, most first (DASH-2).
func (s Store) LicensesByOffer(ctx context.Context, partnerID string, limit int) ([]OfferLicenses, error) {
	var out []OfferLicenses
	err := db.Conn(ctx, s.DB).Model(&subscriptions.Subscription{}).
		Select("offer_name, SUM(quantity) AS licenses").
		Where("partner_id = ? AND status IN ? AND bought_directly = ? AND billing_type = ?",
			partnerID, []string{subscriptions.Active, subscriptions.Trial}, false, subscriptions.License).
		Group("offer_name").Order("licenses DESC, offer_name").Limit(limit).Scan(&out).Error
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
// an invoice as zero (DASH-2).
func (s Store) BilledByMonth(ctx context.Context, partnerID string, now time.Time) ([]MonthTotal, error) {
	current, _ := billing.PeriodOf(now)
	first := current.AddDate(0, -11, 0)
	var invs []struct {
		PeriodStart time.Time
		Total       int64
	}
	err := db.Conn(ctx, s.DB).Model(&billing.Invoice{}).Select("period_start, SUM(total) AS total").
		Where("partner_id = ? AND period_start >= ? AND period_start <= ?", partnerID, first, current).
		Group("period_start").Scan(&invs).Error
	if err != nil {
		return nil, fmt.Errorf("dashboard: billed by month: %w", err)
	}
	out := make([]MonthTotal, 12)
	for i := range out {
		out[i].Start = first.AddDate(0, i, 0)
	}
	for _, inv := range invs {
		p := inv.PeriodStart.UTC()
		i := (p.Year()-first.Year())*12 + int(p.Month()) - int(first.Month())
		if i >= 0 && i < 12 {
			out[i].Total += money.Cents(inv.Total)
		}
	}
	return out, nil
}
