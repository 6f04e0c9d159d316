package catalog

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"

	"github.com/google/uuid"
	"gorm.io/gorm"

	"portal/internal/perm"
	"portal/internal/platform/db"
)

// PageSize is how many offers one catalog page lists.
const PageSize = 25

// Filter is a catalog query (CAT-2); empty fields do not filter.
type Filter struct {
	Tab       string
	Publisher string
	Billing   string
	Category  string
	Frequency string
	Q         string
	Page      int // 1-based
}

// Normalize drops values that are not among a filter's choices, so any
// query string gives a valid catalog page.
func (f Filter) Normalize() Filter {
	if !ValidTab(f.Tab) {
		f.Tab = TabOnline
	}
	pick := func(v string, allowed ...string) string {
		for _, a := range allowed {
			if v == a {
				return v
			}
		}
		return ""
	}
	f.Publisher = pick(f.Publisher, PublisherMicrosoft, PublisherPartner)
	f.Billing = pick(f.Billing, BillingLicense, BillingUsage)
	f.Category = pick(f.Category, CategoryEnterprise, CategorySmallBiz, CategoryTrial)
	f.Frequency = pick(f.Frequency, Monthly, Annual)
	if f.Page < 1 {
		f.Page = 1
	}
	if f.Page > 1000 {
		f.Page = 1000
	}
	return f
}

// Store reads the catalog.
type Store struct {
	DB *gorm.DB
	// Markets is where Azure reservations are not sold (CAT-3); when nil,
	// the embedded table is read once, at first use.
	Markets Markets
	// Cache, when set, serves the offers from memory (List, Count, Get,
	// Offers), checked against the catalog's version on every call; in a
	// transaction (a checkout), against the version the transaction sees.
	Cache *OfferCache
	// Owned, when set, keeps what Eligibility read of a customer's live
	// subscriptions while nothing is written (NewOwnedMemo); a transaction
	// reads them itself.
	Owned *OwnedMemo
	// pinned is the copy of the offers a pinned store serves (Pinned).
	pinned *offerSnapshot

	once   sync.Once
	loaded Markets
}

// markets returns the unavailable markets availability checks against.
func (s *Store) markets() Markets {
	if s.Markets != nil {
		return s.Markets
	}
	s.once.Do(func() { s.loaded = MustUnavailableMarkets() })
	return s.loaded
}

// Pinned returns a store that serves List, Count and Offers from the
// cached offers as of now, for one page that calls several of them: the
// catalog's version is read once, here, instead of once per call. A store
// without a cache is returned as it is.
func (s *Store) Pinned(ctx context.Context) (*Store, error) {
	if s.Cache == nil {
		return s, nil
	}
	snap, err := s.Cache.current(ctx, s.DB)
	if err != nil {
		return nil, err
	}
	return &Store{DB: s.DB, Markets: s.markets(), Cache: s.Cache, Owned: s.Owned, pinned: snap}, nil
}

// offersNow is the cached offers a call serves: the pinned copy, or the
// cache's as of the catalog's current version.
func (s *Store) offersNow(ctx context.Context) (*offerSnapshot, error) {
	if s.pinned != nil {
		return s.pinned, nil
	}
	return s.Cache.current(ctx, s.DB)
}

// List returns one page of the offers partnerID may see that match f, sorted
// by name, and whether more follow. Offers exclusive to other partners are
// left out here already (CAT-3), so pages and counts never show them.
func (s *Store) List(ctx context.Context, partnerID string, f Filter) ([]Offer, bool, error) {
	f = f.Normalize()
	if s.Cache != nil {
		snap, err := s.offersNow(ctx)
		if err != nil {
			return nil, false, err
		}
		page, more := pageOf(snap.matching(partnerID, f), f.Page)
		return page, more, nil
	}
	var out []Offer
	err := s.filtered(ctx, partnerID, f).Order("name, id").Offset((f.Page - 1) * PageSize).Limit(PageSize + 1).Find(&out).Error
	if err != nil {
		return nil, false, fmt.Errorf("catalog: list %s: %w", f.Tab, err)
	}
	more := len(out) > PageSize
	if more {
		out = out[:PageSize]
	}
	return out, more, nil
}

// ListCounted is List and Count for one page: from the cache, the offers
// are filtered once for both.
func (s *Store) ListCounted(ctx context.Context, partnerID string, f Filter, limit int) (page []Offer, more bool, total int64, capped bool, err error) {
	if s.Cache == nil {
		if page, more, err = s.List(ctx, partnerID, f); err != nil {
			return nil, false, 0, false, err
		}
		total, capped, err = s.Count(ctx, partnerID, f, limit)
		return page, more, total, capped, err
	}
	snap, err := s.offersNow(ctx)
	if err != nil {
		return nil, false, 0, false, err
	}
	all := snap.matching(partnerID, f.Normalize())
	page, more = pageOf(all, f.Normalize().Page)
	total, capped = cappedCount(len(all), limit)
	return page, more, total, capped, nil
}

