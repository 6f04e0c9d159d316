package customers

import (
	"fmt"
	"strings"

	"gorm.io/gorm"
)

// The text search (CUST-1, PERF-2) is served by index lookups only, with a
// plan chosen per query from what each word matches:
//
//   - Each word's terms are counted first, at most probeBound of them, by a
//     short range read of the (partner, term, customer) key. A word that
//     matches nothing ends the search.
//   - When one word is rare (at most probeBound terms), its few customers
//     drive the query: the other words are checked per candidate through
//     the (customer, term) index, the candidates' rows are read by ID and
//     the handful of matches sorted. The cost is bounded by probeBound.
//   - When every word is common, one word's prefix rows are read in the
//     list's order from the keyset cursor (prefix_walk.go), the other words
//     checked by key, segment and country in the same rows, and the read
//     stops at the page's end: no sort, no gathering of every match.
//     With two words or more, the rows of a pair of their beginnings are
//     read instead when that run is short (pairs.go).
//
// The count reads the same candidates, only as many as the cap.

// probeBound is how many terms a word may match and still drive the
// search from its customers (a variable so tests can send every word
// through the plans of common words).
var probeBound int64 = 1000

const (
	// walkFactor bounds the name-order walk: rows read per wanted match.
	walkFactor = 50
	// termEnd follows every term starting with a word: term < word+termEnd.
	termEnd = "\uffff"
)

// search is a text query's words and how common each is.
type search struct {
	partnerID string
	words     []string
	terms     []int64 // each word's term count, at most probeBound+1
	pair      string  // the pair key whose rows drive a search of common words, or ""
}

// newSearch reads q's words and counts their terms; ok is false when the
// query has no word, or a word that matches nothing, so nothing matches.
func newSearch(conn *gorm.DB, partnerID, q string) (sr search, ok bool, err error) {
	sr = search{partnerID: partnerID, words: QueryWords(q)}
	if len(sr.words) == 0 {
		return sr, false, nil
	}
	for _, w := range sr.words {
		var n int64
		err := conn.Raw("SELECT COUNT(*) FROM (SELECT 1 AS one FROM search_terms WHERE partner_id = ? AND term >= ? AND term < ? LIMIT ?) AS hits",
			partnerID, w, w+termEnd, probeBound+1).Find(&n).Error
		if err != nil {
			return sr, false, fmt.Errorf("customers: search %q: %w", w, err)
		}
		if n == 0 {
			return sr, false, nil
		}
		sr.terms = append(sr.terms, n)
	}
	if sr.common() {
		if err := sr.choosePair(conn); err != nil {
			return sr, false, err
		}
	}
	return sr, true, nil
}

// rarest returns the index of the word with the fewest terms.
func (sr search) rarest() int {
	r := 0
	for i, n := range sr.terms {
		if n < sr.terms[r] {
			r = i
		}
	}
	return r
}

// common reports whether every word matches more than probeBound terms.
func (sr search) common() bool { return sr.terms[sr.rarest()] > probeBound }

// query is SQL text and its arguments, written with ? placeholders.
type query struct {
	strings.Builder
	args []any
}

func (q *query) add(sql string, args ...any) {
	q.WriteString(sql)
	q.args = append(q.args, args...)
}

// wordExists checks that the customer idExpr has a term starting with w,
// through the (customer, term) index.
func (q *query) wordExists(idExpr, w string) {
	q.add(" AND EXISTS (SELECT 1 FROM search_terms st WHERE st.customer_id = "+idExpr+" AND st.term >= ? AND st.term < ?)", w, w+termEnd)
}

// matches writes the IDs of the customers that have every word, read from
// the rare word's range of the (partner, term, customer) key, the other
// words checked per candidate.
func (q *query) matches(sr search) {
	d := sr.rarest()
	q.add("SELECT DISTINCT t.customer_id FROM search_terms t WHERE t.partner_id = ? AND t.term >= ? AND t.term < ?",
		sr.partnerID, sr.words[d], sr.words[d]+termEnd)
	for i, w := range sr.words {
		if i != d {
			q.wordExists("t.customer_id", w)
		}
	}
}

