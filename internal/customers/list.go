package customers

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"gorm.io/gorm"

	"portal/internal/platform/db"
	"portal/internal/platform/keyset"
)

// Filter is what the customer list is narrowed by (CUST-1): a text search
// over names and domains, a segment and a country.
type Filter struct {
	Q       string
	Segment string
	Country string
}

// Cursor names a row of the list for keyset pagination: its sort key and ID.
type Cursor struct {
	NameKey string
	ID      string
}

// CursorOf returns the cursor of a customer.
func CursorOf(c Customer) Cursor { return Cursor{NameKey: c.NameKey, ID: c.ID} }

// Encode writes the cursor for a URL (the shared keyset form, PERF-6).
func (c Cursor) Encode() string { return keyset.Cursor{Key: c.NameKey, ID: c.ID}.Encode() }

// ParseCursor reads an encoded cursor; ok is false for anything that is not
// one, so a hand-edited URL falls back to the first page.
func ParseCursor(s string) (Cursor, bool) {
	k, ok := keyset.Parse(s)
	return Cursor{NameKey: k.Key, ID: k.ID}, ok
}

// ListQuery is one page of the list: filters, sort direction, and where the
// page starts (after or before a row, or an offset).
type ListQuery struct {
	Filter
	Desc   bool    // sort by name descending
	After  *Cursor // the page starts after this row (Next)
	Before *Cursor // the page ends before this row (Previous)
	Offset int     // used when neither cursor is set (?page=)
	Limit  int
	// Brief reads only the columns of a list's row (ListColumns); the
	// customers' other fields are left empty.
	Brief bool
}

// ListColumns are the columns a brief list reads: what the customer list
// shows of each row and its sort key. The contact, tenant and dates are
// the rest of a row's width.
var ListColumns = []string{"id", "partner_id", "name", "name_key", "domain", "country", "segment", "relationship"}

// briefColumns are ListColumns as a select list, alone and of the
// customers table named c: written once, not on every page.
var briefColumns, briefColumnsC = strings.Join(ListColumns, ", "), "c." + strings.Join(ListColumns, ", c.")

// read runs q, which selects the page's columns, and returns its rows. A
// brief page's rows are scanned straight into their fields (db.Collect):
// GORM's scan by reflection was about a quarter of the list's read.
func (p page) read(q *gorm.DB) ([]Customer, error) {
	if !p.brief {
		var rows []Customer
		err := q.Find(&rows).Error
		return rows, err
	}
	return db.Collect(q, p.limit, func(c *Customer) []any {
		return []any{&c.ID, &c.PartnerID, &c.Name, &c.NameKey, &c.Domain, &c.Country, &c.Segment, &c.Relationship}
	})
}

// ListPage is one page of customers, and whether more rows lie beyond it.
type ListPage struct {
	Customers []Customer
	HasMore   bool // rows after the last one (before the first for Before)
}

// List returns one page of the partner's customers, sorted by name then ID,
// in one query served by the (partner, name, id) index or, with a segment
// or country, the (partner, segment|country, name, id) index. A text search
// is planned from its words' terms (see search.go).
func (s *Store) List(ctx context.Context, partnerID string, q ListQuery) (ListPage, error) {
	lp, _, err := s.list(ctx, partnerID, q, 0)
	return lp, err
}

// ListCounted returns the page List returns and how many customers match
// its filter, counted up to countCap as Count counts (capped is true when
// there are more). A text search plans its words once for both; common
// words that rarely share a customer are read once for both (search.go).
//
// Without a filter the count is exact whatever the cap: the number of the
// partner's customers is kept in the counts summary (migration 00012).
func (s *Store) ListCounted(ctx context.Context, partnerID string, q ListQuery, countCap int) (lp ListPage, n int64, capped bool, err error) {
	if countCap <= 0 {
		return ListPage{}, 0, false, fmt.Errorf("customers: list: count cap %d", countCap)
	}
	if q.Filter == (Filter{}) {
		if lp, err = s.List(ctx, partnerID, q); err != nil {
			return ListPage{}, 0, false, err
		}
		n, err = s.Total(ctx, partnerID)
		return lp, n, false, err
	}
	lp, counted, err := s.list(ctx, partnerID, q, countCap)
	if err != nil {
		return ListPage{}, 0, false, err
	}
	return lp, min(counted, int64(countCap)), counted > int64(countCap), nil
}

// SummaryKind is the kind of the counts summary's row that holds the number
// of a partner's customers.
const SummaryKind = "customers"

// Total returns how many customers the partner has, from the counts
// summary that a trigger keeps in the transaction of every customer written
// (migration 00012): one row read, whatever the partner's size (PERF-6).
func (s *Store) Total(ctx context.Context, partnerID string) (int64, error) {
	var n []int64
	if err := db.Conn(ctx, s.DB).Raw("SELECT n FROM count_summaries WHERE partner_id = ? AND kind = ?", partnerID, SummaryKind).Find(&n).Error; err != nil {
		return 0, fmt.Errorf("customers: total: %w", err)
	}
	if len(n) == 0 {
		return 0, nil // no customer yet
	}
	return n[0], nil
}