// pageOf is page p (1-based) of the matching offers, and whether more follow.
func pageOf(all []Offer, p int) ([]Offer, bool) {
	from := min((p-1)*PageSize, len(all))
	page := all[from:min(from+PageSize, len(all))]
	return page, from+len(page) < len(all)
}

// cappedCount is n counted up to limit, as db.CountCapped counts.
func cappedCount(n, limit int) (int64, bool) {
	if n > limit {
		return int64(limit), true
	}
	return int64(n), false
}

// Count counts the offers of f's tab and filters that partnerID sees, up
// to limit (UX-4): the count and whether more match.
func (s *Store) Count(ctx context.Context, partnerID string, f Filter, limit int) (int64, bool, error) {
	if s.Cache != nil {
		snap, err := s.offersNow(ctx)
		if err != nil {
			return 0, false, err
		}
		n, more := cappedCount(len(snap.matching(partnerID, f.Normalize())), limit)
		return n, more, nil
	}
	n, more, err := db.CountCapped(s.filtered(ctx, partnerID, f.Normalize()), limit)
	if err != nil {
		return 0, false, fmt.Errorf("catalog: count %s: %w", f.Tab, err)
	}
	return n, more, nil
}

// filtered is the offers of f's tab and filters that partnerID sees.
func (s *Store) filtered(ctx context.Context, partnerID string, f Filter) *gorm.DB {
	q := db.Conn(ctx, s.DB).Model(&Offer{}).
		Where("tab = ?", f.Tab).
		Where("(exclusive_partner_id = '' OR exclusive_partner_id = ?)", partnerID)
	if f.Publisher != "" {
		q = q.Where("publisher = ?", f.Publisher)
	}
	if f.Billing != "" {
		q = q.Where("billing_type = ?", f.Billing)
	}
	if f.Category != "" {
		q = q.Where("category = ?", f.Category)
	}
	if f.Frequency != "" {
		// Frequencies hold one of three canonical values, so an IN list
		// serves the filter without a pattern match.
		q = q.Where("frequencies IN ?", []string{f.Frequency, Monthly + "," + Annual})
	}
	if term := strings.ToLower(strings.TrimSpace(f.Q)); term != "" {
		like := "%" + escapeLike(term) + "%"
		q = q.Where("(LOWER(name) LIKE ? ESCAPE '\\' OR LOWER(publisher_name) LIKE ? ESCAPE '\\' OR LOWER(description) LIKE ? ESCAPE '\\')", like, like, like)
	}
	return q
}

func escapeLike(s string) string {
	return strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(s)
}

// Get returns the offer id as partnerID sees it: an offer exclusive to
// another partner is ErrNotFound, as if it did not exist (CAT-3).
func (s *Store) Get(ctx context.Context, partnerID, id string) (Offer, error) {
	if _, err := uuid.Parse(id); err != nil {
		return Offer{}, ErrNotFound
	}
	if s.Cache != nil {
		offers, err := s.Offers(ctx, partnerID, []string{id})
		if err != nil {
			return Offer{}, err
		}
		o, ok := offers[id]
		if !ok {
			return Offer{}, ErrNotFound
		}
		return o, nil
	}
	var o Offer
	err := db.Conn(ctx, s.DB).Where("id = ?", id).Take(&o).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return Offer{}, ErrNotFound
	}
	if err != nil {
		return Offer{}, fmt.Errorf("catalog: get %s: %w", id, err)
	}
	if o.ExclusivePartnerID != "" && o.ExclusivePartnerID != partnerID {
		return Offer{}, ErrNotFound
	}
	return o, nil
}

// Offers returns the offers with the given IDs that partnerID may see,
// keyed by ID, in one query: another partner's exclusive offers are left
// out (CAT-3). Whether each may be bought is Eligibility's answer. It joins
// the caller's transaction when ctx carries one.
func (s *Store) Offers(ctx context.Context, partnerID string, ids []string) (map[string]Offer, error) {
	out := map[string]Offer{}
	ids = slices.DeleteFunc(slices.Clone(ids), func(id string) bool { return id == "" })
	if len(ids) == 0 {
		return out, nil
	}
	if s.Cache != nil {
		snap, err := s.offersNow(ctx)
		if err != nil {
			return nil, err
		}
		return snap.byIDs(partnerID, ids), nil
	}
	var list []Offer
	if err := db.Conn(ctx, s.DB).Where("id IN ? AND exclusive_partner_id IN ('', ?)", ids, partnerID).Find(&list).Error; err != nil {
		return nil, fmt.Errorf("catalog: offers by id: %w", err)
	}
	for _, o := range list {
		out[o.ID] = o
	}
	return out, nil
}

// ActionFor returns the permission a purchase from tab needs (AUTH-5):
// software and reservations need more than online services and trials.
func ActionFor(tab string) perm.Action {
	if tab == TabSoftware || tab == TabReservation {
		return perm.BuySoftware
	}
	return perm.BuyOnlineServices
}
