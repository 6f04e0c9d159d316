package web

import (
	"context"
	"sync"
	"time"

	"portal/internal/activity"
	"portal/internal/billing"
	"portal/internal/cart"
	"portal/internal/customers"
	"portal/internal/platform/db"
	"portal/internal/platform/i18n"
	"portal/internal/platform/keyset"
	"portal/internal/subscriptions"
)

// listMemos keep what the busiest list pages read, by partner and by
// what the page asks, while nothing is written (db.Memo, on both engines):
// the same page viewed again, by the same user or another of the partner's
// staff, renders from what was read, and any write, whatever it touched,
// makes the next view read again. On PostgreSQL the memos compare against
// the snapshot the request's session lookup read (db.WithSnapshot), so a
// kept page costs no round trip of its own. What a memo returns is shared
// between requests and must not be changed.
//
// Each page read holds a page of rows (25 to 50) with its count; the
// bounds keep the whole within a few megabytes.
type listMemos struct {
	activity  *db.Memo[activityReadKey, activityRead]
	customers *db.Memo[customersReadKey, customersRead]
	invoices  *db.Memo[invoicesReadKey, invoicesRead]
	customer  *db.Memo[ownedKey, customers.Customer]
	subs      *db.Memo[customerSubsKey, subscriptions.CustomerPage]
	subsCount *db.Memo[ownedKey, countRead]
	sub       *db.Memo[ownedKey, subscriptions.Detail]
	cart      *db.Memo[ownedKey, []cart.Item]
}

// Bounds of the list memos, in page reads (customers: in customers), the
// pages with the widest rows the fewest.
const (
	activityReads     = 64
	customerReads     = 512
	invoiceReads      = 256
	subsReads         = 128
	customersKept     = 256
	subscriptionsKept = 256
	customerCounts    = 1024
	cartsKept         = 1024
)

func newListMemos() listMemos {
	return listMemos{
		activity:  db.NewMemo[activityReadKey, activityRead](activityReads).AcrossNodes(),
		customers: db.NewMemo[customersReadKey, customersRead](customerReads).AcrossNodes(),
		invoices:  db.NewMemo[invoicesReadKey, invoicesRead](invoiceReads).AcrossNodes(),
		customer:  db.NewMemo[ownedKey, customers.Customer](customersKept).AcrossNodes(),
		subs:      db.NewMemo[customerSubsKey, subscriptions.CustomerPage](subsReads).AcrossNodes(),
		subsCount: db.NewMemo[ownedKey, countRead](customerCounts).AcrossNodes(),
		sub:       db.NewMemo[ownedKey, subscriptions.Detail](subscriptionsKept).AcrossNodes(),
		cart:      db.NewMemo[ownedKey, []cart.Item](cartsKept).AcrossNodes(),
	}
}

// instant is a time as a key: two equal instants are equal whatever their
// location or monotonic reading.
type instant struct{ sec, nsec int64 }

func instantOf(t time.Time) instant { return instant{t.Unix(), int64(t.Nanosecond())} }

// countRead is a bounded count: at most its cap, capped when there are more.
type countRead struct {
	n      int64
	capped bool
}

type activityReadKey struct {
	partnerID                             string
	from, to                              instant
	action, customerID, actorID, resource string
	at                                    instant
	id                                    string
	before                                bool
	limit, countCap                       int
}

// activityRead is one page of the log with its descriptions and count.
type activityRead struct {
	page  activity.Page
	told  []activity.Description
	count countRead
	said  *saidIn   // the descriptions told in each language, as pages show them
	kept  *sync.Map // the rows as written, by keptRowsKey (ui.Kept)
}

// keptRowsKey is what a list's rows, kept with its page read, show
// besides the read: the language and the roles that choose the links.
type keptRowsKey struct{ lang, roles string }

