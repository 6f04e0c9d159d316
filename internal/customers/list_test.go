package customers_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"

	"portal/internal/activity"
	"portal/internal/customers"
	"portal/internal/testkit"
)

const partnerA, partnerB = "00000000-0000-4000-8000-00000000000a", "00000000-0000-4000-8000-00000000000b"

var actor = activity.Actor{UserID: "u1", Name: "tester@example.com"}

func newStore(t *testing.T) (*customers.Store, *testkit.App) {
	app := testkit.NewWith(t, testkit.Options{NoDemo: true})
	return &customers.Store{DB: app.DB, Clock: app.Clock, Activity: activity.Recorder{DB: app.DB}}, app
}

func mustCreate(t *testing.T, s *customers.Store, partner, name, domain, country, segment string) customers.Customer {
	t.Helper()
	c, err := s.Create(context.Background(), partner, actor, customers.NewCustomer{
		Name: name, Domain: domain, Country: country, Segment: segment,
		ContactName: "Kim", ContactEmail: "kim@" + domain, ContactPhone: "+1 425 555 0100",
	})
	if err != nil {
		t.Fatalf("create %s: %v", domain, err)
	}
	return c
}

func names(cs []customers.Customer) []string {
	var out []string
	for _, c := range cs {
		out = append(out, c.Name)
	}
	return out
}

func seedSearch(t *testing.T) *customers.Store {
	s, _ := newStore(t)
	mustCreate(t, s, partnerA, "Adatum Corporation", "adatum.com", "US", customers.Commercial)
	mustCreate(t, s, partnerA, "Alpine Ski House", "alpineskihouse.com", "US", customers.Commercial)
	mustCreate(t, s, partnerA, "Margie's Travel", "margiestravel.com", "FR", customers.Commercial)
	mustCreate(t, s, partnerA, "Bellows College", "bellowscollege.edu", "US", customers.Education)
	mustCreate(t, s, partnerA, "Université de Lyon Sud", "univ-lyonsud.fr", "FR", customers.Education)
	mustCreate(t, s, partnerA, "100% Pure_Juice", "purejuice.com", "DE", customers.Nonprofit)
	mustCreate(t, s, partnerB, "Adatum Other Partner", "adatum-b.com", "US", customers.Commercial)
	return s
}

// CUST-1: search by name or domain: word prefixes, every word must match,
// case-insensitive, scoped to the partner; SQL metacharacters are plain text.
func TestSearch_CUST1(t *testing.T) {
	s := seedSearch(t)
	cases := []struct {
		q    string
		want []string
	}{
		{"ada", []string{"Adatum Corporation"}},
		{"ADA", []string{"Adatum Corporation"}},
		{"adatum.com", []string{"Adatum Corporation"}},
		{"alpine house", []string{"Alpine Ski House"}},
		{"house alpine", []string{"Alpine Ski House"}},
		{"alpine adatum", nil},
		{"margie's", []string{"Margie's Travel"}},
		{"travel margie", []string{"Margie's Travel"}},
		{"université", []string{"Université de Lyon Sud"}},
		{"UNIVERSITE", []string{"Université de Lyon Sud"}}, // accents and case folded
		{"lyonsud", []string{"Université de Lyon Sud"}},
		{"college", []string{"Bellows College"}},
		{"orp", nil}, // prefixes only: not a substring search
		{"%", nil},
		{"_", nil},
		{"'", nil},
		{"a%", []string{"Adatum Corporation", "Alpine Ski House"}}, // % is no wildcard: "a" as a prefix
		{"100%", []string{"100% Pure_Juice"}},
		{"pure_juice", []string{"100% Pure_Juice"}},
		{`"; DROP TABLE customers; --`, nil},
		{"' OR '1'='1", nil},
		{"other", nil}, // another partner's customer
	}
	for _, c := range cases {
		p, err := s.List(context.Background(), partnerA, customers.ListQuery{Filter: customers.Filter{Q: c.q}})
		if err != nil {
			t.Fatalf("q %q: %v", c.q, err)
		}
		if got := names(p.Customers); !slices.Equal(got, c.want) {
			t.Errorf("q %q: got %q, want %q", c.q, got, c.want)
		}
	}
	// The table survived the injection attempts.
	p, err := s.List(context.Background(), partnerA, customers.ListQuery{})
	if err != nil || len(p.Customers) != 6 {
		t.Fatalf("after injection attempts: %d customers, err %v", len(p.Customers), err)
	}
}

// CUST-1: segment and country filters, alone and with a search; the count
// matches and is capped.
func TestFilters_CUST1(t *testing.T) {
	s := seedSearch(t)
	ctx := context.Background()
	cases := []struct {
		f    customers.Filter
		want []string
	}{
		{customers.Filter{Segment: customers.Education}, []string{"Bellows College", "Université de Lyon Sud"}},
		{customers.Filter{Country: "FR"}, []string{"Margie's Travel", "Université de Lyon Sud"}},
		{customers.Filter{Country: "FR", Segment: customers.Education}, []string{"Université de Lyon Sud"}},
		{customers.Filter{Country: "US", Q: "a"}, []string{"Adatum Corporation", "Alpine Ski House"}},
		{customers.Filter{Country: "JP"}, nil},
	}
	for _, c := range cases {
		p, err := s.List(ctx, partnerA, customers.ListQuery{Filter: c.f})
		if err != nil {
			t.Fatal(err)
		}
		if got := names(p.Customers); !slices.Equal(got, c.want) {
			t.Errorf("%+v: got %q, want %q", c.f, got, c.want)
		}
		n, capped, err := s.Count(ctx, partnerA, c.f, 100)
		if err != nil || int(n) != len(c.want) || capped {
			t.Errorf("%+v: count %d capped %v err %v", c.f, n, capped, err)
		}
	}
	n, capped, err := s.Count(ctx, partnerA, customers.Filter{}, 4)
	if err != nil || n != 4 || !capped {
		t.Errorf("capped count: %d %v %v", n, capped, err)
	}
}

