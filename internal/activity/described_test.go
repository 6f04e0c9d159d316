package activity_test

import (
	"context"
	"reflect"
	"testing"

	"gorm.io/gorm"

	"portal/internal/activity"
)

// UX-3, LOG-2, PERF-2: a page listed with its descriptions is List's page,
// each entry told as Describe tells it whole. A page never listed before
// is read with its entries' values in one statement; a page listed before
// reads the values of the entries not yet described only, and never
// another partner's.
func TestListDescribedTellsEachEntryAsStored_UX3_LOG2_PERF2(t *testing.T) {
	g := openDB(t)
	ctx := context.Background()
	change := func(i int) activity.Change {
		return activity.Change{Actor: activity.Actor{UserID: alice, Name: "Alice"}, CustomerID: cust1,
			CustomerName: "Contoso", ResourceType: "subscription", ResourceID: "sub-1", Action: "subscription.quantity_changed",
			Details: "Microsoft 365 E3", Before: map[string]any{"quantity": i}, After: map[string]any{"quantity": i + 1}}
	}
	for i := range 6 {
		record(t, g, partnerA, i, change(i))
	}
	record(t, g, partnerB, 7, activity.Change{Action: "subscription.quantity_changed", ResourceType: "subscription",
		Details: "Other partner", Before: map[string]any{"quantity": 1}, After: map[string]any{"quantity": 2}})
	log := activity.Log{DB: g}
	d, err := activity.NewDescriptions(100)
	if err != nil {
		t.Fatal(err)
	}
	statements := 0
	count := func(*gorm.DB) { statements++ }
	if err := g.Callback().Query().After("gorm:query").Register("test:count_query", count); err != nil {
		t.Fatal(err)
	}
	if err := g.Callback().Row().After("gorm:row").Register("test:count_row", count); err != nil {
		t.Fatal(err)
	}
	check := func(limit, wantStatements int) {
		t.Helper()
		whole, err := log.List(ctx, partnerA, activity.Filter{}, activity.Cursor{}, limit)
		if err != nil {
			t.Fatal(err)
		}
		statements = 0
		p, told, err := log.ListDescribed(ctx, partnerA, activity.Filter{}, activity.Cursor{}, limit, d)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(ids(p.Entries), ids(whole.Entries)) || p.Next != whole.Next || p.Prev != whole.Prev {
			t.Fatalf("page %v (next %q), List's %v (next %q)", ids(p.Entries), p.Next, ids(whole.Entries), whole.Next)
		}
		for i, e := range whole.Entries {
			if want := activity.Describe(e); !reflect.DeepEqual(told[i], want) || len(want.Changes) == 0 {
				t.Errorf("entry %d told %+v, want %+v", i, told[i], want)
			}
			if got := p.Entries[i]; got.ActorName != "Alice" || got.CustomerName != "Contoso" || !got.At.Equal(e.At) {
				t.Errorf("entry %d read as %+v", i, got)
			}
		}
		if statements != wantStatements {
			t.Fatalf("limit %d: %d statements, want %d", limit, statements, wantStatements)
		}
	}
	check(2, 1) // never listed: the page with its values
	check(4, 1) // another page, never listed either, whose newest two are described
	check(4, 1) // listed before: the page alone, every entry described
	record(t, g, partnerA, 8, change(8))
	check(4, 2) // listed before, with a new entry: the page, then the new entry's values
	check(4, 1)
}
