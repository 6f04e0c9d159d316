package schema_test

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"testing"

	"portal/internal/customers"
	"portal/internal/platform/clock"
	"portal/internal/schema"
	"portal/internal/testkit"
)

// CUST-1, PERF-2: a database upgraded from before search_prefixes finds its
// customers: migration 00007 fills the prefix rows of every existing
// customer, exactly those the portal writes for a new one (accents and
// letters counted alike by SQL and Go), migration 10 gives each row its
// customer's word signature as Go computes it, migration 18 adds the rows
// of its pairs of words, and the search reads them.
func TestUpgradeFillsSearchPrefixes_CUST1_PERF2(t *testing.T) {
	g, url := testkit.OpenEmpty(t, clock.NewManual(testkit.Start))
	testkit.LoadDump(t, g, url, beforeMigrations)
	ctx := context.Background()
	if _, err := schema.Up(ctx, g); err != nil {
		t.Fatal(err)
	}
	var cs []customers.Customer
	if err := g.Find(&cs).Error; err != nil {
		t.Fatal(err)
	}
	want := map[string]bool{}
	for _, c := range cs {
		terms := customers.SearchTerms(c.Name, c.Domain)
		ps := customers.Prefixes(terms)
		sig := customers.SignatureOf(ps)
		for _, p := range slices.Concat(ps, customers.PairKeys(terms)) {
			want[fmt.Sprint(c.PartnerID, "|", p, "|", c.NameKey, "|", c.ID, "|", c.Segment, "|", c.Country, "|", sig.A, "|", sig.B)] = true
		}
	}
	var rows []customers.SearchPrefix
	if err := g.Find(&rows).Error; err != nil {
		t.Fatal(err)
	}
	got := map[string]bool{}
	for _, r := range rows {
		got[fmt.Sprint(r.PartnerID, "|", r.Prefix, "|", r.NameKey, "|", r.CustomerID, "|", r.Segment, "|", r.Country, "|", r.SigA, "|", r.SigB)] = true
	}
	if len(cs) == 0 || len(rows) != len(got) || !maps.Equal(got, want) {
		t.Fatalf("%d prefix rows (%d distinct) for %d customers, want %d", len(rows), len(got), len(cs), len(want))
	}
	s := &customers.Store{DB: g}
	for _, c := range cs[:min(5, len(cs))] {
		p, err := s.List(ctx, c.PartnerID, customers.ListQuery{Filter: customers.Filter{Q: c.Name}, Limit: 100})
		if err != nil {
			t.Fatal(err)
		}
		found := false
		for _, m := range p.Customers {
			found = found || m.ID == c.ID
		}
		if !found {
			t.Errorf("searching %q does not find it", c.Name)
		}
	}
}
