// Package benchdata builds a partner of a large reseller's size for speed
// measurements (PERF-5): customers over countries, segments and name words
// with common and rare ones; subscriptions of every status with their
// orders, order lines, invoices and invoice lines; and an activity log over
// two years across users, customers and actions. Rows are written in bulk
// (multi-row INSERTs on SQLite, COPY on PostgreSQL) with the secondary
// indexes built once at the end and the dashboard summaries recounted once
// instead of by a trigger per row, so the whole set loads in minutes.
package benchdata

import (
	"cmp"
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"slices"
	"strings"
	"time"

	"gorm.io/gorm"

	"portal/internal/auth"
	"portal/internal/catalog"
	"portal/internal/dashboard"
	"portal/internal/platform/clock"
	"portal/internal/platform/db"
)

// Options size the data set.
type Options struct {
	Customers     int
	Subscriptions int
	Activity      int
	// Seed makes the data set the same on every run.
	Seed uint64
	// Progress receives one line per step and per tenth of a step.
	Progress io.Writer
}

// Full is the size of PERF-2: 100,000 customers, 1,000,000 subscriptions
// and 10,000,000 activity entries.
func Full() Options {
	return Options{Customers: 100_000, Subscriptions: 1_000_000, Activity: 10_000_000, Seed: 2026}
}

// Report counts the rows written.
type Report struct {
	Customers, SearchTerms, Subscriptions, Orders, OrderLines, Invoices, InvoiceLines, Activity int64
	Took                                                                                        time.Duration
}

// BigCustomers is how many subscriptions the first customer, the
// partner's largest, holds: a subscriptions tab longer than one page.
const BigCustomers = 211

// span is how far back the history goes.
const span = 2 * 365 * 24 * time.Hour

// gen carries what every row generator needs.
type gen struct {
	r       *rand.Rand
	now     time.Time
	from    time.Time
	partner string
	users   []auth.User
	offers  []catalog.Offer
	addOns  map[string][]catalog.Offer // by base offer
	l       *loader
	o       Options
	started clock.Stopwatch
	rep     Report

	// per-table ID counters
	seq map[byte]int64

	tCust, tTerm, tSub, tOrder, tOrderLine, tInv, tInvLine, tAct *table
	terms                                                        [][3]string
	subsOf                                                       map[string][]subRef // a sample for activity entries
	custNames                                                    []custRef
	prefixes                                                     []prefixRow
	prefixCust                                                   []prefixCust
}

type custRef struct{ id, name string }

type subRef struct{ id, name string }

// Generate adds the data set to partnerID's data in g, which must hold the
// migrated schema, the catalog and the partner's users (the demo seed).
// now is the day the history ends.
func Generate(ctx context.Context, g *gorm.DB, partnerID string, now time.Time, o Options) (Report, error) {
	if o.Progress == nil {
		o.Progress = io.Discard
	}
	gn := &gen{r: rand.New(rand.NewPCG(o.Seed, 7)), now: now.UTC(), from: now.UTC().Add(-span), partner: partnerID,
		o: o, started: clock.StartStopwatch(), seq: map[byte]int64{}, subsOf: map[string][]subRef{}}
	if err := g.WithContext(ctx).Where("partner_id = ?", partnerID).Order("email").Find(&gn.users).Error; err != nil {
		return Report{}, fmt.Errorf("benchdata: users: %w", err)
	}
	if len(gn.users) == 0 {
		return Report{}, fmt.Errorf("benchdata: partner %s has no users: seed the demo data first", partnerID)
	}
	if err := g.WithContext(ctx).Where("tab = ? AND billing_type = ? AND (monthly_price > 0 OR annual_price > 0) AND base_offer_id = '' AND trial_days = 0 AND exclusive_partner_id IN ('', ?)",
		catalog.TabOnline, catalog.BillingLicense, partnerID).Order("id").Find(&gn.offers).Error; err != nil {
		return Report{}, fmt.Errorf("benchdata: offers: %w", err)
	}
	if len(gn.offers) == 0 {
		return Report{}, fmt.Errorf("benchdata: no licence offers in the catalog: seed the demo data first")
	}
	var addOns []catalog.Offer
	if err := g.WithContext(ctx).Where("base_offer_id <> '' AND billing_type = ? AND exclusive_partner_id IN ('', ?)",
		catalog.BillingLicense, partnerID).Order("id").Find(&addOns).Error; err != nil {
		return Report{}, fmt.Errorf("benchdata: add-ons: %w", err)
	}
	gn.addOns = map[string][]catalog.Offer{}
	for _, a := range addOns {
		gn.addOns[a.BaseOfferID] = append(gn.addOns[a.BaseOfferID], a)
	}
	sqlDB, err := g.DB()
	if err != nil {
		return Report{}, err
	}
	conn, err := sqlDB.Conn(ctx)
	if err != nil {
		return Report{}, err
	}
	defer conn.Close()
	pg := db.Postgres(g)
	if pg {
		// Index builds sort in memory rather than in many temporary files,
		// for this session only.
		if _, err := conn.ExecContext(ctx, "SET maintenance_work_mem = '512MB'"); err != nil {
			return Report{}, err
		}
		defer func() { _, _ = conn.ExecContext(context.Background(), "RESET maintenance_work_mem") }()
	} else {
		// A large page cache, no fsync, and for the index builds a second
		// sorting thread and temporary files on disk (a whole index's sort
		// would otherwise stay in memory), for the load only; the connection
		// gets the portal's settings back before it returns to the pool.
		for _, p := range []string{"PRAGMA cache_size = -524288", "PRAGMA synchronous = OFF", "PRAGMA threads = 2", "PRAGMA temp_store = FILE"} {
			if _, err := conn.ExecContext(ctx, p); err != nil {
				return Report{}, err
			}
		}
		defer func() {
			_, _ = conn.ExecContext(context.Background(), "PRAGMA synchronous = NORMAL")
			_, _ = conn.ExecContext(context.Background(), "PRAGMA cache_size = -2000")
			_, _ = conn.ExecContext(context.Background(), "PRAGMA threads = 0")
			_, _ = conn.ExecContext(context.Background(), "PRAGMA temp_store = MEMORY")
		}()
	}
	gn.l = newLoader(ctx, conn, pg)
	gn.declare()
	names := []string{"customers", "search_terms", "subscriptions", "orders", "order_lines", "invoices", "invoice_lines", "activity_entries"}
	indexes, err := gn.l.dropIndexes(names...)
	if err != nil {
		return Report{}, err
	}
	resumeTriggers, err := gn.l.pauseTriggers("subscriptions", "invoices")
	if err != nil {
		return Report{}, err
	}
	if err := gn.customers(); err != nil {
		return Report{}, err
	}
	if err := gn.searchTerms(); err != nil {
		return Report{}, err
	}
	if err := gn.activity(); err != nil {
		return Report{}, err
	}
	if err := resumeTriggers(); err != nil {
		return Report{}, err
	}
	if err := dashboard.RebuildSummaries(ctx, g); err != nil {
		return Report{}, err
	}
	gn.progress("dashboard summaries")
	for i, ddl := range indexes {
		gn.progress("indexes %d/%d", i+1, len(indexes))
		if _, err := conn.ExecContext(ctx, ddl); err != nil {
			return Report{}, fmt.Errorf("benchdata: %s: %w", ddl, err)
		}
	}
	if pg {
		if _, err := conn.ExecContext(ctx, "ANALYZE"); err != nil {
			return Report{}, err
		}
	}
	gn.rep.Took = gn.started.Elapsed()
	gn.progress("done: %d customers, %d subscriptions, %d orders, %d invoices, %d activity entries",
		gn.rep.Customers, gn.rep.Subscriptions, gn.rep.Orders, gn.rep.Invoices, gn.rep.Activity)
	return gn.rep, nil
}

