package catalog_test

import (
	"context"
	"errors"
	"reflect"
	"testing"

	"gorm.io/gorm"

	"portal/internal/catalog"
	"portal/internal/demo"
	"portal/internal/platform/db"
	"portal/internal/testkit"
)

// CAT-2, CAT-3, PERF-2: the offers served from memory are the ones the
// database query gives, page by page, with the same count and the same
// offers by ID, for every tab and filter, for each partner.
func TestOfferCacheListsWhatTheDatabaseLists_CAT2_CAT3_PERF2(t *testing.T) {
	app := testkit.New(t)
	ctx := context.Background()
	plain := &catalog.Store{DB: app.DB}
	cached := &catalog.Store{DB: app.DB, Cache: catalog.NewOfferCache()}
	var filters []catalog.Filter
	for _, tab := range catalog.Tabs() {
		filters = append(filters, catalog.Filter{Tab: tab}, catalog.Filter{Tab: tab, Page: 2})
	}
	filters = append(filters,
		catalog.Filter{Tab: catalog.TabOnline, Publisher: catalog.PublisherPartner},
		catalog.Filter{Tab: catalog.TabOnline, Publisher: catalog.PublisherMicrosoft, Billing: catalog.BillingLicense},
		catalog.Filter{Tab: catalog.TabOnline, Billing: catalog.BillingUsage},
		catalog.Filter{Tab: catalog.TabOnline, Category: catalog.CategorySmallBiz},
		catalog.Filter{Tab: catalog.TabOnline, Frequency: catalog.Annual},
		catalog.Filter{Tab: catalog.TabOnline, Frequency: catalog.Monthly, Page: 2},
		catalog.Filter{Tab: catalog.TabOnline, Q: "teams"},
		catalog.Filter{Tab: catalog.TabOnline, Q: "  MICROSOFT "},
		catalog.Filter{Tab: catalog.TabOnline, Q: "billed per hour"},
		catalog.Filter{Tab: catalog.TabOnline, Q: "%"},
		catalog.Filter{Tab: catalog.TabOnline, Q: "no such offer"},
		catalog.Filter{Tab: catalog.TabSoftware, Q: "windows"},
		catalog.Filter{Tab: "nonsense", Page: 99},
	)
	var ids []string
	if err := app.DB.Model(&catalog.Offer{}).Order("id").Pluck("id", &ids).Error; err != nil {
		t.Fatal(err)
	}
	ids = append(ids, "no-such-offer", "")
	pages := 0
	for _, partner := range []string{demo.ContosoID, demo.FabrikamID} {
		for _, f := range filters {
			want, wantMore, err := plain.List(ctx, partner, f)
			if err != nil {
				t.Fatal(err)
			}
			got, gotMore, err := cached.List(ctx, partner, f)
			if err != nil {
				t.Fatal(err)
			}
			if len(want) > 0 {
				pages++
			}
			if !reflect.DeepEqual(names(got), names(want)) || gotMore != wantMore || (len(want) > 0 && !reflect.DeepEqual(got, want)) {
				t.Errorf("%s %+v: cached %v (more %v), database %v (more %v)", partner, f, names(got), gotMore, names(want), wantMore)
			}
			for _, limit := range []int{db.CountCap, 3} {
				wn, wc, err := plain.Count(ctx, partner, f, limit)
				if err != nil {
					t.Fatal(err)
				}
				gn, gc, err := cached.Count(ctx, partner, f, limit)
				if err != nil {
					t.Fatal(err)
				}
				if gn != wn || gc != wc {
					t.Errorf("%s %+v, cap %d: cached count %d (%v), database %d (%v)", partner, f, limit, gn, gc, wn, wc)
				}
				// One filtering for both, as the catalog page reads them.
				page, more, n, capped, err := cached.ListCounted(ctx, partner, f, limit)
				if err != nil {
					t.Fatal(err)
				}
				if !reflect.DeepEqual(names(page), names(want)) || more != wantMore || n != wn || capped != wc {
					t.Errorf("%s %+v, cap %d: ListCounted %v (more %v) %d (%v)", partner, f, limit, names(page), more, n, capped)
				}
			}
		}
		want, err := plain.Offers(ctx, partner, ids)
		if err != nil {
			t.Fatal(err)
		}
		got, err := cached.Offers(ctx, partner, ids)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got, want) || len(want) < 60 {
			t.Errorf("%s: cached offers by ID %d, database %d", partner, len(got), len(want))
		}
	}
	if pages < 20 {
		t.Fatalf("only %d of the compared pages list offers", pages)
	}
}

