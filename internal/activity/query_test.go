package activity_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"gorm.io/gorm"

	"portal/internal/activity"
	"portal/internal/platform/clock"
	"portal/internal/testkit"
)

var t0 = time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC)

const (
	partnerA = "11111111-1111-4111-8111-111111111111"
	partnerB = "22222222-2222-4222-8222-222222222222"
	alice    = "aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa"
	bob      = "bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb"
	cust1    = "c1c1c1c1-c1c1-4c1c-8c1c-c1c1c1c1c1c1"
)

func openDB(t *testing.T) *gorm.DB {
	t.Helper()
	return testkit.OpenDB(t, clock.NewManual(t0))
}

// record writes an entry for partner at t0 + minutes.
func record(t *testing.T, g *gorm.DB, partner string, minutes int, c activity.Change) {
	t.Helper()
	c.PartnerID = partner
	if c.Action == "" {
		c.Action = activity.ActionSignedIn
	}
	if err := (activity.Recorder{DB: g}).Record(context.Background(), t0.Add(time.Duration(minutes)*time.Minute), c); err != nil {
		t.Fatal(err)
	}
}

// all reads every entry of a partner in the log's order, straight from the table.
func all(t *testing.T, g *gorm.DB, partner string) []string {
	var ids []string
	if err := g.Model(&activity.Entry{}).Where("partner_id = ?", partner).Order("at DESC, id DESC").Pluck("id", &ids).Error; err != nil {
		t.Fatal(err)
	}
	return ids
}

func ids(es []activity.Entry) []string {
	var out []string
	for _, e := range es {
		out = append(out, e.ID)
	}
	return out
}

// LOG-2: keyset pages walk the whole log forward and back, with ties on the
// time broken by ID, and nothing of another partner (AUTH-1).
func TestListKeysetPagination_LOG2(t *testing.T) {
	g := openDB(t)
	for i := range 23 {
		// Three entries share each minute: ties on "at".
		record(t, g, partnerA, i/3, activity.Change{Actor: activity.Actor{UserID: alice, Name: "alice"}})
		record(t, g, partnerB, i, activity.Change{})
	}
	want := all(t, g, partnerA)
	log := activity.Log{DB: g}
	ctx := context.Background()

	var got []string
	var pages []activity.Page
	cur := activity.Cursor{}
	for {
		p, err := log.List(ctx, partnerA, activity.Filter{}, cur, 5)
		if err != nil {
			t.Fatal(err)
		}
		if len(pages) == 0 && p.Prev != "" {
			t.Error("first page has a previous page")
		}
		pages = append(pages, p)
		got = append(got, ids(p.Entries)...)
		if p.Next == "" {
			break
		}
		if cur, err = activity.ParseCursor(p.Next); err != nil {
			t.Fatal(err)
		}
	}
	if !slices.Equal(got, want) {
		t.Fatalf("forward walk:\n got %v\nwant %v", got, want)
	}
	if len(pages) != 5 || len(pages[4].Entries) != 3 {
		t.Fatalf("pages %d, last has %d", len(pages), len(pages[len(pages)-1].Entries))
	}
	// Back from the last page, each Previous page equals the page seen going forward.
	p := pages[len(pages)-1]
	for i := len(pages) - 2; i >= 0; i-- {
		if p.Prev == "" {
			t.Fatalf("page %d has no previous page", i+1)
		}
		cur, err := activity.ParseCursor(p.Prev)
		if err != nil {
			t.Fatal(err)
		}
		if p, err = log.List(ctx, partnerA, activity.Filter{}, cur, 5); err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(ids(p.Entries), ids(pages[i].Entries)) {
			t.Fatalf("back to page %d: %v, want %v", i, ids(p.Entries), ids(pages[i].Entries))
		}
		if p.Next == "" {
			t.Fatalf("page %d reached backwards has no next page", i)
		}
	}
	if p.Prev != "" {
		t.Error("first page reached backwards still has a previous page")
	}
}

