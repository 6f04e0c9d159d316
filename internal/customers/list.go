package customers

import (
	"context"
	"encoding/base64"
	"fmt"
	"slices"
	"strings"

	"github.com/google/uuid"
	"gorm.io/gorm"

	"portal/internal/platform/db"
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

// Encode writes the cursor for a URL.
func (c Cursor) Encode() string {
	return base64.RawURLEncoding.EncodeToString([]byte(c.ID + c.NameKey))
}

// ParseCursor reads an encoded cursor; ok is false for anything that is not
// one, so a hand-edited URL falls back to the first page.
func ParseCursor(s string) (Cursor, bool) {
	if s == "" || len(s) > 1024 {
		return Cursor{}, false
	}
	raw, err := base64.RawURLEncoding.DecodeString(s)
	if err != nil || len(raw) < 36 {
		return Cursor{}, false
	}
	id := string(raw[:36])
	if _, err := uuid.Parse(id); err != nil {
		return Cursor{}, false
	}
	return Cursor{ID: id, NameKey: string(raw[36:])}, true
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
}

// ListPage is one page of customers, and whether more rows lie beyond it.
type ListPage struct {
	Customers []Customer
	HasMore   bool // rows after the last one (before the first for Before)
}

// List returns one page of the partner's customers, sorted by name then ID,
// in one query served by the (partner, name, id) index or, with a segment
// or country, the (partner, segment|country, name, id) index. Text search
// narrows by indexed prefix lookups in search_terms, one per word, all of
// which must match.
func (s *Store) List(ctx context.Context, partnerID string, q ListQuery) (ListPage, error) {
	if q.Limit <= 0 {
		q.Limit = 25
	}
	tx, ok, err := s.filtered(db.Conn(ctx, s.DB), partnerID, q.Filter, false)
	if err != nil || !ok {
		return ListPage{}, err
	}
	desc := q.Desc
	switch {
	case q.After != nil && !q.Desc, q.Before != nil && q.Desc:
		c := q.After
		if c == nil {
			c = q.Before
		}
		tx = tx.Where("(name_key, id) > (?, ?)", c.NameKey, c.ID)
	case q.After != nil && q.Desc, q.Before != nil && !q.Desc:
		c := q.After
		if c == nil {
			c = q.Before
		}
		tx = tx.Where("(name_key, id) < (?, ?)", c.NameKey, c.ID)
	case q.Offset > 0:
		tx = tx.Offset(q.Offset)
	}
	if q.Before != nil {
		desc = !desc // read backwards from the cursor, then turn the page around
	}
	if desc {
		tx = tx.Order("name_key DESC").Order("id DESC")
	} else {
		tx = tx.Order("name_key ASC").Order("id ASC")
	}
	var rows []Customer
	if err := tx.Limit(q.Limit + 1).Find(&rows).Error; err != nil {
		return ListPage{}, fmt.Errorf("customers: list: %w", err)
	}
	p := ListPage{Customers: rows}
	if len(rows) > q.Limit {
		p.Customers, p.HasMore = rows[:q.Limit], true
	}
	if q.Before != nil {
		slices.Reverse(p.Customers)
	}
	return p, nil
}

// Count returns how many customers match f, counting at most limit of them:
// capped is true when there are more. A bounded count keeps the list's cost
// fixed however many customers a partner has (PERF-1).
func (s *Store) Count(ctx context.Context, partnerID string, f Filter, limit int) (n int64, capped bool, err error) {
	conn := db.Conn(ctx, s.DB)
	tx, ok, err := s.filtered(conn, partnerID, f, true)
	if err != nil || !ok {
		return 0, false, err
	}
	if err := conn.Raw("SELECT COUNT(*) FROM (?) AS matched", tx.Select("1").Limit(limit+1)).Scan(&n).Error; err != nil {
		return 0, false, fmt.Errorf("customers: count: %w", err)
	}
	if n > int64(limit) {
		return int64(limit), true, nil
	}
	return n, false, nil
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

// rareWord is how many terms a word may match for the list to start from
// its customers; a commoner word is cheaper checked row by row while the
// list is read in name order, since matches come soon.
const rareWord = 2000

// filtered returns the partner's customers narrowed by f; ok is false when
// the search has no word that could match anything. Every word must match
// the prefix of one of the customer's terms, looked up in an index, never a
// scan: the rarest word drives the query (id IN its customers) when it is
// rare enough, or when the caller counts; the other words are checked per
// customer through the (customer, term) index.
func (s *Store) filtered(conn *gorm.DB, partnerID string, f Filter, counting bool) (*gorm.DB, bool, error) {
	tx := conn.Model(&Customer{}).Where("partner_id = ?", partnerID)
	if f.Segment != "" {
		tx = tx.Where("segment = ?", f.Segment)
	}
	if f.Country != "" {
		tx = tx.Where("country = ?", f.Country)
	}
	if strings.TrimSpace(f.Q) == "" {
		return tx, true, nil
	}
	words := QueryWords(f.Q)
	if len(words) == 0 {
		return nil, false, nil
	}
	rarest, least := 0, int64(-1)
	for i, w := range words {
		var n int64
		sub := conn.Model(&SearchTerm{}).Select("1").Where("partner_id = ? AND term >= ? AND term < ?", partnerID, w, w+"\uffff").Limit(rareWord + 1)
		if err := conn.Raw("SELECT COUNT(*) FROM (?) AS t", sub).Scan(&n).Error; err != nil {
			return nil, false, fmt.Errorf("customers: search %q: %w", w, err)
		}
		if n == 0 {
			return nil, false, nil // a word that matches nothing
		}
		if least < 0 || n < least {
			rarest, least = i, n
		}
	}
	// Only one common word is read in name order: its matches come soon.
	// Several words together are usually rare, so the rarest drives.
	driver := rarest
	if !counting && len(words) == 1 && least > rareWord {
		driver = -1
	}
	for i, w := range words {
		if i == driver {
			tx = tx.Where("id IN (SELECT customer_id FROM search_terms WHERE partner_id = ? AND term >= ? AND term < ?)", partnerID, w, w+"\uffff")
		} else {
			tx = tx.Where("EXISTS (SELECT 1 FROM search_terms st WHERE st.customer_id = customers.id AND st.term >= ? AND st.term < ?)", w, w+"\uffff")
		}
	}
	return tx, true, nil
}
