package customers

import (
	"fmt"

	"gorm.io/gorm"
)

// The search of common words (PERF-2) reads search_prefixes: one word's
// customers in the list's order, from the keyset cursor, each checked for
// the other words by key and for the segment and country in the same row.
// A page of one common word reads one page of that key's range, whatever
// the word's frequency, and so does a segment or country (checked in the
// row, no other read). When other words are checked, the walk is first
// bounded by a window of walkFactor rows per wanted row; past it, filters
// that keep few customers walk their own index (search.go), and words
// that are common but rarely together read the rest of the run.

// driver returns the index of the word whose prefix rows drive the walk:
// the longest, as a longer prefix is usually held by fewer customers; or
// -1 when a pair's rows drive it (pairs.go), which imply no word.
func (sr search) driver() int {
	if sr.pair != "" {
		return -1
	}
	d := 0
	for i, w := range sr.words {
		if len([]rune(w)) > len([]rune(sr.words[d])) {
			d = i
		}
	}
	return d
}

// hasWords writes the conditions that the customer of the prefix row p has
// every word: first the other words' bits in the row's signature, which
// nearly every row that lacks a word fails; then, exactly, for the rows
// that pass: the driver's prefix is the row's own, so only a driver word
// longer than PrefixLen is checked again, against its terms; another word
// is one key lookup of its prefix row for the same customer, or a range of
// its terms when it is longer than PrefixLen. A pair's row (d is -1)
// implies no word: every word is checked. (Holding another word's
// customers in a temporary index, IN (subquery), was measured slower: it
// reads them all before the first row.)
func (q *query) hasWords(sr search, d int) {
	q.signatureHas(sr, d)
	for i, w := range sr.words {
		pre, full := prefixOf(w)
		switch {
		case !full:
			q.wordExists("p.customer_id", w)
		case i != d:
			q.add(" AND EXISTS (SELECT 1 FROM search_prefixes o WHERE o.partner_id = p.partner_id AND o.prefix = ? AND o.name_key = p.name_key AND o.customer_id = p.customer_id)", pre)
		}
	}
}

// signatureHas writes the filter of the other words' bits on the row's
// signature (signature.go): it runs before the probes, so only the rows
// that pass it (nearly only the matches) are checked by key. A half of
// the mask with no bit is left out.
func (q *query) signatureHas(sr search, d int) {
	var m Signature
	for i, w := range sr.words {
		if i != d {
			m = m.or(wordMask(w))
		}
	}
	if m.A != 0 {
		q.add(" AND (p.sig_a & ?) = ?", m.A, m.A)
	}
	if m.B != 0 {
		q.add(" AND (p.sig_b & ?) = ?", m.B, m.B)
	}
}

// checksWords reports whether a prefix row needs more than its own key to
// match: another word, or a driver word longer than the prefixes. Without
// such checks every row of the run (of the segment and country) matches.
func (sr search) checksWords(d int) bool {
	if d < 0 {
		return true
	}
	_, full := prefixOf(sr.words[d])
	return len(sr.words) > 1 || !full
}

// prefixRange writes the driver's prefix rows of the partner, from the
// cursor when the page has one.
func (q *query) prefixRange(sr search, d int, p page) {
	pre := sr.pair
	if d >= 0 {
		pre, _ = prefixOf(sr.words[d])
	}
	q.add(" WHERE p.partner_id = ? AND p.prefix = ?", sr.partnerID, pre)
	if p.cmp != "" {
		q.add(" AND (p.name_key, p.customer_id) "+p.cmp+" (?, ?)", p.cur.NameKey, p.cur.ID)
	}
}

func (q *query) prefixOrder(desc bool) {
	dir := " ASC"
	if desc {
		dir = " DESC"
	}
	q.add(" ORDER BY p.name_key" + dir + ", p.customer_id" + dir)
}

// prefixWindowEndSQL finds the driver's prefix row window rows after the
// cursor: the end of the walk, whatever the filters keep.
func prefixWindowEndSQL(sr search, d int, p page, window int) query {
	var q query
	q.add("SELECT p.name_key, p.customer_id AS id FROM search_prefixes p")
	q.prefixRange(sr, d, p)
	q.prefixOrder(p.desc)
	q.add(" LIMIT 1 OFFSET ?", window-1)
	return q
}

// prefixWalkSQL reads one page of the matching customers in the list's
// order from the driver's prefix rows, up to the window's end when there
// is one; the customer rows read are the page's only.
func prefixWalkSQL(sr search, d int, f Filter, p page, end *Cursor) query {
	var q query
	q.add("SELECT " + p.columns("c.") + " FROM search_prefixes p CROSS JOIN customers c")
	q.prefixRange(sr, d, p)
	if end != nil {
		cmp := "<="
		if p.desc {
			cmp = ">="
		}
		q.add(" AND (p.name_key, p.customer_id) "+cmp+" (?, ?)", end.NameKey, end.ID)
	}
	q.prefixFilters(f)
	q.hasWords(sr, d)
	// The customer row is joined by an expression of the prefix row's ID,
	// not the column itself: PostgreSQL's generic plan of a cached
	// statement otherwise probes another word's rows by the customer's ID
	// (equal to the row's) without the name, which reads that word's whole
	// run for each row.
	q.add(" AND c.id = p.customer_id || ''")
	q.prefixOrder(p.desc)
	q.limit(p)
	return q
}

func (q *query) prefixFilters(f Filter) {
	if f.Segment != "" {
		q.add(" AND p.segment = ?", f.Segment)
	}
	if f.Country != "" {
		q.add(" AND p.country = ?", f.Country)
	}
}

// prefixCountSQL counts the matching customers, at most limit+1, from the
// driver's prefix rows: one row per customer, so no DISTINCT, and no
// customer row read.
func prefixCountSQL(sr search, f Filter, limit int) query {
	d := sr.driver()
	var q query
	q.add("SELECT COUNT(*) FROM (SELECT 1 AS one FROM search_prefixes p")
	q.prefixRange(sr, d, page{})
	q.prefixFilters(f)
	q.hasWords(sr, d)
	q.add(" LIMIT ?) AS x", limit+1)
	return q
}

// prefixWalk reads a page of common words from their prefix rows, within
// a window of walkFactor rows per wanted row when windowed; done is false
// when the window ended before the page was full, so another plan must
// finish it.
func prefixWalk(conn *gorm.DB, sr search, f Filter, p page, windowed bool) (rows []Customer, done bool, err error) {
	d := sr.driver()
	var end *Cursor
	// A pair's run is no longer than a window (pairBound): read it whole.
	if windowed = windowed && sr.checksWords(d) && d >= 0; windowed {
		var ends []Cursor
		q := prefixWindowEndSQL(sr, d, p, walkFactor*(p.offset+p.limit))
		if err := conn.Raw(q.String(), q.args...).Find(&ends).Error; err != nil {
			return nil, false, fmt.Errorf("customers: search: %w", err)
		}
		if len(ends) > 0 {
			end = &ends[0]
		}
	}
	q := prefixWalkSQL(sr, d, f, p, end)
	if rows, err = p.read(conn.Raw(q.String(), q.args...)); err != nil {
		return nil, false, fmt.Errorf("customers: search: %w", err)
	}
	return rows, len(rows) == p.limit || end == nil, nil
}