// CUST-1, PERF-2: keyset pages, forwards and backwards, in both sort
// directions, with equal names, have no duplicates and no gaps.
func TestKeysetPagination_CUST1(t *testing.T) {
	s, _ := newStore(t)
	ctx := context.Background()
	for i := range 53 {
		// Every name appears twice or three times, so ties are broken by ID.
		mustCreate(t, s, partnerA, fmt.Sprintf("Company %02d", i/3), fmt.Sprintf("c%02d.example.com", i), "US", customers.Commercial)
	}
	for _, desc := range []bool{false, true} {
		all, err := s.List(ctx, partnerA, customers.ListQuery{Desc: desc, Limit: 1000})
		if err != nil || len(all.Customers) != 53 {
			t.Fatalf("all: %d %v", len(all.Customers), err)
		}
		// The list page's brief read gives the same rows, with the columns
		// a row shows and nothing else.
		short, err := s.List(ctx, partnerA, customers.ListQuery{Desc: desc, Limit: 1000, Brief: true})
		if err != nil || !slices.EqualFunc(short.Customers, all.Customers, func(a, b customers.Customer) bool { return a == brief(b) }) {
			t.Fatalf("desc=%v: the brief list differs from the list's columns of every row (%v)", desc, err)
		}
		var seen []string
		var pages [][]customers.Customer
		q := customers.ListQuery{Desc: desc, Limit: 10}
		for {
			p, err := s.List(ctx, partnerA, q)
			if err != nil {
				t.Fatal(err)
			}
			pages = append(pages, p.Customers)
			for _, c := range p.Customers {
				seen = append(seen, c.ID)
			}
			if !p.HasMore {
				break
			}
			last := customers.CursorOf(p.Customers[len(p.Customers)-1])
			q.After = &last
		}
		var want []string
		for _, c := range all.Customers {
			want = append(want, c.ID)
		}
		if !slices.Equal(seen, want) {
			t.Fatalf("desc=%v: paging forwards gives %d rows, not the %d of the list in order", desc, len(seen), len(want))
		}
		if len(pages) != 6 {
			t.Errorf("desc=%v: %d pages, want 6", desc, len(pages))
		}
		// Going back from page 3 gives page 2 exactly.
		first := customers.CursorOf(pages[2][0])
		back, err := s.List(ctx, partnerA, customers.ListQuery{Desc: desc, Limit: 10, Before: &first})
		if err != nil || !slices.EqualFunc(back.Customers, pages[1], func(a, b customers.Customer) bool { return a.ID == b.ID }) || !back.HasMore {
			t.Errorf("desc=%v: previous page differs (hasMore %v, err %v)", desc, back.HasMore, err)
		}
		// The offset of ?page=3 agrees with the keyset.
		off, err := s.List(ctx, partnerA, customers.ListQuery{Desc: desc, Limit: 10, Offset: 20})
		if err != nil || off.Customers[0].ID != pages[2][0].ID {
			t.Errorf("desc=%v: offset page differs", desc)
		}
	}
	// A cursor survives its URL form; junk does not parse.
	c := customers.Cursor{NameKey: "company 07", ID: "0b8e3c51-6f0a-4d0e-9a41-3e7c9d3f1a22"}
	if got, ok := customers.ParseCursor(c.Encode()); !ok || got != c {
		t.Errorf("cursor round trip: %+v %v", got, ok)
	}
	for _, junk := range []string{"", "abc", "!!!", strings.Repeat("A", 2000)} {
		if _, ok := customers.ParseCursor(junk); ok {
			t.Errorf("cursor %q parsed", junk)
		}
	}
}

// CUST-1: the export holds every matching customer, with the filters
// applied, across batches.
func TestExport_CUST1(t *testing.T) {
	s, _ := newStore(t)
	ctx := context.Background()
	for i := range 1203 {
		seg := customers.Commercial
		if i%4 == 0 {
			seg = customers.Education
		}
		mustCreate(t, s, partnerA, fmt.Sprintf("Firm %04d", i), fmt.Sprintf("f%04d.example.com", i), "US", seg)
	}
	var got []string
	err := s.Export(ctx, partnerA, customers.Filter{Segment: customers.Education}, false, func(c customers.Customer) error {
		got = append(got, c.Name)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 301 || got[0] != "Firm 0000" || got[300] != "Firm 1200" || !slices.IsSorted(got) {
		t.Fatalf("export: %d rows, first %q", len(got), got[0])
	}
	if len(slices.Compact(slices.Clone(got))) != len(got) {
		t.Fatal("export repeats rows")
	}
}

// CUST-1: query words: split at spaces, punctuation around words trimmed,
// symbols alone dropped.
func TestQueryWords_CUST1(t *testing.T) {
	cases := map[string][]string{
		"  Ada  LOVELACE ": {"ada", "lovelace"},
		"ada ada":          {"ada"},
		"%":                nil,
		"'x'":              {"x"},
		"adatum.com":       {"adatum.com"},
		"(margie's)":       {"margie's"},
		// A control character that joins a pair key splits words, so no
		// word is ever a pair key (pairs.go).
		"ser\x1fsol": {"ser", "sol"},
	}
	for q, want := range cases {
		if got := customers.QueryWords(q); !slices.Equal(got, want) {
			t.Errorf("QueryWords(%q) = %q, want %q", q, got, want)
		}
	}
}