// saidIn keeps a page's entries told in each language the page was shown
// in, for as long as the page is kept: its entries do not change, and
// telling them (translating each sentence, formatting its values and the
// entry's time) was a fifth of a kept log page's server time (PERF-2).
type saidIn struct {
	mu     sync.Mutex
	byLang map[string][]said
}

// said is one entry told: when, its summary and its changed values.
type said struct {
	when, summary string
	changes       []string
}

// in returns r's descriptions told in l's language.
func (r activityRead) in(l *i18n.Localizer) []said {
	if r.said != nil {
		r.said.mu.Lock()
		defer r.said.mu.Unlock()
		if out, ok := r.said.byLang[l.Lang]; ok {
			return out
		}
	}
	out := make([]said, len(r.told))
	for i, d := range r.told {
		out[i].summary, out[i].changes = tellEntry(l, d)
		out[i].when = l.DateTime(r.page.Entries[i].At)
	}
	if r.said != nil {
		if r.said.byLang == nil {
			r.said.byLang = map[string][]said{}
		}
		r.said.byLang[l.Lang] = out
	}
	return out
}

// activityPage reads a page of a partner's log, its entries' descriptions
// and the filter's count (capped at countCap; none for 0).
func (s *Server) activityPage(ctx context.Context, partnerID string, f activity.Filter, cur activity.Cursor, limit, countCap int) (activityRead, error) {
	key := activityReadKey{partnerID: partnerID, from: instantOf(f.From), to: instantOf(f.To), action: f.Action,
		customerID: f.CustomerID, actorID: f.ActorID, resource: f.ResourceID,
		at: instantOf(cur.At), id: cur.ID, before: cur.Before, limit: limit, countCap: countCap}
	return s.lists.activity.Read(ctx, s.db, key, nil, func(ctx context.Context) (activityRead, error) {
		r := activityRead{said: &saidIn{}, kept: new(sync.Map)}
		var err error
		if r.page, r.told, err = s.activityLogStore.ListDescribed(ctx, partnerID, f, cur, limit, s.descriptions); err != nil {
			return r, err
		}
		// The page shows the entries as told; their values, the rows'
		// widest columns, need not be kept with them.
		for i := range r.page.Entries {
			e := &r.page.Entries[i]
			e.Details, e.Before, e.After = "", "", ""
		}
		if countCap > 0 {
			r.count.n, r.count.capped, err = s.activityLogStore.Count(ctx, partnerID, f, countCap)
		}
		return r, err
	})
}

type customersReadKey struct {
	partnerID       string
	filter          customers.Filter
	desc            bool
	after, before   customers.Cursor
	hasAfter        bool
	hasBefore       bool
	limit, countCap int
	brief           bool
}

// customersRead is one page of the customer list with its count.
type customersRead struct {
	page  customers.ListPage
	count countRead
	kept  *sync.Map // the rows as written, by language (ui.Kept)
}

// customersPage reads a page of a partner's customers with the bounded
// count of the matches (customers.Store.ListCounted). Offsets are not
// kept: ?page= is sent on to a cursor.
func (s *Server) customersPage(ctx context.Context, partnerID string, q customers.ListQuery, countCap int) (customersRead, error) {
	read := func(ctx context.Context) (customersRead, error) {
		r := customersRead{kept: new(sync.Map)}
		var err error
		r.page, r.count.n, r.count.capped, err = s.customers.ListCounted(ctx, partnerID, q, countCap)
		return r, err
	}
	if q.Offset != 0 {
		return read(ctx)
	}
	key := customersReadKey{partnerID: partnerID, filter: q.Filter, desc: q.Desc, limit: q.Limit, countCap: countCap, brief: q.Brief}
	if q.After != nil {
		key.after, key.hasAfter = *q.After, true
	}
	if q.Before != nil {
		key.before, key.hasBefore = *q.Before, true
	}
	return s.lists.customers.Read(ctx, s.db, key, nil, read)
}

type invoicesReadKey struct {
	partnerID, customerID, domain string
	period, afterPeriod           instant
	afterID                       string
	limit, countCap               int
}

