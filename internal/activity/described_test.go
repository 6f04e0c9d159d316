package activity_test

import (
	"context"
	"reflect"
	"testing"

	"portal/internal/activity"
	"portal/internal/testkit"
)

// UX-3, LOG-2, PERF-2: a page listed with its descriptions is List's page,
// each entry told as Describe tells it whole. A page never listed before
// is read with its entries' values in one statement; a page listed before
// reads the values of the entries not yet described only, and never
// another partner's, and keeps them described.
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
	rec := testkit.RecordQueries(t, g)
	check := func(limit, wantStatements int) {
		t.Helper()
		whole, err := log.List(ctx, partnerA, activity.Filter{}, activity.Cursor{}, limit)
		if err != nil {
			t.Fatal(err)
		}
		rec.Take()
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
		if n := len(rec.Take()); n != wantStatements {
			t.Fatalf("limit %d: %d statements, want %d", limit, n, wantStatements)
		}
	}
	check(2, 1) // never listed: the page with its values
	check(4, 1) // another page, never listed either
	check(4, 2) // listed before: the page, then its entries' values, kept this time
	check(4, 1) // the page alone, every entry described
	record(t, g, partnerA, 8, change(8))
	check(4, 2) // listed before, with a new entry: the page, then the new entry's values
	check(4, 1)
}

// PERF-2, UX-3: the descriptions kept are those of pages read again.
// Someone reading the log back in time, page after page, each read once,
// does not push out the descriptions of the page read again and again.
func TestPagesReadOnceKeepNoDescriptions_PERF2_UX3(t *testing.T) {
	g := openDB(t)
	ctx := context.Background()
	for i := range 48 {
		record(t, g, partnerA, i, activity.Change{Actor: activity.Actor{UserID: alice, Name: "Alice"}, CustomerID: cust1,
			CustomerName: "Contoso", ResourceType: "subscription", ResourceID: "sub-1", Action: "subscription.quantity_changed",
			Details: "Microsoft 365 E3", Before: map[string]any{"quantity": i}, After: map[string]any{"quantity": i + 1}})
	}
	log := activity.Log{DB: g}
	d, err := activity.NewDescriptions(8) // two pages of four
	if err != nil {
		t.Fatal(err)
	}
	rec := testkit.RecordQueries(t, g)
	list := func(cur activity.Cursor) activity.Page {
		t.Helper()
		p, told, err := log.ListDescribed(ctx, partnerA, activity.Filter{}, cur, 4, d)
		if err != nil || len(told) != 4 || len(told[0].Changes) == 0 {
			t.Fatalf("page at %v: %d told, %v", cur, len(told), err)
		}
		return p
	}
	first := activity.Cursor{}
	list(first)
	list(first) // read again: its descriptions kept
	rec.Take()
	list(first)
	if n := len(rec.Take()); n != 1 {
		t.Fatalf("the first page read a third time: %d statements, want 1 (every entry described)", n)
	}
	// Ten pages back in time, each read once: forty entries, five times
	// what the descriptions hold.
	p := list(first)
	for range 10 {
		cur, err := activity.ParseCursor(p.Next)
		if err != nil {
			t.Fatal(err)
		}
		p = list(cur)
	}
	rec.Take()
	list(first)
	if n := len(rec.Take()); n != 1 {
		t.Errorf("the first page after ten pages read once: %d statements, want 1 (its descriptions still kept)", n)
	}
}
