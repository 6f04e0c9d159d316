package customers_test

import (
	"cmp"
	"context"
	"slices"
	"strings"
	"testing"

	"portal/internal/customers"
)

// CUST-1, PERF-2: whichever plan a search takes (a rare word driving, a
// name-order walk, an intersection of common words), pages and counts are
// the ones of a plain reading of every customer: same rows, same order, no
// gap or repeat across keyset pages in both directions, with filters.
func TestSearchPlansAgree_CUST1_PERF2(t *testing.T) {
	g := benchDB(t, planCustomers)
	s := &customers.Store{DB: g}
	var all []customers.Customer
	if err := g.Where("partner_id = ?", partnerA).Find(&all).Error; err != nil {
		t.Fatal(err)
	}
	slices.SortFunc(all, func(a, b customers.Customer) int {
		return cmp.Or(strings.Compare(a.NameKey, b.NameKey), strings.Compare(a.ID, b.ID))
	})
	filters := []customers.Filter{
		{Q: rareWord}, {Q: commonWord}, {Q: "s"}, {Q: commonWord + " " + commonWord2},
		{Q: commonWord2 + " " + commonWord}, {Q: commonWord + " inc"}, {Q: "north " + commonWord},
		{Q: rareWord + " " + commonWord2}, {Q: commonWord + " zzz"}, {Q: "university of"},
		{Q: commonWord, Segment: customers.Nonprofit}, {Q: commonWord + " " + commonWord2, Country: "US"},
		{Q: "group", Country: "JP", Segment: customers.Government},
		// Words longer than the stored prefixes, accents, domains, filters
		// that keep few of a common word's customers.
		{Q: "technologies"}, {Q: "technologi"}, {Q: "technologies " + commonWord}, {Q: "Université"},
		{Q: "universite de"}, {Q: "com"}, {Q: "co.uk"}, {Q: "consulting group"},
		{Q: commonWord, Segment: customers.Education, Country: "JP"}, {Q: "s", Segment: customers.Commercial, Country: "US"},
		{Q: "inc " + commonWord, Country: "BR"},
		// Common words that rarely share a customer: most rows of the
		// driver fail the signature filter, and the few that pass are
		// checked by key.
		{Q: "group " + commonWord2}, {Q: "systems partners"}, {Q: "consult servic", Segment: customers.Education},
		{Q: "technologies solutions ltd"},
		// Pairs of words' beginnings (pairs.go): three letters, a word and
		// its own beginning (one beginning, no pair), three words, filters.
		{Q: "ser sol"}, {Q: commonWord + " " + commonWord[:4]}, {Q: "solu " + commonWord + " gro"},
		{Q: commonWord2 + " " + commonWord, Segment: customers.Education, Country: "US"},
	}
	// Every word read as a common one, then also without pairs: through a
	// word's prefix rows, whatever its frequency and length.
	for _, pass := range []struct{ probe, pairs int64 }{{1000, 1000}, {0, 1000}, {0, -1}} {
		restoreProbe, restorePairs := customers.SetProbeBound(pass.probe), customers.SetPairBound(pass.pairs)
		checkSearchAgrees(t, s, all, filters)
		restoreProbe()
		restorePairs()
	}
}

