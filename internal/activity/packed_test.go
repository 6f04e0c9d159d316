package activity_test

import (
	"context"
	"reflect"
	"strings"
	"testing"
	"time"

	"portal/internal/activity"
	"portal/internal/testkit"
)

// PERF-2, LOG-2: a page of the log reads each entry as stored, every column
// and its time to the nanosecond, whatever its text holds: on SQLite in
// one statement that joins each row's columns, and when a row's text holds
// the character that joins them, again column by column, with the same
// entries.
func TestPageReadsEachEntryAsStored_PERF2_LOG2(t *testing.T) {
	g := openDB(t)
	ctx := context.Background()
	changes := []activity.Change{
		{Actor: activity.Actor{UserID: alice, Name: "Zoë Ångström"}, CustomerID: cust1, CustomerName: "Café « Crème » || Co",
			ResourceType: "subscription", ResourceID: "sub-1", Action: "subscription.quantity_changed", Details: "line one\nline two",
			Before: map[string]any{"quantity": 3, "note": "a\x1fb"}, After: map[string]any{"quantity": 4}},
		{Actor: activity.Actor{UserID: bob, Name: "Bob"}, Action: "user.signed_in"},
		{Actor: activity.Actor{UserID: alice, Name: "Alice", Via: activity.ViaAPI("ci token")}, CustomerID: cust1,
			CustomerName: "Contoso", ResourceType: "order", ResourceID: "order-1", Action: "order.placed", Details: ""},
	}
	for i, c := range changes {
		record(t, g, partnerA, i, c)
	}
	// A time with no fraction of a second, as the data generator writes them.
	if err := g.Exec("UPDATE activity_entries SET at = ? WHERE action = ?", t0.Add(-time.Hour), "user.signed_in").Error; err != nil {
		t.Fatal(err)
	}
	var stored []activity.Entry // read by GORM, column by column
	readStored := func() {
		t.Helper()
		stored = nil
		if err := g.Where("partner_id = ?", partnerA).Order("at DESC, id DESC").Find(&stored).Error; err != nil {
			t.Fatal(err)
		}
	}
	readStored()
	rec := testkit.RecordQueries(t, g)
	read := func(wantStatements int) {
		t.Helper()
		rec.Take()
		p, err := activity.Log{DB: g}.List(ctx, partnerA, activity.Filter{}, activity.Cursor{}, 50)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(p.Entries, stored) {
			t.Errorf("page read as\n%+v\nstored as\n%+v", p.Entries, stored)
		}
		for i := range p.Entries {
			if got, want := p.Entries[i].At, stored[i].At; !got.Equal(want) || got.Location() != want.Location() {
				t.Errorf("entry %d at %v, stored at %v", i, got, want)
			}
		}
		if testkit.Postgres() {
			return
		}
		stmts := rec.Take()
		if len(stmts) != wantStatements || !strings.Contains(stmts[0].SQL, "char(31)") {
			t.Errorf("%d statements, want %d, the first joining each row's columns: %v", len(stmts), wantStatements, stmts)
		}
	}
	read(1)
	// A name that holds the joining character (no form lets one through,
	// but the log reads what it holds).
	record(t, g, partnerA, 10, activity.Change{Actor: activity.Actor{UserID: bob, Name: "Bob\x1fSmith"}, Action: "user.signed_in"})
	readStored()
	if stored[0].ActorName != "Bob\x1fSmith" {
		t.Fatalf("newest entry stored as %+v", stored[0])
	}
	read(2)
}