// LOG-2: each filter and their combination; From inclusive, To exclusive.
func TestListFilters_LOG2(t *testing.T) {
	g := openDB(t)
	record(t, g, partnerA, 0, activity.Change{Actor: activity.Actor{UserID: alice}, Action: activity.ActionSignedIn})
	record(t, g, partnerA, 10, activity.Change{Actor: activity.Actor{UserID: alice}, Action: activity.ActionCustomerCreated, CustomerID: cust1})
	record(t, g, partnerA, 20, activity.Change{Actor: activity.Actor{UserID: bob}, Action: activity.ActionCustomerCreated, CustomerID: cust1})
	record(t, g, partnerA, 30, activity.Change{Actor: activity.Actor{UserID: bob}, Action: activity.ActionSignedIn})
	record(t, g, partnerB, 10, activity.Change{Actor: activity.Actor{UserID: alice}, Action: activity.ActionCustomerCreated, CustomerID: cust1})

	at := func(m int) time.Time { return t0.Add(time.Duration(m) * time.Minute) }
	cases := []struct {
		name string
		f    activity.Filter
		want []time.Time
	}{
		{"none", activity.Filter{}, []time.Time{at(30), at(20), at(10), at(0)}},
		{"action", activity.Filter{Action: activity.ActionCustomerCreated}, []time.Time{at(20), at(10)}},
		{"user", activity.Filter{ActorID: alice}, []time.Time{at(10), at(0)}},
		{"customer", activity.Filter{CustomerID: cust1}, []time.Time{at(20), at(10)}},
		{"customer and user", activity.Filter{CustomerID: cust1, ActorID: bob}, []time.Time{at(20)}},
		{"from is inclusive", activity.Filter{From: at(10)}, []time.Time{at(30), at(20), at(10)}},
		{"to is exclusive", activity.Filter{To: at(20)}, []time.Time{at(10), at(0)}},
		{"range and action", activity.Filter{From: at(5), To: at(31), Action: activity.ActionSignedIn}, []time.Time{at(30)}},
		{"unknown action", activity.Filter{Action: "nothing.here"}, nil},
	}
	for _, c := range cases {
		p, err := activity.Log{DB: g}.List(context.Background(), partnerA, c.f, activity.Cursor{}, 50)
		if err != nil {
			t.Fatal(err)
		}
		var got []time.Time
		for _, e := range p.Entries {
			if e.PartnerID != partnerA {
				t.Errorf("%s: another partner's entry", c.name)
			}
			got = append(got, e.At)
		}
		if !slices.EqualFunc(got, c.want, time.Time.Equal) {
			t.Errorf("%s: got %v want %v", c.name, got, c.want)
		}
	}
}

// LOG-2, PERF-1: every filter the page offers, first page and later pages,
// reads one of the log's indexes in order: no table scan, no sort, on both
// engines (OPS-1).
func TestListIsServedByAnIndex_LOG2_PERF1_UX3(t *testing.T) {
	g := openDB(t)
	record(t, g, partnerA, 0, activity.Change{})
	if err := g.Exec("ANALYZE").Error; err != nil {
		t.Fatal(err)
	}
	from, to := t0.AddDate(0, 0, -30), t0.AddDate(0, 0, 1)
	filters := map[string]activity.Filter{
		"dates":    {From: from, To: to},
		"action":   {From: from, To: to, Action: activity.ActionSignedIn},
		"user":     {From: from, To: to, ActorID: alice},
		"customer": {From: from, To: to, CustomerID: cust1},
		"resource": {From: from, To: to, ResourceID: cust1},
		"history":  {ResourceID: cust1},
	}
	cursors := map[string]activity.Cursor{
		"first": {},
		"next":  {At: t0, ID: alice},
		"prev":  {At: t0, ID: alice, Before: true},
	}
	for fname, f := range filters {
		for cname, cur := range cursors {
			sql := activity.ListSQL(g, partnerA, f, cur, 50)
			if testkit.Postgres() {
				// OPS-1: on PostgreSQL, an index must serve the page in order
				// (an Index Scan of idx_activity_…, no Sort); sequential scans
				// are turned off because a tiny table would otherwise get one.
				text := strings.Join(testkit.ExplainPG(t, g, true, sql), "; ")
				t.Logf("%s/%s: %s", fname, cname, text)
				if !strings.Contains(text, "using idx_activity_") || strings.Contains(text, "Sort") || strings.Contains(text, "Seq Scan") {
					t.Errorf("%s/%s: plan %q", fname, cname, text)
				}
				continue
			}
			var plan []struct{ Detail string }
			if err := g.Raw("EXPLAIN QUERY PLAN " + sql).Scan(&plan).Error; err != nil {
				t.Fatalf("%s/%s: %v\n%s", fname, cname, err, sql)
			}
			var lines []string
			for _, p := range plan {
				lines = append(lines, p.Detail)
			}
			text := strings.Join(lines, "; ")
			t.Logf("%s/%s: %s", fname, cname, text)
			if !strings.Contains(text, "USING INDEX idx_activity_") || strings.Contains(text, "TEMP B-TREE") {
				t.Errorf("%s/%s: plan %q", fname, cname, text)
			}
		}
	}
}

