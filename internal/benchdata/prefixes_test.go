package benchdata_test

import (
	"fmt"
	"maps"
	"slices"
	"testing"

	"portal/internal/benchdata"
	"portal/internal/customers"
	"portal/internal/demo"
	"portal/internal/testkit"
)

// PERF-5, CUST-1, PERF-2: the generated customers' search prefixes are the
// rows the portal writes for a customer it creates (the demo customers'
// included), with the word signature Go computes for the customer,
// so the generated data set is found by the search as created customers
// are.
func TestGeneratedSearchPrefixes_PERF5_CUST1_PERF2(t *testing.T) {
	app := testkit.New(t)
	generateSmall(t, app, benchdata.Options{Customers: 200, Subscriptions: 400, Activity: 100, Seed: 3})
	var cs []customers.Customer
	if err := app.DB.Where("partner_id = ?", demo.ContosoID).Find(&cs).Error; err != nil {
		t.Fatal(err)
	}
	if len(cs) < 200 {
		t.Fatalf("%d customers", len(cs))
	}
	want := map[string]bool{}
	for _, c := range cs {
		terms := customers.SearchTerms(c.Name, c.Domain)
		ps := customers.Prefixes(terms)
		sig := customers.SignatureOf(ps)
		for _, p := range slices.Concat(ps, customers.PairKeys(terms)) {
			want[fmt.Sprint(p, "|", c.NameKey, "|", c.ID, "|", c.Segment, "|", c.Country, "|", sig.A, "|", sig.B)] = true
		}
	}
	var rows []customers.SearchPrefix
	if err := app.DB.Where("partner_id = ?", demo.ContosoID).Find(&rows).Error; err != nil {
		t.Fatal(err)
	}
	got := map[string]bool{}
	for _, r := range rows {
		got[fmt.Sprint(r.Prefix, "|", r.NameKey, "|", r.CustomerID, "|", r.Segment, "|", r.Country, "|", r.SigA, "|", r.SigB)] = true
	}
	if len(rows) != len(got) || !maps.Equal(got, want) {
		missing := slices.DeleteFunc(slices.Collect(maps.Keys(want)), func(k string) bool { return got[k] })
		t.Fatalf("%d prefix rows (%d distinct), want %d; %d missing, e.g. %q", len(rows), len(got), len(want), len(missing), missing[:min(3, len(missing))])
	}
}
