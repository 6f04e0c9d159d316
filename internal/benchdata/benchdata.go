// Package benchdata builds a partner of a large reseller's size for speed
// measurements (PERF-5): customers over countries, segments and name words
// with common and rare ones; subscriptions of every status with their
// orders, order lines, invoices and invoice lines; and an activity log over
// two years across users, customers and actions. Rows are written in bulk
// (multi-row INSERTs on SQLite, COPY on PostgreSQL) with the secondary
// indexes built once at the end, so the whole set loads in minutes.
package benchdata

import (
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"slices"
	"strings"
	"time"

	"gorm.io/gorm"

	"portal/internal/activity"
	"portal/internal/auth"
	"portal/internal/billing"
	"portal/internal/catalog"
	"portal/internal/customers"
	"portal/internal/platform/clock"
	"portal/internal/platform/money"
	"portal/internal/subscriptions"
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
	sqlDB, err := g.DB()
	if err != nil {
		return Report{}, err
	}
	conn, err := sqlDB.Conn(ctx)
	if err != nil {
		return Report{}, err
	}
	defer conn.Close()
	pg := g.Dialector.Name() == "postgres"
	if !pg {
		// A large page cache and no fsync for the load only; the connection
		// gets the portal's settings back before it returns to the pool.
		for _, p := range []string{"PRAGMA cache_size = -524288", "PRAGMA synchronous = OFF"} {
			if _, err := conn.ExecContext(ctx, p); err != nil {
				return Report{}, err
			}
		}
		defer func() {
			_, _ = conn.ExecContext(context.Background(), "PRAGMA synchronous = NORMAL")
			_, _ = conn.ExecContext(context.Background(), "PRAGMA cache_size = -2000")
		}()
	}
	gn.l = newLoader(ctx, conn, pg)
	gn.declare()
	names := []string{"customers", "search_terms", "subscriptions", "orders", "order_lines", "invoices", "invoice_lines", "activity_entries"}
	indexes, err := gn.l.dropIndexes(names...)
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

// customers writes the customers with their subscriptions, orders and
// invoices, customer by customer.
func (gn *gen) customers() error {
	n := gn.o.Customers
	perSub := float64(gn.o.Subscriptions) / float64(max(n, 1))
	segments := customers.Segments()
	written := 0
	for i := range n {
		name, domain := CompanyName(gn.r, i)
		id := gn.id('c')
		opened := gn.from.Add(time.Duration(gn.r.Int64N(int64(span) * 8 / 10)))
		if err := gn.l.add(gn.tCust, id, gn.partner, name, customers.Fold(name), domain, gn.id('7'),
			countries[gn.r.IntN(len(countries))], segments[gn.r.IntN(len(segments))], "Kim Akers", "kim@"+domain,
			"+1 425 555 0100", opened, customers.RelationshipActive, opened); err != nil {
			return err
		}
		gn.rep.Customers++
		for _, t := range customers.SearchTerms(name, domain) {
			gn.terms = append(gn.terms, [3]string{gn.partner, t, id})
		}
		gn.custNames = append(gn.custNames, custRef{id, name})
		// Subscriptions: the first customer is the big one; the others hold
		// between 1 and twice the mean, so the total lands near the target.
		count := 1 + gn.r.IntN(max(int(2*perSub)-1, 1))
		if i == 0 {
			count = BigCustomers
		}
		if left := gn.o.Subscriptions - written; i == n-1 || count > left {
			count = max(left, 0)
		}
		if err := gn.subscriptionsOf(id, name, opened, count); err != nil {
			return err
		}
		written += count
		if n >= 10 && (i+1)%(n/10) == 0 {
			gn.progress("customers %d/%d, subscriptions %d, invoices %d", i+1, n, gn.rep.Subscriptions, gn.rep.Invoices)
		}
	}
	return gn.l.flush()
}

// subscriptionsOf writes count subscriptions of one customer, grouped in
// orders of one to three, and the customer's monthly invoices.
func (gn *gen) subscriptionsOf(custID, custName string, opened time.Time, count int) error {
	r := gn.r
	var charges []charge
	for made := 0; made < count; {
		inOrder := min(1+r.IntN(3), count-made)
		user := gn.users[r.IntN(len(gn.users))]
		at := opened.Add(time.Duration(r.Int64N(int64(gn.now.Sub(opened)))))
		orderID := gn.id('d')
		var total money.Cents
		for range inOrder {
			s := gn.subscription(custID, orderID, at)
			amount := subscriptions.TermAmount(s.UnitPrice*money.Cents(s.Quantity), s.Frequency, at, subscriptions.FirstTermEnd(at, s.Frequency))
			total += amount
			if err := gn.writeSub(s); err != nil {
				return err
			}
			if err := gn.l.add(gn.tOrderLine, gn.id('e'), orderID, s.OfferID, s.OfferName, s.Quantity, s.Frequency,
				s.UnitPrice, amount, "subscription", s.ID); err != nil {
				return err
			}
			gn.rep.OrderLines++
			charges = append(charges, charge{at: at, amount: amount, orderID: orderID, sub: s, reason: "purchase"})
			if refs := gn.subsOf[custID]; len(refs) < 4 {
				gn.subsOf[custID] = append(refs, subRef{s.ID, s.OfferName})
			}
		}
		if err := gn.l.add(gn.tOrder, orderID, gn.partner, custID, user.ID, user.Name,
			fmt.Sprintf("%016x%016x%016x%016x", r.Uint64(), r.Uint64(), r.Uint64(), r.Uint64()), total, at); err != nil {
			return err
		}
		gn.rep.Orders++
		made += inOrder
	}
	return gn.invoices(custID, charges)
}

type charge struct {
	at      time.Time
	amount  money.Cents
	orderID string
	sub     subscriptions.Subscription
	reason  string
}

// subscription makes one subscription bought at at, rolled forward to now:
// most active with a current term, the rest suspended, cancelled, deleted,
// expired or in trial, a few with a cancellation scheduled.
func (gn *gen) subscription(custID, orderID string, at time.Time) subscriptions.Subscription {
	r := gn.r
	o := gn.offers[r.IntN(len(gn.offers))]
	freq := catalog.Monthly
	if strings.Contains(o.Frequencies, catalog.Annual) && (!strings.Contains(o.Frequencies, catalog.Monthly) || r.IntN(3) == 0) {
		freq = catalog.Annual
	}
	qty := o.MinQuantity + r.IntN(max(min(o.MaxQuantity, 60)-o.MinQuantity, 0)+1)
	s := subscriptions.Subscription{ID: gn.id('b'), PartnerID: gn.partner, CustomerID: custID, OfferID: o.ID, OfferName: o.Name,
		OrderID: orderID, Quantity: qty, Frequency: freq, BillingType: o.BillingType, UnitPrice: o.PriceFor(freq),
		Status: subscriptions.Active, AutoRenew: r.IntN(10) != 0, PurchasedAt: at, FirstBillingStart: at, CreatedAt: at}
	// The term that holds now, or the last one before.
	start, end := at, subscriptions.FirstTermEnd(at, freq)
	for !end.After(gn.now) {
		start, end = subscriptions.NextTerm(end, freq)
	}
	s.TermStart, s.TermEnd = start, end
	switch p := r.IntN(1000); {
	case p < 50: // suspended, data kept for 90 days from the suspension
		sus := gn.now.Add(-time.Duration(r.IntN(80*24)) * time.Hour)
		ret := sus.AddDate(0, 0, 90)
		s.Status, s.SuspendedAt, s.RetentionEnd = subscriptions.Suspended, &sus, &ret
	case p < 120:
		c := start.Add(time.Duration(r.Int64N(int64(gn.now.Sub(start)) + 1)))
		s.Status, s.CancelledAt, s.AutoRenew = subscriptions.Cancelled, &c, false
	case p < 150:
		sus := gn.now.AddDate(0, 0, -100-r.IntN(200))
		ret := sus.AddDate(0, 0, 90)
		s.Status, s.SuspendedAt, s.RetentionEnd = subscriptions.Deleted, &sus, &ret
	case p < 180:
		s.Status, s.AutoRenew, s.TermEnd = subscriptions.Expired, false, start
	case p < 195:
		end := gn.now.AddDate(0, 0, 1+r.IntN(30))
		s.Status, s.TrialEnd, s.UnitPrice = subscriptions.Trial, &end, 0
	case p < 211: // a cancellation scheduled at the end of the term
		s.CancelAtTermEnd, s.AutoRenew = true, false
	}
	return s
}

func (gn *gen) writeSub(s subscriptions.Subscription) error {
	gn.rep.Subscriptions++
	return gn.l.add(gn.tSub, s.ID, s.PartnerID, s.CustomerID, s.OfferID, s.OfferName, s.OrderID, s.Quantity, s.Frequency,
		s.BillingType, s.UnitPrice, s.Status, s.TermStart, s.TermEnd, s.AutoRenew, nullTime(s.TrialEnd), s.PaidOfferID,
		s.PurchasedAt, s.FirstBillingStart, nullTime(s.SuspendedAt), nullTime(s.RetentionEnd), s.CancelAtTermEnd,
		nullTime(s.CancelledAt), s.BoughtDirectly, s.ParentID, s.CreatedAt)
}

func nullTime(t *time.Time) any {
	if t == nil {
		return nil
	}
	return *t
}

// invoices writes one invoice per month in which the customer was charged,
// over its last months: issued for past months, open for this one. A
// month's renewals are charged on its first day.
func (gn *gen) invoices(custID string, purchases []charge) error {
	r := gn.r
	months := 1 + r.IntN(11)
	cur, _ := billing.PeriodOf(gn.now)
	for m := months - 1; m >= 0; m-- {
		start := cur.AddDate(0, -m, 0)
		_, end := billing.PeriodOf(start)
		var lines []charge
		for _, p := range purchases {
			if !p.at.Before(start) && p.at.Before(end) {
				lines = append(lines, p)
			}
		}
		if len(lines) == 0 && len(purchases) > 0 {
			// A renewal of one of the customer's subscriptions.
			p := purchases[r.IntN(len(purchases))]
			lines = append(lines, charge{at: start, amount: p.sub.UnitPrice * money.Cents(p.sub.Quantity), sub: p.sub, reason: "renewal"})
		}
		invID := gn.id('a')
		var total money.Cents
		for _, c := range lines {
			total += c.amount
			if err := gn.l.add(gn.tInvLine, gn.id('f'), invID, gn.partner, custID, c.at, billing.Charge, c.reason,
				c.sub.OfferName, c.orderID, "subscription", c.sub.ID, c.sub.Quantity, c.amount); err != nil {
				return err
			}
			gn.rep.InvoiceLines++
		}
		status, issued := billing.Issued, any(end)
		if m == 0 {
			status, issued = billing.Open, nil
		}
		if err := gn.l.add(gn.tInv, invID, gn.partner, custID, start, end, status, total, issued); err != nil {
			return err
		}
		gn.rep.Invoices++
	}
	return nil
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
	return gn.l.flush()
}

// actions are the activity log's actions, weighted by how often a real
// reseller's staff and the lifecycle engine make them.
var actions = []weighted{
	{"auth.signed_in", 200}, {"subscription.quantity_changed", 150}, {"order.placed", 100},
	{"order.item_provisioned", 100}, {"subscription.renewed", 120}, {"subscription.auto_renew_changed", 60},
	{"subscription.suspended", 30}, {"subscription.reactivated", 25}, {"subscription.cancelled", 25},
	{"subscription.cancellation_scheduled", 20}, {"customer.created", 30}, {"lifecycle.invoice_issued", 60},
	{"support.request_created", 20}, {"support.note_added", 30}, {"software.key_accessed", 10},
	{"auth.sign_in_failed", 10}, {"subscription.trial_converted", 10},
}

// activity writes the log over two years in time order, spread across the
// users, the customers and the actions.
func (gn *gen) activity() error {
	n := gn.o.Activity
	r := gn.r
	step := float64(gn.now.Sub(gn.from)) / float64(max(n, 1))
	for i := range n {
		at := gn.from.Add(time.Duration(float64(i)*step + r.Float64()*step))
		action := pick(r, actions)
		if action == "" {
			action = "subscription.quantity_changed"
		}
		var actorID, actorName = "", activity.System.Name
		if !strings.HasPrefix(action, "lifecycle.") && action != "subscription.renewed" {
			u := gn.users[r.IntN(len(gn.users))]
			actorID, actorName = u.ID, u.Name
		}
		var c custRef
		if action != "auth.signed_in" && action != "auth.sign_in_failed" && len(gn.custNames) > 0 {
			c = gn.custNames[r.IntN(len(gn.custNames))]
		}
		resType, resID, details, before, after := "", "", "", "", ""
		if strings.HasPrefix(action, "subscription.") && c.id != "" {
			if subs := gn.subsOf[c.id]; len(subs) > 0 {
				s := subs[r.IntN(len(subs))]
				resType, resID, details = "subscription", s.id, s.name
			}
			if action == "subscription.quantity_changed" {
				q := 1 + r.IntN(40)
				before, after = jsonOf(map[string]int{"quantity": q}), jsonOf(map[string]int{"quantity": q + 1 + r.IntN(10)})
			}
		}
		if err := gn.l.add(gn.tAct, gn.id('9'), gn.partner, at, actorID, actorName, c.id, c.name, resType, resID,
			action, details, before, after); err != nil {
			return err
		}
		gn.rep.Activity++
		if n >= 10 && (i+1)%(n/10) == 0 {
			gn.progress("activity %d/%d", i+1, n)
		}
	}
	return gn.l.flush()
}

// sortTerms sorts search terms in their key's order (partner, term,
// customer), so the table's primary key grows at its end.
func sortTerms(t [][3]string) {
	slices.SortFunc(t, func(a, b [3]string) int {
		return cmp.Or(strings.Compare(a[0], b[0]), strings.Compare(a[1], b[1]), strings.Compare(a[2], b[2]))
	})
}

func jsonOf(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}