func TestParseCursor_LOG2(t *testing.T) {
	c := activity.Cursor{At: t0.Add(123456789), ID: alice, Before: true}
	got, err := activity.ParseCursor(c.String())
	if err != nil || !got.At.Equal(c.At) || got.ID != c.ID || !got.Before {
		t.Fatalf("round trip: %+v %v", got, err)
	}
	if strings.ContainsAny(c.String(), "+/=?&") {
		t.Errorf("cursor not URL-safe: %q", c.String())
	}
	for _, bad := range []string{"x", "!!!", "YXxiYWR8aWQ", strings.Repeat("A", 300), "enwxfGlk"} {
		if _, err := activity.ParseCursor(bad); err == nil {
			t.Errorf("ParseCursor(%q) accepted", bad)
		}
	}
	if c, err := activity.ParseCursor(""); err != nil || !c.IsZero() {
		t.Errorf("empty cursor: %+v %v", c, err)
	}
}

func TestValidActionName(t *testing.T) {
	for _, ok := range append(activity.KnownActions(), "subscription.suspended", "software.key_accessed") {
		if !activity.ValidActionName(ok) {
			t.Errorf("%q refused", ok)
		}
	}
	for _, bad := range []string{"", "Auth.Signed", "a b", "x;drop", strings.Repeat("a", 61), "é"} {
		if activity.ValidActionName(bad) {
			t.Errorf("%q accepted", bad)
		}
	}
}

func Example_cursor() {
	c := activity.Cursor{At: time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC), ID: "x"}
	fmt.Println(c.String() != "", c.IsZero())
	// Output: true false
}

// UX-4: the count of a filter is exact up to its cap, then says "more",
// and counts nothing of another partner.
func TestCountCapped_UX4(t *testing.T) {
	g := openDB(t)
	var rows []activity.Entry
	for i := range 30 {
		rows = append(rows, activity.Entry{ID: fmt.Sprintf("e%03d", i), PartnerID: partnerA, At: t0.Add(time.Duration(i) * time.Minute),
			ActorName: "x", Action: activity.ActionSignedIn, ResourceID: map[bool]string{true: cust1, false: ""}[i%3 == 0]})
	}
	if err := g.Create(&rows).Error; err != nil {
		t.Fatal(err)
	}
	record(t, g, partnerB, 1, activity.Change{ResourceID: cust1})
	l := activity.Log{DB: g}
	for _, c := range []struct {
		f     activity.Filter
		limit int
		want  int64
		more  bool
	}{
		{activity.Filter{}, 100, 30, false},
		{activity.Filter{}, 30, 30, false},
		{activity.Filter{}, 29, 29, true},
		{activity.Filter{ResourceID: cust1}, 100, 10, false},
		{activity.Filter{ResourceID: cust1, From: t0.Add(10 * time.Minute)}, 5, 5, true},
	} {
		n, more, err := l.Count(context.Background(), partnerA, c.f, c.limit)
		if err != nil || n != c.want || more != c.more {
			t.Errorf("%+v limit %d: %d %v %v, want %d %v", c.f, c.limit, n, more, err, c.want, c.more)
		}
	}
}

// LOG-2: entries recorded in the same instant (one request's changes) list
// newest written first, on both engines, not in the order of random IDs.
func TestEntriesOfOneInstantKeepTheirOrder_LOG2(t *testing.T) {
	g := openDB(t)
	actions := []string{"subscription.created", "order.placed", "cart.emptied", "user.enabled", "user.disabled"}
	for _, a := range actions {
		record(t, g, partnerA, 0, activity.Change{Action: a})
	}
	p, err := (activity.Log{DB: g}).List(context.Background(), partnerA, activity.Filter{}, activity.Cursor{}, 10)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range p.Entries {
		got = append(got, e.Action)
	}
	want := slices.Clone(actions)
	slices.Reverse(want)
	if !slices.Equal(got, want) {
		t.Fatalf("log order %v, want %v", got, want)
	}
}
