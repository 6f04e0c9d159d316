// Package lifecycle is the one engine that applies every time-driven rule
// (LIFE-1): trial conversion and expiry (CAT-10, CAT-12), renewal and the end
// of terms (SUB-6, SUB-9), deletion of suspended subscriptions past retention
// (SUB-5), and the close of billing periods (BILL-1). The server runs it
// periodically and right after the demo clock moves (LIFE-3).
package lifecycle

import (
	"context"
	"fmt"
	"slices"
	"sync"
	"time"

	"gorm.io/gorm"

	"portal/internal/activity"
	"portal/internal/billing"
	"portal/internal/platform/clock"
	"portal/internal/platform/db"
	"portal/internal/subscriptions"
)

// batchSize is how many due records one query fetches, unless the
// engine's Batch says otherwise.
const batchSize = 200

// groupSize is how many time-driven changes share a transaction. On SQLite
// a group holds the one writer for about 10 ms at a month's end, which a
// purchase then waits at most.
const groupSize = 20

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
	// Batch is how many due records one query fetches; 0 is batchSize.
	Batch int

	// mu keeps one pass at a time in this process on SQLite; see Exclusive.
	mu sync.Mutex
}

// batch is how many due records one query fetches.
func (e *Engine) batch() int {
	if e.Batch > 0 {
		return e.Batch
	}
	return batchSize
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
		for group := range slices.Chunk(due, groupSize) {
			n, err := e.advance(ctx, store, group, now)
			applied += n
			if err != nil {
				rep.Subscriptions += applied
				return rep, err
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

// advance applies the due events of refs in one transaction and returns
// how many it applied. At a month's end a commit per subscription was a
// quarter of the engine's time; a group shares one. When one of them fails
// the group is rolled back and applied again one by one, as without groups:
// those before the failing one land, and the error names it.
func (e *Engine) advance(ctx context.Context, store *subscriptions.Store, refs []dueRef, now time.Time) (int, error) {
	applied := 0
	err := db.Tx(ctx, e.DB, func(ctx context.Context, _ *gorm.DB) error {
		var err error
		applied, err = applyEach(ctx, store, refs, now)
		return err
	})
	switch {
	case err == nil:
		return applied, nil
	case len(refs) > 1:
		return applyEach(ctx, store, refs, now)
	}
	return 0, err
}

// applyEach applies the due event of each of refs in turn, stopping at the
// first that fails, and returns how many it applied.
func applyEach(ctx context.Context, store *subscriptions.Store, refs []dueRef, now time.Time) (int, error) {
	applied := 0
	for _, d := range refs {
		ok, err := store.Advance(ctx, d.PartnerID, d.ID, now)
		if err != nil {
			return applied, fmt.Errorf("lifecycle: advance %s: %w", d.ID, err)
		}
		if ok {
			applied++
		}
	}
	return applied, nil
}

type dueRef struct {
	ID        string
	PartnerID string
}

// dueSubscriptions returns up to a batch of subscriptions with an event due
// at now, earliest first: parents while any is due, then add-ons, so a
// parent that ends takes its add-ons with it before they could renew
// alone. Each kind of event is one query that reads its batch in an index's
// order (idx_subs_due_*), never every due record: at a month's end every
// monthly subscription falls due at the same midnight.
func (e *Engine) dueSubscriptions(ctx context.Context, now time.Time) ([]dueRef, error) {
	for _, parents := range []bool{true, false} {
		refs, err := e.due(ctx, now, parents)
		if len(refs) > 0 || err != nil {
			return refs, err
		}
	}
	return nil, nil
}

// dueKinds are the statuses with a time-driven event and the time it is due.
var dueKinds = []struct{ status, column string }{
	{subscriptions.Trial, "trial_end"},
	{subscriptions.Active, "term_end"},
	{subscriptions.Suspended, "retention_end"},
}

// due returns the due parents, or the due add-ons, up to a batch per kind.
func (e *Engine) due(ctx context.Context, now time.Time, parents bool) ([]dueRef, error) {
	g := db.Conn(ctx, e.DB)
	// Parents are read earliest first. Add-ons (parent_id > '', every
	// other ID) are read by parent, then earliest first, the index's own
	// order: their order among themselves does not matter, as each one's
	// events are applied in its own order.
	which, order := "parent_id = ''", ""
	if !parents {
		which, order = "parent_id > ''", "parent_id, "
	}
	var out []dueRef
	for _, k := range dueKinds {
		var refs []dueRef
		err := g.Model(&subscriptions.Subscription{}).Select("id, partner_id").
			Where("status = ? AND bought_directly = ? AND "+which+" AND "+k.column+" <= ?", k.status, false, now).
			Order(order + k.column + ", id").Limit(e.batch()).Find(&refs).Error
		if err != nil {
			return nil, fmt.Errorf("lifecycle: due %s: %w", k.status, err)
		}
		out = append(out, refs...)
	}
	return out, nil
}

// issueInvoices closes every open invoice whose billing period has ended
// (BILL-1): it becomes issued and read-only, and later lines open the next
// period's invoice. At a month's end that is every customer's invoice, so
// they are read a batch at a time, in the order of idx_invoices_status.
func (e *Engine) issueInvoices(ctx context.Context, now time.Time) (int, error) {
	n := 0
	var after billing.Invoice // the last one of the previous batch
	for {
		q := db.Conn(ctx, e.DB).Where("status = ? AND period_end <= ?", billing.Open, now)
		if after.ID != "" {
			q = q.Where("(period_end > ? OR (period_end = ? AND id > ?))", after.PeriodEnd, after.PeriodEnd, after.ID)
		}
		var invs []billing.Invoice
		if err := q.Order("period_end, id").Limit(e.batch()).Find(&invs).Error; err != nil {
			return n, fmt.Errorf("lifecycle: invoices to issue: %w", err)
		}
		issued, err := e.issue(ctx, invs)
		n += issued
		if err != nil || len(invs) < e.batch() {
			return n, err
		}
		after = invs[len(invs)-1]
	}
}

// issue issues each of invs still open, one transaction each, and returns
// how many it issued.
func (e *Engine) issue(ctx context.Context, invs []billing.Invoice) (int, error) {
	names, err := customerNames(ctx, e.DB, invs)
	if err != nil {
		return 0, err
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
			return e.Activity.Record(ctx, at, activity.Change{
				PartnerID: inv.PartnerID, Actor: activity.System, CustomerID: inv.CustomerID, CustomerName: names[inv.CustomerID],
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

// customerNames returns the names of the customers of invs, by ID, in one
// query.
func customerNames(ctx context.Context, g *gorm.DB, invs []billing.Invoice) (map[string]string, error) {
	ids := make([]string, 0, len(invs))
	for _, inv := range invs {
		ids = append(ids, inv.CustomerID)
	}
	var rows []struct{ ID, Name string }
	names := make(map[string]string, len(ids))
	if len(ids) == 0 {
		return names, nil
	}
	if err := db.Conn(ctx, g).Table("customers").Select("id, name").Where("id IN ?", ids).Find(&rows).Error; err != nil {
		return nil, fmt.Errorf("lifecycle: customers of invoices: %w", err)
	}
	for _, r := range rows {
		names[r.ID] = r.Name
	}
	return names, nil
}