// checkSearchAgrees checks the count and pages of each filter against a
// plain reading of every customer.
func checkSearchAgrees(t *testing.T, s *customers.Store, all []customers.Customer, filters []customers.Filter) {
	t.Helper()
	ctx := context.Background()
	for _, f := range filters {
		var want []string
		for _, c := range all {
			if matches(c, f) {
				want = append(want, c.ID)
			}
		}
		n, capped, err := s.Count(ctx, partnerA, f, 1000)
		if err != nil {
			t.Fatal(err)
		}
		if wn := min(len(want), 1000); int(n) != wn || capped != (len(want) > 1000) {
			t.Errorf("%+v: count %d (capped %v), want %d of %d", f, n, capped, wn, len(want))
		}
		for _, desc := range []bool{false, true} {
			exp := slices.Clone(want)
			if desc {
				slices.Reverse(exp)
			}
			// Forwards by keyset, a few pages, then back by one page.
			q := customers.ListQuery{Filter: f, Desc: desc, Limit: 25}
			var got []string
			var firsts []customers.Cursor
			for range 4 {
				p, err := s.List(ctx, partnerA, q)
				if err != nil {
					t.Fatal(err)
				}
				checkCounted(t, s, q, p, len(want))
				if len(p.Customers) > 0 {
					firsts = append(firsts, customers.CursorOf(p.Customers[0]))
				}
				for _, c := range p.Customers {
					got = append(got, c.ID)
				}
				if !p.HasMore {
					break
				}
				last := customers.CursorOf(p.Customers[len(p.Customers)-1])
				q.After = &last
			}
			if !slices.Equal(got, exp[:len(got)]) || (len(got) < 100 && len(got) != len(exp)) {
				t.Errorf("%+v desc=%v: pages give %d rows that differ from the %d expected", f, desc, len(got), len(exp))
				continue
			}
			if len(firsts) > 1 {
				p, err := s.List(ctx, partnerA, customers.ListQuery{Filter: f, Desc: desc, Limit: 25, Before: &firsts[1]})
				if err != nil {
					t.Fatal(err)
				}
				checkCounted(t, s, customers.ListQuery{Filter: f, Desc: desc, Limit: 25, Before: &firsts[1]}, p, len(want))
				var back []string
				for _, c := range p.Customers {
					back = append(back, c.ID)
				}
				if !slices.Equal(back, exp[:25]) {
					t.Errorf("%+v desc=%v: the previous page differs", f, desc)
				}
			}
			p, err := s.List(ctx, partnerA, customers.ListQuery{Filter: f, Desc: desc, Limit: 25, Offset: 50})
			if err != nil {
				t.Fatal(err)
			}
			var off []string
			for _, c := range p.Customers {
				off = append(off, c.ID)
			}
			if wantOff := exp[min(50, len(exp)):min(75, len(exp))]; !slices.Equal(off, wantOff) {
				t.Errorf("%+v desc=%v: the offset page differs", f, desc)
			}
		}
	}
}

// checkCounted checks that ListCounted gives the page List gave for q and
// the count of the matches, under a cap the matches pass and one they do
// not (where the keys read for the count may not reach the page).
func checkCounted(t *testing.T, s *customers.Store, q customers.ListQuery, want customers.ListPage, matches int) {
	t.Helper()
	for _, limit := range []int{1000, 30} {
		p, n, capped, err := s.ListCounted(context.Background(), partnerA, q, limit)
		if err != nil {
			t.Fatal(err)
		}
		if wn := min(matches, limit); int(n) != wn || capped != (matches > limit) {
			t.Errorf("%+v cap %d: count %d (capped %v), want %d of %d", q.Filter, limit, n, capped, wn, matches)
		}
		if !slices.EqualFunc(p.Customers, want.Customers, func(a, b customers.Customer) bool { return a.ID == b.ID }) || p.HasMore != want.HasMore {
			t.Errorf("%+v desc=%v cap %d: ListCounted's page differs from List's", q.Filter, q.Desc, limit)
		}
	}
	// The list page's brief read: the same rows, each with the columns a
	// row shows and nothing else.
	bq := q
	bq.Brief = true
	p, _, _, err := s.ListCounted(context.Background(), partnerA, bq, 1000)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.EqualFunc(p.Customers, want.Customers, func(a, b customers.Customer) bool { return a == brief(b) }) || p.HasMore != want.HasMore {
		t.Errorf("%+v desc=%v: the brief page differs from List's rows' list columns", q.Filter, q.Desc)
	}
}

// brief is what a brief list reads of c (ListColumns).
func brief(c customers.Customer) customers.Customer {
	return customers.Customer{ID: c.ID, PartnerID: c.PartnerID, Name: c.Name, NameKey: c.NameKey, Domain: c.Domain,
		Country: c.Country, Segment: c.Segment, Relationship: c.Relationship}
}

// matches is the search's meaning, read plainly: every query word is the
// prefix of one of the customer's terms, and the filters hold.
func matches(c customers.Customer, f customers.Filter) bool {
	if (f.Segment != "" && c.Segment != f.Segment) || (f.Country != "" && c.Country != f.Country) {
		return false
	}
	terms := customers.SearchTerms(c.Name, c.Domain)
	for _, w := range customers.QueryWords(f.Q) {
		if !slices.ContainsFunc(terms, func(t string) bool { return strings.HasPrefix(t, w) }) {
			return false
		}
	}
	return true
}
