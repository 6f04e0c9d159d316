package activity

import (
	lru "github.com/hashicorp/golang-lru/v2"
)

// Descriptions keeps the descriptions of the entries shown lately (UX-3,
// PERF-2). An entry never changes once written and Describe reads nothing
// but the entry, so an entry described once is described for every later
// view: the log's first pages are read again and again, and decoding each
// entry's values (JSON) and telling it on every view was about a seventh
// of the activity page's CPU time. The cache is bounded (least recently
// used entries leave first) and safe for concurrent use.
//
// It also remembers which pages were listed lately (ListDescribed): a page
// listed before has its entries described already, one never listed has
// none, and is read with its entries' values in one statement.
type Descriptions struct {
	cache *lru.Cache[string, Description]
	pages *lru.Cache[string, struct{}]
}

// NewDescriptions keeps the descriptions of at most size entries, and
// remembers a page for every pageEntries of them.
func NewDescriptions(size int) (*Descriptions, error) {
	c, err := lru.New[string, Description](size)
	if err != nil {
		return nil, err
	}
	p, err := lru.New[string, struct{}](max(size/pageEntries, 16))
	if err != nil {
		return nil, err
	}
	return &Descriptions{cache: c, pages: p}, nil
}

// pageEntries sets how many pages are remembered: one for every ten
// entries kept. Pages of 50 entries, as the activity page reads, then span
// five times the entries the cache keeps, so a page remembered but no
// longer described reads its values by ID, as before.
const pageEntries = 10

// listed reports whether the page key was listed before, and remembers it.
func (d *Descriptions) listed(key string) bool {
	seen, _ := d.pages.ContainsOrAdd(key, struct{}{})
	return seen
}

// Describe returns Describe(e), kept from an earlier call for the same
// entry. The description is shared: callers read it and do not change it.
// An entry without an ID (not read from the log) is described anew.
func (d *Descriptions) Describe(e Entry) Description {
	if e.ID == "" {
		return Describe(e)
	}
	if out, ok := d.cache.Get(e.ID); ok {
		return out
	}
	out := Describe(e)
	d.cache.Add(e.ID, out)
	return out
}

// Cached returns the description kept for the entry id, if any.
func (d *Descriptions) Cached(id string) (Description, bool) {
	if id == "" {
		return Description{}, false
	}
	return d.cache.Get(id)
}