// invoicesRead is one page of the invoices list, where the next page
// starts, and the filter's count.
type invoicesRead struct {
	rows  []billing.Summary
	next  billing.Cursor
	count countRead
	kept  *sync.Map // the rows as written, by language (ui.Kept)
}

// invoicesPageRead reads a page of a partner's invoices and the filter's
// bounded count.
func (s *Server) invoicesPageRead(ctx context.Context, partnerID string, f billing.Filter, limit, countCap int) (invoicesRead, error) {
	key := invoicesReadKey{partnerID: partnerID, customerID: f.CustomerID, domain: f.CustomerDomain,
		period: instantOf(f.Period), afterPeriod: instantOf(f.After.PeriodStart), afterID: f.After.ID,
		limit: limit, countCap: countCap}
	return s.lists.invoices.Read(ctx, s.db, key, nil, func(ctx context.Context) (invoicesRead, error) {
		r := invoicesRead{kept: new(sync.Map)}
		var err error
		if r.rows, r.next, err = s.invoices.List(ctx, partnerID, f, limit); err != nil {
			return r, err
		}
		r.count.n, r.count.capped, err = s.invoices.Count(ctx, partnerID, f, countCap)
		return r, err
	})
}

// ownedKey names one of a partner's objects by its ID.
type ownedKey struct{ partnerID, id string }

// customerOf reads one of a partner's customers (customers.Store.Get).
func (s *Server) customerOf(ctx context.Context, partnerID, id string) (customers.Customer, error) {
	return s.lists.customer.Read(ctx, s.db, ownedKey{partnerID, id}, nil, func(ctx context.Context) (customers.Customer, error) {
		return s.customers.Get(ctx, partnerID, id)
	})
}

type customerSubsKey struct {
	ownedKey
	at     keyset.Cursor
	before bool
	limit  int
}

// customerSubsPage reads a page of a customer's subscriptions tab.
func (s *Server) customerSubsPage(ctx context.Context, partnerID, customerID string, at keyset.Cursor, before bool, limit int) (subscriptions.CustomerPage, error) {
	key := customerSubsKey{ownedKey{partnerID, customerID}, at, before, limit}
	return s.lists.subs.Read(ctx, s.db, key, nil, func(ctx context.Context) (subscriptions.CustomerPage, error) {
		return s.subs.ForCustomerBrief(ctx, partnerID, customerID, at, before, limit)
	})
}

// customerSubsCount counts a customer's subscriptions, capped at db.CountCap.
func (s *Server) customerSubsCount(ctx context.Context, partnerID, customerID string) (int64, bool, error) {
	r, err := s.lists.subsCount.Read(ctx, s.db, ownedKey{partnerID, customerID}, nil, func(ctx context.Context) (countRead, error) {
		n, capped, err := s.subs.CountForCustomer(ctx, partnerID, customerID, db.CountCap)
		return countRead{n, capped}, err
	})
	return r.n, r.capped, err
}

// subscriptionView reads one of a partner's subscriptions as its page
// shows it (subscriptions.Store.Get). Only pages that change nothing read
// it so: the actions read their subscription as before.
func (s *Server) subscriptionView(ctx context.Context, partnerID, id string) (subscriptions.Detail, error) {
	return s.lists.sub.Read(ctx, s.db, ownedKey{partnerID, id}, nil, func(ctx context.Context) (subscriptions.Detail, error) {
		return s.subs.Get(ctx, partnerID, id)
	})
}

// cartItemsOf reads a customer's cart (cart.Store.Items), for pages that
// show what is in it. What it returns is shared and must not be changed.
func (s *Server) cartItemsOf(ctx context.Context, partnerID, customerID string) ([]cart.Item, error) {
	return s.lists.cart.Read(ctx, s.db, ownedKey{partnerID, customerID}, nil, func(ctx context.Context) ([]cart.Item, error) {
		return s.carts.Items(ctx, partnerID, customerID)
	})
}