// CAT-2, PERF-2: a change to the offers, however it is written, shows on
// the next catalog view; without one, a view reads no offer and not even
// the version (db.Memo): nothing on SQLite, the database's snapshot on
// PostgreSQL, and the version again only when that snapshot moved (other
// tests write to the same server).
func TestOfferCacheSeesEveryChange_CAT2_PERF2(t *testing.T) {
	app := testkit.New(t)
	ctx := context.Background()
	s := &catalog.Store{DB: app.DB, Cache: catalog.NewOfferCache()}
	f := catalog.Filter{Tab: catalog.TabOnline, Q: "conferencing"}
	list := func() []string {
		t.Helper()
		offers, _, err := s.List(ctx, demo.ContosoID, f)
		if err != nil {
			t.Fatal(err)
		}
		return names(offers)
	}
	before := list()
	if len(before) == 0 {
		t.Fatal("no offer matches the search")
	}
	unchanged := func(reads int) bool {
		if testkit.Postgres() {
			return reads == 1 || reads == 2
		}
		return reads == 0
	}
	reads := countReads(t, app.DB)
	if again := list(); !reflect.DeepEqual(again, before) || !unchanged(*reads) {
		t.Fatalf("unchanged catalog: %v in %d reads; want %v and no read of the offers or the version", again, *reads, before)
	}

	// A page's several reads from a pinned store read the version once.
	*reads = 0
	pinned, err := s.Pinned(ctx)
	if err != nil {
		t.Fatal(err)
	}
	id := offerID("teams-audio-conferencing")
	if _, _, err := pinned.List(ctx, demo.ContosoID, f); err != nil {
		t.Fatal(err)
	}
	if _, _, err := pinned.Count(ctx, demo.ContosoID, f, db.CountCap); err != nil {
		t.Fatal(err)
	}
	if _, err := pinned.Offers(ctx, demo.ContosoID, []string{id}); err != nil {
		t.Fatal(err)
	}
	if !unchanged(*reads) {
		t.Fatalf("a pinned list, count and offers by ID: %d reads, want no read of the offers or the version", *reads)
	}

	if err := app.DB.Model(&catalog.Offer{}).Where("id = ?", id).Update("name", "Conferencing Renamed").Error; err != nil {
		t.Fatal(err)
	}
	if got := list(); !contains(got, "Conferencing Renamed") {
		t.Fatalf("after a rename through GORM: %v", got)
	}
	if kept, _, _ := pinned.List(ctx, demo.ContosoID, f); !reflect.DeepEqual(names(kept), before) {
		t.Fatalf("the pinned store's page changed under it: %v", names(kept))
	}

	var o catalog.Offer
	if err := app.DB.Where("id = ?", id).Take(&o).Error; err != nil {
		t.Fatal(err)
	}
	o.ID, o.Name = "00000000-0000-4000-8000-00000000c0de", "A New Conferencing Offer"
	if err := app.DB.Create(&o).Error; err != nil {
		t.Fatal(err)
	}
	if got := list(); !contains(got, "A New Conferencing Offer") {
		t.Fatalf("after an insert: %v", got)
	}

	if err := app.DB.Exec("UPDATE offers SET exclusive_partner_id = ? WHERE id = ?", demo.FabrikamID, o.ID).Error; err != nil {
		t.Fatal(err)
	}
	if got := list(); contains(got, "A New Conferencing Offer") {
		t.Fatalf("an offer made exclusive to another partner through SQL is still listed (CAT-3): %v", got)
	}

	if err := app.DB.Exec("DELETE FROM offers WHERE id = ?", o.ID).Error; err != nil {
		t.Fatal(err)
	}
	offers, err := s.Offers(ctx, demo.FabrikamID, []string{o.ID, id})
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := offers[o.ID]; ok || offers[id].Name != "Conferencing Renamed" {
		t.Fatalf("after a delete, offers by ID: %v", offers)
	}
}

func names(offers []catalog.Offer) []string {
	out := []string{}
	for _, o := range offers {
		out = append(out, o.Name)
	}
	return out
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

// CAT-2, CAT-7, PERF-2: in a transaction (a checkout) the cached offers are
// the ones the transaction sees: served from memory when its version is
// the copy's, read in the transaction when it changed the offers itself,
// and that uncommitted change is never kept for the views after it.
func TestOfferCacheInATransaction_CAT2_CAT7_PERF2(t *testing.T) {
	app := testkit.New(t)
	ctx := context.Background()
	s := &catalog.Store{DB: app.DB, Cache: catalog.NewOfferCache()}
	id := offerID("teams-audio-conferencing")
	before, err := s.Get(ctx, demo.ContosoID, id)
	if err != nil {
		t.Fatal(err)
	}
	reads := countReads(t, app.DB)
	err = db.Tx(ctx, app.DB, func(ctx context.Context, tx *gorm.DB) error {
		*reads = 0
		o, err := s.Get(ctx, demo.ContosoID, id)
		if err != nil || o.Name != before.Name || *reads != 1 {
			t.Errorf("unchanged catalog in a transaction: %q (%v) in %d reads; want %q in 1 (the version)", o.Name, err, *reads, before.Name)
		}
		if err := tx.Model(&catalog.Offer{}).Where("id = ?", id).Update("name", "Renamed In The Transaction").Error; err != nil {
			return err
		}
		for range 2 {
			if o, err := s.Get(ctx, demo.ContosoID, id); err != nil || o.Name != "Renamed In The Transaction" {
				t.Errorf("after its own change the transaction sees %q (%v)", o.Name, err)
			}
		}
		return errors.New("roll back")
	})
	if err == nil {
		t.Fatal("the transaction did not roll back")
	}
	// The next change committed takes the version the rolled-back one had:
	// a copy kept from that transaction would be served as this one's.
	if err := app.DB.Model(&catalog.Offer{}).Where("id = ?", id).Update("name", "Renamed").Error; err != nil {
		t.Fatal(err)
	}
	if o, err := s.Get(ctx, demo.ContosoID, id); err != nil || o.Name != "Renamed" {
		t.Fatalf("after the rollback and a committed change: %q (%v), want %q", o.Name, err, "Renamed")
	}
	err = db.Tx(ctx, app.DB, func(ctx context.Context, tx *gorm.DB) error {
		offers, err := s.Offers(ctx, demo.ContosoID, []string{id})
		if err != nil || offers[id].Name != "Renamed" {
			t.Errorf("a committed change in the next transaction: %v (%v)", offers, err)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
}