// list reads a page of the list and, when countCap is above 0, counts the
// matching customers up to countCap+1.
func (s *Store) list(ctx context.Context, partnerID string, q ListQuery, countCap int) (ListPage, int64, error) {
	if q.Limit <= 0 {
		q.Limit = 25
	}
	p := page{desc: q.Desc, offset: q.Offset, limit: q.Limit + 1, brief: q.Brief}
	switch {
	case q.After != nil && !q.Desc, q.Before != nil && q.Desc:
		p.cmp, p.cur = ">", *cursorOf(q)
	case q.After != nil && q.Desc, q.Before != nil && !q.Desc:
		p.cmp, p.cur = "<", *cursorOf(q)
	}
	if p.cmp != "" {
		p.offset = 0
	}
	if q.Before != nil {
		p.desc = !p.desc // read backwards from the cursor, then turn the page around
	}
	conn := db.Conn(ctx, s.DB)
	var (
		rows    []Customer
		counted int64 = -1 // matches counted, up to countCap+1; -1 when not yet
		err     error
	)
	if strings.TrimSpace(q.Q) == "" {
		if rows, err = listAll(conn, partnerID, q.Filter, p); err != nil {
			return ListPage{}, 0, err
		}
		if countCap > 0 {
			if counted, err = countAll(conn, partnerID, q.Filter, countCap); err != nil {
				return ListPage{}, 0, err
			}
		}
	} else {
		sr, ok, err := newSearch(conn, partnerID, q.Q)
		if err != nil || !ok {
			return ListPage{}, 0, err
		}
		if rows, counted, err = searchPage(conn, sr, q.Filter, p, countCap); err != nil {
			return ListPage{}, 0, err
		}
		if countCap > 0 && counted < 0 {
			if counted, err = searchCount(conn, sr, q.Filter, countCap); err != nil {
				return ListPage{}, 0, fmt.Errorf("customers: count: %w", err)
			}
		}
	}
	lp := ListPage{Customers: rows}
	if len(rows) > q.Limit {
		lp.Customers, lp.HasMore = rows[:q.Limit], true
	}
	if q.Before != nil {
		slices.Reverse(lp.Customers)
	}
	return lp, counted, nil
}

func cursorOf(q ListQuery) *Cursor {
	if q.After != nil {
		return q.After
	}
	return q.Before
}

// listAll reads a page of the list without a text search.
func listAll(conn *gorm.DB, partnerID string, f Filter, p page) ([]Customer, error) {
	tx := filtered(conn, partnerID, f)
	if p.cmp != "" {
		tx = tx.Where("(name_key, id) "+p.cmp+" (?, ?)", p.cur.NameKey, p.cur.ID)
	}
	if p.offset > 0 {
		tx = tx.Offset(p.offset)
	}
	if p.desc {
		tx = tx.Order("name_key DESC").Order("id DESC")
	} else {
		tx = tx.Order("name_key ASC").Order("id ASC")
	}
	rows, err := p.read(tx.Select(p.columns("")).Limit(p.limit))
	if err != nil {
		return nil, fmt.Errorf("customers: list: %w", err)
	}
	return rows, nil
}

// Count returns how many customers match f, counting at most limit of them:
// capped is true when there are more. A bounded count keeps the list's cost
// fixed however many customers a partner has (PERF-1).
func (s *Store) Count(ctx context.Context, partnerID string, f Filter, limit int) (n int64, capped bool, err error) {
	conn := db.Conn(ctx, s.DB)
	if strings.TrimSpace(f.Q) != "" {
		sr, ok, serr := newSearch(conn, partnerID, f.Q)
		if serr != nil || !ok {
			return 0, false, serr
		}
		if n, err = searchCount(conn, sr, f, limit); err != nil {
			return 0, false, fmt.Errorf("customers: count: %w", err)
		}
	} else if n, err = countAll(conn, partnerID, f, limit); err != nil {
		return 0, false, err
	}
	if n > int64(limit) {
		return int64(limit), true, nil
	}
	return n, false, nil
}

// countAll counts the customers matching a filter without text, at most
// limit+1 of them.
func countAll(conn *gorm.DB, partnerID string, f Filter, limit int) (int64, error) {
	var n int64
	if err := conn.Raw("SELECT COUNT(*) FROM (?) AS matched", filtered(conn, partnerID, f).Select("1").Limit(limit+1)).Find(&n).Error; err != nil {
		return 0, fmt.Errorf("customers: count: %w", err)
	}
	return n, nil
}

// exportBatch is how many rows Export reads per query.
const exportBatch = 500

// Export calls fn for every customer matching f, sorted by name, reading
// batches by keyset so memory stays flat however long the list (CUST-1).
func (s *Store) Export(ctx context.Context, partnerID string, f Filter, desc bool, fn func(Customer) error) error {
	q := ListQuery{Filter: f, Desc: desc, Limit: exportBatch}
	for {
		p, err := s.List(ctx, partnerID, q)
		if err != nil {
			return err
		}
		for _, c := range p.Customers {
			if err := fn(c); err != nil {
				return err
			}
		}
		if !p.HasMore {
			return nil
		}
		last := CursorOf(p.Customers[len(p.Customers)-1])
		q.After = &last
	}
}

// filtered returns the partner's customers narrowed by segment and country.
func filtered(conn *gorm.DB, partnerID string, f Filter) *gorm.DB {
	tx := conn.Model(&Customer{}).Where("partner_id = ?", partnerID)
	if f.Segment != "" {
		tx = tx.Where("segment = ?", f.Segment)
	}
	if f.Country != "" {
		tx = tx.Where("country = ?", f.Country)
	}
	return tx
}
