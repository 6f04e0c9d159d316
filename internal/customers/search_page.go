package customers

import (
	"fmt"

	"gorm.io/gorm"
)

// searchCount counts the customers matching a text search and f, at most
// limit+1 of them: from the rare word's terms, or from the driver's prefix
// rows when every word is common (segment and country read in those rows).
func searchCount(conn *gorm.DB, sr search, f Filter, limit int) (int64, error) {
	q := countSQL(sr, f, limit)
	if sr.common() {
		q = prefixCountSQL(sr, f, limit)
	}
	var n int64
	err := conn.Raw(q.String(), q.args...).Find(&n).Error
	return n, err
}

// searchPage returns the rows of one page of a text search (limit+1 at
// most). Common words are read from the driver word's prefix rows in the
// list's order, first within a window. When the window ends before the
// page is full, the words are common but rarely together, and the count
// would read the driver's whole run anyway: when the caller counts
// (countCap above 0), the matches' keys are read once, in the list's
// order and up to the cap, and give both the count and the page, whose
// rows are then read by ID (prefix_keys.go). A pair's run is short, so its
// matches' keys are read so at once. Otherwise, or when the page lies past
// the cap, the list is walked in name order from a segment's or country's
// index when one is set, then along the driver's whole run, still in
// order and stopping at the page's end. counted is the number of matches
// read, up to countCap+1, or -1 when they were not counted.
func searchPage(conn *gorm.DB, sr search, f Filter, p page, countCap int) (rows []Customer, counted int64, err error) {
	if !sr.common() {
		q := driveSQL(sr, f, p)
		if rows, err = p.read(conn.Raw(q.String(), q.args...)); err != nil {
			return nil, -1, fmt.Errorf("customers: search: %w", err)
		}
		return rows, -1, nil
	}
	counted = -1
	if sr.pair != "" && countCap > 0 {
		// A pair's run is short (pairBound): its matches' keys, read once,
		// give the count and the page.
		var ok bool
		if rows, counted, ok, err = keyedPage(conn, sr, f, p, countCap); err != nil || ok {
			return rows, counted, err
		}
	}
	rows, done, err := prefixWalk(conn, sr, f, p, true)
	if err != nil || done {
		return rows, counted, err
	}
	if countCap > 0 && counted < 0 {
		var ok bool
		if rows, counted, ok, err = keyedPage(conn, sr, f, p, countCap); err != nil || ok {
			return rows, counted, err
		}
	}
	if f.Segment != "" || f.Country != "" {
		if rows, done, err = filterWalk(conn, sr, f, p); err != nil || done {
			return rows, counted, err
		}
	}
	rows, _, err = prefixWalk(conn, sr, f, p, false)
	return rows, counted, err
}

// filterWalk reads the list in name order from the segment's or country's
// index, at most walkFactor rows per wanted row, checking each row's words.
func filterWalk(conn *gorm.DB, sr search, f Filter, p page) (rows []Customer, done bool, err error) {
	var ends []Cursor
	q := windowEndSQL(sr.partnerID, f, p, walkFactor*(p.offset+p.limit))
	if err := conn.Raw(q.String(), q.args...).Find(&ends).Error; err != nil {
		return nil, false, fmt.Errorf("customers: search: %w", err)
	}
	var end *Cursor
	if len(ends) > 0 {
		end = &ends[0]
	}
	q = walkSQL(sr, f, p, end)
	if rows, err = p.read(conn.Raw(q.String(), q.args...)); err != nil {
		return nil, false, fmt.Errorf("customers: search: %w", err)
	}
	return rows, len(rows) == p.limit || end == nil, nil
}
