// Package lifecycle is the one engine that applies every time-driven rule
// (LIFE-1): trial conversion and expiry (CAT-10, CAT-12), renewal and the end
// of terms (SUB-6, SUB-9), deletion of suspended subscriptions past retention
// (SUB-5), and the close of billing periods (BILL-1). The server runs it
// periodically and right after the demo clock moves (LIFE-3).
package lifecycle

import (
	"context"
	"fmt"
	"sync"
	"time"

	"gorm.io/gorm"

	"portal/internal/activity"
	"portal/internal/billing"
	"portal/internal/platform/clock"
	"portal/internal/platform/db"
	"portal/internal/subscriptions"
)

// batchSize is how many due records one query fetches.
const batchSize = 200

// maxRounds bounds one run: a clock that jumped years applies every step,
// a runaway loop does not spin for ever.
const maxRounds = 10000

// ActionInvoiceIssued is the activity entry of a billing period's close.
const ActionInvoiceIssued = "lifecycle.invoice_issued"

// Engine applies the time-driven rules. Running it twice at the same time
// changes nothing the second time: every step moves a record past now.
type Engine struct {
	DB       *gorm.DB
	Clock    clock.Clock
	Activity activity.Recorder

	// mu keeps one pass at a time in this process on SQLite; see Exclusive.
	mu sync.Mutex
}

// Report counts what one run changed.
type Report struct {
	Subscriptions  int // time-driven subscription changes applied
	InvoicesIssued int
}

// Run applies everything due at the clock's time: subscription events first,
// in time order, so charges dated in a closing period land on its invoice
// before it is issued; then the close of every ended billing period.
func (e *Engine) Run(ctx context.Context) (Report, error) {
	now := e.Clock.Now()
	store := &subscriptions.Store{DB: e.DB, Clock: e.Clock, Activity: e.Activity, Ledger: billing.Ledger{DB: e.DB}}
	var rep Report
	for round := 0; round < maxRounds; round++ {
		due, err := e.dueSubscriptions(ctx, now)
		if err != nil {
			return rep, err
		}
		if len(due) == 0 {
			break
		}
		applied := 0
		for _, d := range due {
			ok, err := store.Advance(ctx, d.PartnerID, d.ID, now)
			if err != nil {
				return rep, fmt.Errorf("lifecycle: advance %s: %w", d.ID, err)
			}
			if ok {
				applied++
			}
		}
		rep.Subscriptions += applied
		if applied == 0 {
			break // only records another node is handling
		}
	}
	n, err := e.issueInvoices(ctx, now)
	rep.InvoicesIssued = n
	return rep, err
}

type dueRef struct {
	ID        string
	PartnerID string
}

// dueSubscriptions returns subscriptions with an event due at now, parents
// before add-ons and earliest first: one indexed query per kind of event.
func (e *Engine) dueSubscriptions(ctx context.Context, now time.Time) ([]dueRef, error) {
	g := db.Conn(ctx, e.DB)
	var out []dueRef
	queries := []struct {
		status, column string
	}{
		{subscriptions.Trial, "trial_end"},
		{subscriptions.Active, "term_end"},
		{subscriptions.Suspended, "retention_end"},
	}
	for _, q := range queries {
		var refs []dueRef
		err := g.Model(&subscriptions.Subscription{}).Select("id, partner_id").
			Where("status = ? AND "+q.column+" <= ? AND bought_directly = ?", q.status, now, false).
			Order("parent_id, " + q.column + ", id").Limit(batchSize).Scan(&refs).Error
		if err != nil {
			return nil, fmt.Errorf("lifecycle: due %s: %w", q.status, err)
		}
		out = append(out, refs...)
	}
	return out, nil
}

// issueInvoices closes every open invoice whose billing period has ended
// (BILL-1): it becomes issued and read-only, and later lines open the next
// period's invoice.
func (e *Engine) issueInvoices(ctx context.Context, now time.Time) (int, error) {
	var invs []billing.Invoice
	err := db.Conn(ctx, e.DB).Where("status = ? AND period_end <= ?", billing.Open, now).
		Order("period_end, id").Find(&invs).Error
	if err != nil {
		return 0, fmt.Errorf("lifecycle: invoices to issue: %w", err)
	}
	n := 0
	for _, inv := range invs {
		err := db.Tx(ctx, e.DB, func(ctx context.Context, tx *gorm.DB) error {
			at := inv.PeriodEnd
			res := tx.Model(&billing.Invoice{}).Where("id = ? AND status = ?", inv.ID, billing.Open).
				Updates(map[string]any{"status": billing.Issued, "issued_at": at})
			if res.Error != nil || res.RowsAffected == 0 {
				return res.Error // another node issued it
			}
			n++
			// A post that held the row until it committed raised the total
			// after it was read above: record the total as issued.
			if err := tx.Model(&billing.Invoice{}).Where("id = ?", inv.ID).Select("total").Scan(&inv.Total).Error; err != nil {
				return err
			}
			var name string
			if err := tx.Table("customers").Where("id = ?", inv.CustomerID).Select("name").Scan(&name).Error; err != nil {
				return err
			}
			return e.Activity.Record(ctx, at, activity.Change{
				PartnerID: inv.PartnerID, Actor: activity.System, CustomerID: inv.CustomerID, CustomerName: name,
				ResourceType: "invoice", ResourceID: inv.ID, Action: ActionInvoiceIssued,
				Details: fmt.Sprintf("billing period %s issued", inv.PeriodStart.Format("2006-01")),
				Before:  map[string]any{"status": billing.Open, "total_cents": inv.Total},
				After:   map[string]any{"status": billing.Issued, "total_cents": inv.Total},
			})
		})
		if err != nil {
			return n, fmt.Errorf("lifecycle: issue invoice %s: %w", inv.ID, err)
		}
	}
	return n, nil
}
