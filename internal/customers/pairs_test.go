package customers_test

import (
	"context"
	"slices"
	"testing"

	"portal/internal/customers"
)

// CUST-1, PERF-2: a customer's pair keys join every two distinct
// beginnings (three letters) of its terms, once, in one order; terms
// shorter than that, and a whole name's beginning holding a space, make
// none.
func TestPairKeys_CUST1_PERF2(t *testing.T) {
	k := customers.PairKey
	cases := []struct {
		name, domain string
		want         []string
	}{
		{"Adatum Corporation", "adatum.com", []string{k("ada", "com"), k("ada", "cor"), k("com", "cor")}},
		// "ab", "co" and "io" are too short; the whole name's beginning
		// ("ab ") holds a space; "abco" and "abco.io" share theirs.
		{"Ab Co", "abco.io", nil},
		// A domain's beginning counts with its dot, as a query word has it.
		{"Services Solutions", "ss.com", []string{k("com", "ser"), k("com", "sol"), k("com", "ss."), k("ser", "sol"), k("ser", "ss."), k("sol", "ss.")}},
		{"Université de Lyon", "univ-lyon.fr", []string{k("lyo", "uni")}},
	}
	for _, c := range cases {
		got := customers.PairKeys(customers.SearchTerms(c.name, c.domain))
		slices.Sort(got)
		want := slices.Clone(c.want)
		slices.Sort(want)
		if !slices.Equal(got, want) {
			t.Errorf("%s, %s: pair keys %q, want %q", c.name, c.domain, got, want)
		}
	}
	if k("sol", "ser") != k("ser", "sol") {
		t.Error("a pair's key depends on its words' order")
	}
}

// CUST-1, PERF-2: a search of common words that rarely share a customer
// is driven by their pair, whose run is short, and finds exactly the
// customers that have both words, in the list's order, with its count;
// words too short for a pair, or with one beginning, are walked by word.
func TestCommonWordsSearchedByPair_CUST1_PERF2(t *testing.T) {
	s, app := newStore(t)
	ctx := context.Background()
	for _, n := range []struct{ name, domain string }{
		{"Zeta Services", "zeta.example"}, {"Alpha Services Solutions", "alpha.example"},
		{"Beta Solutions", "beta.example"}, {"Gamma Solutions Services", "gamma.example"},
		{"Delta Servers Solar", "delta.example"}, {"Eta Services", "eta.example"},
	} {
		mustCreate(t, s, partnerA, n.name, n.domain, "US", customers.Commercial)
	}
	mustCreate(t, s, partnerB, "Another Services Solutions", "other.example", "US", customers.Commercial)
	defer customers.SetProbeBound(0)() // every word is common
	for _, c := range []struct {
		q, pair string
		want    []string
	}{
		{"services solutions", customers.PairKey("ser", "sol"), []string{"Alpha Services Solutions", "Gamma Solutions Services"}},
		{"SOL serv", customers.PairKey("ser", "sol"), []string{"Alpha Services Solutions", "Delta Servers Solar", "Gamma Solutions Services"}},
		{"servi serve", "", nil},
		{"se solutions", "", []string{"Alpha Services Solutions", "Gamma Solutions Services"}},
		{"zeta solutions", customers.PairKey("sol", "zet"), nil},
	} {
		pair, err := customers.PairOf(app.DB, partnerA, c.q)
		if err != nil {
			t.Fatal(err)
		}
		if pair != c.pair {
			t.Errorf("%q: driven by pair %q, want %q", c.q, pair, c.pair)
		}
		p, n, _, err := s.ListCounted(ctx, partnerA, customers.ListQuery{Filter: customers.Filter{Q: c.q}, Limit: 25}, 1000)
		if err != nil {
			t.Fatal(err)
		}
		if got := names(p.Customers); !slices.Equal(got, c.want) || n != int64(len(c.want)) {
			t.Errorf("%q: finds %q (count %d), want %q", c.q, got, n, c.want)
		}
	}
}