// page is where a page of the list starts and which way it reads.
type page struct {
	desc   bool
	cmp    string // ">" or "<" against cur; "" from the start
	cur    Cursor
	offset int
	limit  int  // rows to read: the page and one more
	brief  bool // read ListColumns only
}

// columns lists the customer columns the page reads, of the customers
// table named by prefix ("c." or "").
func (p page) columns(prefix string) string {
	switch {
	case !p.brief:
		return prefix + "*"
	case prefix == "c.":
		return briefColumnsC
	}
	return briefColumns
}

// filters writes the segment and country filters and the keyset condition
// on the customers table named by prefix ("c." or "").
func (q *query) filters(prefix string, f Filter, p page) {
	if f.Segment != "" {
		q.add(" AND "+prefix+"segment = ?", f.Segment)
	}
	if f.Country != "" {
		q.add(" AND "+prefix+"country = ?", f.Country)
	}
	if p.cmp != "" {
		q.add(" AND ("+prefix+"name_key, "+prefix+"id) "+p.cmp+" (?, ?)", p.cur.NameKey, p.cur.ID)
	}
}

// orderBy writes the list's order on the customers table named by prefix.
func (q *query) orderBy(prefix string, desc bool) {
	dir := " ASC"
	if desc {
		dir = " DESC"
	}
	q.add(" ORDER BY " + prefix + "name_key" + dir + ", " + prefix + "id" + dir)
}

func (q *query) limit(p page) {
	q.add(" LIMIT ?", p.limit)
	if p.offset > 0 {
		q.add(" OFFSET ?", p.offset)
	}
}

// windowEndSQL finds the row window rows down the list from the cursor, in
// the list's order: the end of the name-order walk.
func windowEndSQL(partnerID string, f Filter, p page, window int) query {
	var q query
	q.add("SELECT name_key, id FROM customers WHERE partner_id = ?", partnerID)
	q.filters("", f, p)
	q.orderBy("", p.desc)
	q.add(" LIMIT 1 OFFSET ?", window-1)
	return q
}

// walkSQL reads the list in name order from the cursor, up to the window's
// end when there is one, and keeps the rows that have every word: served by
// the list's index, it stops at the page's last row.
func walkSQL(sr search, f Filter, p page, end *Cursor) query {
	var q query
	q.add("SELECT "+p.columns("")+" FROM customers WHERE partner_id = ?", sr.partnerID)
	q.filters("", f, p)
	if end != nil {
		cmp := "<="
		if p.desc {
			cmp = ">="
		}
		q.add(" AND (name_key, id) "+cmp+" (?, ?)", end.NameKey, end.ID)
	}
	for _, w := range sr.words {
		q.wordExists("customers.id", w)
	}
	q.orderBy("", p.desc)
	q.limit(p)
	return q
}

// driveSQL reads the matching customers from the rare word's terms, then
// sorts them (probeBound at most). The CROSS JOIN keeps the matches outermost.
func driveSQL(sr search, f Filter, p page) query {
	var q query
	q.add("SELECT " + p.columns("c.") + " FROM (")
	q.matches(sr)
	q.add(") m CROSS JOIN customers c WHERE c.id = m.customer_id AND c.partner_id = ?", sr.partnerID)
	q.filters("c.", f, p)
	q.orderBy("c.", p.desc)
	q.limit(p)
	return q
}

// countSQL counts the matching customers, at most limit+1 of them, from
// the words' terms. Without a segment or country the customer rows are not
// read: every term belongs to one of the partner's customers.
func countSQL(sr search, f Filter, limit int) query {
	var q query
	q.add("SELECT COUNT(*) FROM (SELECT 1 AS one FROM (")
	q.matches(sr)
	q.add(") m")
	if f.Segment != "" || f.Country != "" {
		q.add(" CROSS JOIN customers c WHERE c.id = m.customer_id AND c.partner_id = ?", sr.partnerID)
		q.filters("c.", f, page{})
	}
	q.add(" LIMIT ?) AS x", limit+1)
	return q
}
