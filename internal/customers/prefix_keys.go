package customers

import (
	"fmt"

	"gorm.io/gorm"

	"portal/internal/platform/db"
)

// Common words that rarely share a customer (PERF-2): the name-order walk
// reads most of the driver's run to fill a page, and the count reads all
// of it. Read once instead: the matches' keys from the start of the list,
// in its order and up to the count's cap, give the count and the page's
// IDs together; only the page's customer rows are read then, by ID.

// matchKey is a matching customer's place in the list, and whether it lies
// past the page's cursor (decided by the engine, in its own order).
type matchKey struct {
	NameKey string
	ID      string
	Past    bool
}

// prefixKeysSQL reads the keys of the customers matching the search and f
// from the driver's prefix rows, in the page's direction from the start of
// the list, at most limit of them.
func prefixKeysSQL(sr search, f Filter, p page, limit int) query {
	d := sr.driver()
	var q query
	if p.cmp != "" {
		q.add("SELECT p.name_key, p.customer_id AS id, CASE WHEN (p.name_key, p.customer_id) "+p.cmp+" (?, ?) THEN 1 ELSE 0 END AS past FROM search_prefixes p",
			p.cur.NameKey, p.cur.ID)
	} else {
		q.add("SELECT p.name_key, p.customer_id AS id, 1 AS past FROM search_prefixes p")
	}
	q.prefixRange(sr, d, page{})
	q.prefixFilters(f)
	q.hasWords(sr, d)
	q.prefixOrder(p.desc)
	q.add(" LIMIT ?", limit)
	return q
}

// keysOfPage picks the keys of the page p from keys, the matches read from
// the start of the list in the page's direction; complete says keys hold
// every match. ok is false when the page lies beyond the keys read.
func keysOfPage(keys []matchKey, p page, complete bool) (page []matchKey, ok bool) {
	i := len(keys)
	for j, k := range keys {
		if k.Past {
			i = j
			break
		}
	}
	if i == len(keys) && !complete {
		return nil, false
	}
	i += p.offset
	switch {
	case i+p.limit <= len(keys):
		return keys[i : i+p.limit], true
	case complete:
		return keys[min(i, len(keys)):], true
	}
	return nil, false
}

// keyedPage reads the matches' keys up to countCap+1 and, when they hold
// the page, its customers by ID. counted is how many keys were read.
func keyedPage(conn *gorm.DB, sr search, f Filter, p page, countCap int) (rows []Customer, counted int64, ok bool, err error) {
	var keys []matchKey
	q := prefixKeysSQL(sr, f, p, countCap+1)
	if err := conn.Raw(q.String(), q.args...).Find(&keys).Error; err != nil {
		return nil, -1, false, fmt.Errorf("customers: search: %w", err)
	}
	counted = int64(len(keys))
	pageKeys, ok := keysOfPage(keys, p, len(keys) <= countCap)
	if !ok || len(pageKeys) == 0 {
		return nil, counted, ok, nil
	}
	ids := make([]string, len(pageKeys))
	for i, k := range pageKeys {
		ids[i] = k.ID
	}
	found, err := p.read(conn.Model(&Customer{}).Select(p.columns("")).Where(db.PartnersByID(ids, sr.partnerID)))
	if err != nil {
		return nil, counted, false, fmt.Errorf("customers: search: %w", err)
	}
	byID := make(map[string]Customer, len(found))
	for _, c := range found {
		byID[c.ID] = c
	}
	rows = make([]Customer, 0, len(ids))
	for _, id := range ids {
		if c, ok := byID[id]; ok {
			rows = append(rows, c)
		}
	}
	return rows, counted, true, nil
}