func (gn *gen) progress(format string, args ...any) {
	fmt.Fprintf(gn.o.Progress, "[%6.1fs] "+format+"\n", append([]any{gn.started.Elapsed().Seconds()}, args...)...)
}

// id returns the n-th ID of a table: a UUID whose first hex digit names the
// table and whose next seven count, so each table's key grows at its end.
func (gn *gen) id(table byte) string {
	gn.seq[table]++
	return fmt.Sprintf("%c%07x-%04x-4%03x-8%03x-%012x", table, gn.seq[table], gn.r.IntN(1<<16), gn.r.IntN(1<<12), gn.r.IntN(1<<12), gn.r.Uint64()&(1<<48-1))
}

func (gn *gen) declare() {
	l := gn.l
	gn.tCust = l.table("customers", "id", "partner_id", "name", "name_key", "domain", "tenant_id", "country", "segment",
		"contact_name", "contact_email", "contact_phone", "opened_at", "relationship", "created_at")
	gn.tTerm = l.table("search_terms", "partner_id", "term", "customer_id")
	gn.tSub = l.table("subscriptions", "id", "partner_id", "customer_id", "offer_id", "offer_name", "order_id", "quantity",
		"frequency", "billing_type", "unit_price", "status", "term_start", "term_end", "auto_renew", "trial_end", "paid_offer_id",
		"purchased_at", "first_billing_start", "suspended_at", "retention_end", "cancel_at_term_end", "cancelled_at",
		"bought_directly", "parent_id", "created_at")
	gn.tOrder = l.table("orders", "id", "partner_id", "customer_id", "user_id", "user_name", "checkout_key", "total", "created_at")
	gn.tOrderLine = l.table("order_lines", "id", "order_id", "offer_id", "offer_name", "quantity", "frequency", "unit_price",
		"amount", "resource_type", "resource_id")
	gn.tInv = l.table("invoices", "id", "partner_id", "customer_id", "period_start", "period_end", "status", "total", "issued_at")
	gn.tInvLine = l.table("invoice_lines", "id", "invoice_id", "partner_id", "customer_id", "at", "kind", "reason",
		"description", "order_id", "resource_type", "resource_id", "quantity", "amount")
	gn.tAct = l.table("activity_entries", "id", "partner_id", "at", "actor_id", "actor_name", "customer_id", "customer_name",
		"resource_type", "resource_id", "action", "details", "before", "after")
}

// searchTerms writes the customers' search terms in key order.
func (gn *gen) searchTerms() error {
	t := gn.terms
	sortTerms(t)
	for _, x := range t {
		if err := gn.l.add(gn.tTerm, x[0], x[1], x[2]); err != nil {
			return err
		}
	}
	gn.rep.SearchTerms = int64(len(t))
	gn.terms = nil
	gn.progress("search terms %d", len(t))
	if err := gn.l.flush(); err != nil {
		return err
	}
	return gn.searchPrefixes()
}

// sortTerms sorts search terms in their key's order (partner, term,
// customer), so the table's primary key grows at its end.
func sortTerms(t [][3]string) {
	slices.SortFunc(t, func(a, b [3]string) int {
		return cmp.Or(strings.Compare(a[0], b[0]), strings.Compare(a[1], b[1]), strings.Compare(a[2], b[2]))
	})
}
