package activity

import (
	lru "github.com/hashicorp/golang-lru/v2"
)

// FullCounts remembers the filters whose count went past its cap (UX-4,
// PERF-2), so that Log.Count answers them without reading the log again.
// Entries are never edited or deleted (LOG-1): the entries that match a
// partner's filter, dates included, only grow in number, so a count that
// found more than its cap finds more on every later view, on every node.
// At a large reseller's size that is the log's default view (the last 30
// days) and most of its filters: each view read 1,001 index entries to say
// "1,000+". The memory is bounded (least recently used filters leave
// first) and safe for concurrent use.
type FullCounts struct {
	cache *lru.Cache[countKey, struct{}]
}

// countKey is a partner's filter and the cap its count went past. The dates
// are kept in UTC, so the same instants make the same key.
type countKey struct {
	partnerID string
	filter    Filter
	limit     int
}

func keyOf(partnerID string, f Filter, limit int) countKey {
	f.From, f.To = f.From.UTC(), f.To.UTC()
	return countKey{partnerID: partnerID, filter: f, limit: limit}
}

// NewFullCounts remembers at most size filters.
func NewFullCounts(size int) (*FullCounts, error) {
	c, err := lru.New[countKey, struct{}](size)
	if err != nil {
		return nil, err
	}
	return &FullCounts{cache: c}, nil
}

// full reports whether the partner's filter counted past limit before.
func (fc *FullCounts) full(partnerID string, f Filter, limit int) bool {
	return fc != nil && fc.cache.Contains(keyOf(partnerID, f, limit))
}

// add remembers that the partner's filter counted past limit.
func (fc *FullCounts) add(partnerID string, f Filter, limit int) {
	if fc != nil {
		fc.cache.Add(keyOf(partnerID, f, limit), struct{}{})
	}
}
