package catalog

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"sync/atomic"

	"gorm.io/gorm"

	"portal/internal/platform/db"
)

// OfferCache keeps every offer in memory between catalog views (CAT-2,
// PERF-2). The catalog is a few dozen to a few thousand rows that change
// rarely, and every catalog view read a page of them, their count and the
// base offers of the add-ons shown, each offer of some twenty-five columns.
//
// Every change to the offers raises the catalog's version in the same
// transaction (a trigger, migration 15), whatever writes them. Each use
// reads that one row and, when it differs from the version the copy was
// read at, reads the offers again, so a node never serves offers older than
// the last change it can see, and several nodes need nothing between them.
//
// Inside a transaction the version is read in the transaction too: the copy
// serves it when the versions match (the offers it sees are the copy's), and
// otherwise the offers are read in the transaction for that use only, not
// kept, since the transaction may be the change and may yet roll back.
//
// The version itself is read through a db.Memo: it can change only when
// something is written, so outside a transaction it is read again only
// after a write (on PostgreSQL, when the request's snapshot moved).
type OfferCache struct {
	snap     atomic.Pointer[offerSnapshot]
	reload   sync.Mutex
	versions *db.Memo[struct{}, int64]
}

// NewOfferCache returns an empty cache: its first use reads the offers.
func NewOfferCache() *OfferCache {
	return &OfferCache{versions: db.NewMemo[struct{}, int64](1).AcrossNodes()}
}

// offerSnapshot is every offer as read at one version of the catalog, in
// the catalog's order (tab, name, id).
type offerSnapshot struct {
	version int64
	offers  []cachedOffer
	byID    map[string]int
}

// cachedOffer is an offer with the lower-case text the search compares.
type cachedOffer struct {
	Offer
	name, publisherName, description string
}

const versionSQL = "SELECT version FROM catalog_versions WHERE id = 1"

// current returns the offers as of the catalog's current version.
func (c *OfferCache) current(ctx context.Context, g *gorm.DB) (*offerSnapshot, error) {
	version, err := c.versions.Read(ctx, g, struct{}{}, nil, func(ctx context.Context) (int64, error) {
		var v int64
		err := db.Conn(ctx, g).Raw(versionSQL).Row().Scan(&v)
		return v, err
	})
	if err != nil {
		return nil, fmt.Errorf("catalog: version: %w", err)
	}
	if s := c.snap.Load(); s != nil && s.version == version {
		return s, nil
	}
	if db.InTx(ctx) {
		return readSnapshot(ctx, g, version)
	}
	c.reload.Lock()
	defer c.reload.Unlock()
	if s := c.snap.Load(); s != nil && s.version == version {
		return s, nil
	}
	s, err := readSnapshot(ctx, g, version)
	if err != nil {
		return nil, err
	}
	c.snap.Store(s)
	return s, nil
}

// readSnapshot reads every offer. They are read after the version: the copy
// is at least as new as the version it is kept under, and a later change
// raises it again.
func readSnapshot(ctx context.Context, g *gorm.DB, version int64) (*offerSnapshot, error) {
	var all []Offer
	if err := db.Conn(ctx, g).Order("tab, name, id").Find(&all).Error; err != nil {
		return nil, fmt.Errorf("catalog: offers: %w", err)
	}
	s := &offerSnapshot{version: version, offers: make([]cachedOffer, len(all)), byID: make(map[string]int, len(all))}
	for i, o := range all {
		s.offers[i] = cachedOffer{Offer: o, name: strings.ToLower(o.Name),
			publisherName: strings.ToLower(o.PublisherName), description: strings.ToLower(o.Description)}
		s.byID[o.ID] = i
	}
	return s, nil
}

// matching is what Store.filtered selects, in the catalog's order. The
// search compares lower-case text as the query's LOWER(…) LIKE '%…%' does.
func (s *offerSnapshot) matching(partnerID string, f Filter) []Offer {
	term := strings.ToLower(strings.TrimSpace(f.Q))
	var out []Offer
	for i := range s.offers {
		o := &s.offers[i]
		switch {
		case o.Tab != f.Tab,
			o.ExclusivePartnerID != "" && o.ExclusivePartnerID != partnerID,
			f.Publisher != "" && o.Publisher != f.Publisher,
			f.Billing != "" && o.BillingType != f.Billing,
			f.Category != "" && o.Category != f.Category,
			f.Frequency != "" && o.Frequencies != f.Frequency && o.Frequencies != Monthly+","+Annual,
			term != "" && !strings.Contains(o.name, term) && !strings.Contains(o.publisherName, term) && !strings.Contains(o.description, term):
			continue
		}
		out = append(out, o.Offer)
	}
	return out
}

// byIDs is what Store.Offers reads: the offers with these IDs that
// partnerID may see.
func (s *offerSnapshot) byIDs(partnerID string, ids []string) map[string]Offer {
	out := map[string]Offer{}
	for _, id := range ids {
		i, ok := s.byID[id]
		if !ok {
			continue
		}
		if o := s.offers[i].Offer; o.ExclusivePartnerID == "" || o.ExclusivePartnerID == partnerID {
			out[id] = o
		}
	}
	return out
}
