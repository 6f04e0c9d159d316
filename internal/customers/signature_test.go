package customers_test

import (
	"context"
	"math/rand/v2"
	"slices"
	"testing"

	"portal/internal/benchdata"
	"portal/internal/customers"
)

// CUST-1, PERF-2: a customer's word signature is stable (FNV-1a, the same
// in every process and release: rows keep it), it holds the bits of every
// word that finds the customer, so the filter never drops a match, and
// prefixes of one letter set no bit.
func TestSignatures_CUST1_PERF2(t *testing.T) {
	got := customers.SignatureOf([]string{"s", "se", "services"})
	if want := (customers.Signature{A: 1<<37 | 1<<53}); got != want {
		t.Fatalf("signature of s, se, services = %+v, want %+v", got, want)
	}
	r := rand.New(rand.NewPCG(7, 7))
	for i := range 2000 {
		name, domain := benchdata.CompanyName(r, i)
		terms := customers.SearchTerms(name, domain)
		sig := customers.SignatureOf(customers.Prefixes(terms))
		for _, term := range terms {
			// Every query word that finds the customer is a prefix of a term.
			for _, w := range customers.Prefixes([]string{term}) {
				m := customers.SignatureOf(customers.Prefixes([]string{w}))
				if sig.A&m.A != m.A || sig.B&m.B != m.B {
					t.Fatalf("%q: the signature lacks the bits of %q", name, w)
				}
			}
		}
	}
}

// CUST-1, PERF-2: the store writes each new customer's signature in its
// prefix rows, and the search filters on it with bits in either half,
// the sign bits included (signed 64-bit integers on both engines): words
// whose bit is 63 or 127 still find their customers, and only them.
func TestStoreWritesSignatures_CUST1_PERF2(t *testing.T) {
	s, app := newStore(t)
	ctx := context.Background()
	// Two-letter words whose own bit is the sign bit of a half.
	var signWords []string
	for a := 'a'; a <= 'z' && len(signWords) < 2; a++ {
		for b := 'a'; b <= 'z'; b++ {
			w := string([]rune{a, b})
			sig := customers.SignatureOf([]string{w})
			if sig.A < 0 && !slices.ContainsFunc(signWords, func(x string) bool { return customers.SignatureOf([]string{x}).A < 0 }) ||
				sig.B < 0 && !slices.ContainsFunc(signWords, func(x string) bool { return customers.SignatureOf([]string{x}).B < 0 }) {
				signWords = append(signWords, w)
			}
		}
	}
	if len(signWords) != 2 {
		t.Fatalf("sign-bit words %q", signWords)
	}
	q := signWords[0] + " " + signWords[1]
	both := mustCreate(t, s, partnerA, "Both "+q, "both.example", "US", customers.Commercial)
	mustCreate(t, s, partnerA, "One "+signWords[0], "one.example", "US", customers.Commercial)
	mustCreate(t, s, partnerA, "Other "+signWords[1], "other.example", "US", customers.Commercial)
	var rows []customers.SearchPrefix
	if err := app.DB.Where("customer_id = ?", both.ID).Find(&rows).Error; err != nil {
		t.Fatal(err)
	}
	want := customers.SignatureOf(customers.Prefixes(customers.SearchTerms(both.Name, both.Domain)))
	if want.A >= 0 || want.B >= 0 {
		t.Fatalf("signature %+v: both halves should be negative", want)
	}
	for _, r := range rows {
		if (customers.Signature{A: r.SigA, B: r.SigB}) != want {
			t.Fatalf("row %q has signature %d %d, want %+v", r.Prefix, r.SigA, r.SigB, want)
		}
	}
	if len(rows) == 0 {
		t.Fatal("no prefix rows")
	}
	// "both" drives (the longest word): the two others are filtered by
	// their bits, one in each half.
	q = "both " + q
	defer customers.SetProbeBound(0)()
	p, err := s.List(ctx, partnerA, customers.ListQuery{Filter: customers.Filter{Q: q}, Limit: 25})
	if err != nil {
		t.Fatal(err)
	}
	if got := names(p.Customers); !slices.Equal(got, []string{both.Name}) {
		t.Errorf("search %q finds %q, want only %q", q, got, both.Name)
	}
	if n, _, err := s.Count(ctx, partnerA, customers.Filter{Q: q}, 1000); err != nil || n != 1 {
		t.Errorf("count %q = %d, %v; want 1", q, n, err)
	}
}
