package activity_test

import (
	"context"
	"reflect"
	"testing"

	"gorm.io/gorm"

	"portal/internal/activity"
)

// UX-3, LOG-2, PERF-2: a page listed with its descriptions is List's page,
// each entry told as Describe tells it whole; the entries' values are read
// once, for the entries not yet described, and never for another partner's.
func TestListDescribedTellsEachEntryAsStored_UX3_LOG2_PERF2(t *testing.T) {
	g := openDB(t)
	ctx := context.Background()
	for i := range 6 {
		record(t, g, partnerA, i, activity.Change{Actor: activity.Actor{UserID: alice, Name: "Alice"}, CustomerID: cust1,
			CustomerName: "Contoso", ResourceType: "subscription", ResourceID: "sub-1", Action: "subscription.quantity_changed",
			Details: "Microsoft 365 E3", Before: map[string]any{"quantity": i}, After: map[string]any{"quantity": i + 1}})
	}
	record(t, g, partnerB, 7, activity.Change{Action: "subscription.quantity_changed", ResourceType: "subscription",
		Details: "Other partner", Before: map[string]any{"quantity": 1}, After: map[string]any{"quantity": 2}})
	log := activity.Log{DB: g}
	d, err := activity.NewDescriptions(100)
	if err != nil {
		t.Fatal(err)
	}
	whole, err := log.List(ctx, partnerA, activity.Filter{}, activity.Cursor{}, 4)
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
	check := func(wantStatements int) {
		t.Helper()
		statements = 0
		p, told, err := log.ListDescribed(ctx, partnerA, activity.Filter{}, activity.Cursor{}, 4, d)
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
			t.Fatalf("%d statements, want %d", statements, wantStatements)
		}
	}
	// The newest two described first: the page of four mixes entries
	// described already with entries told now.
	if _, _, err := log.ListDescribed(ctx, partnerA, activity.Filter{}, activity.Cursor{}, 2, d); err != nil {
		t.Fatal(err)
	}
	check(2) // the page, then the values of its two entries not described
	check(1) // the page alone: every entry is described already
}
