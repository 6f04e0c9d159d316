package activity_test

import (
	"context"
	"fmt"
	"io"
	"testing"
	"time"

	"gorm.io/gorm"

	"portal/internal/activity"
	"portal/internal/platform/clock"
	"portal/internal/platform/db"
	"portal/internal/testkit"
)

// benchEntries is the size of the benchmarks' log: one partner's 50,000
// entries among 100,000, over 50 days, 8 actions, 50 users, 2,000 customers.
const benchEntries = 100_000

func benchDB(b *testing.B) *gorm.DB {
	b.Helper()
	g := testkit.OpenDB(b, clock.NewManual(t0))
	batch := make([]activity.Entry, 0, 1000)
	for i := range benchEntries {
		partner := partnerA
		if i%2 == 1 {
			partner = partnerB
		}
		batch = append(batch, activity.Entry{
			ID: fmt.Sprintf("%08x-0000-4000-8000-%012x", i, i), PartnerID: partner,
			At:      t0.Add(-time.Duration(i) * 43 * time.Second),
			ActorID: fmt.Sprintf("user-%02d", i%50), ActorName: "user", Action: fmt.Sprintf("area.verb_%d", i%8),
			CustomerID: fmt.Sprintf("customer-%04d", i%2000), CustomerName: "Customer",
		})
		if len(batch) == cap(batch) {
			if err := g.Create(&batch).Error; err != nil {
				b.Fatal(err)
			}
			batch = batch[:0]
		}
	}
	if err := g.Exec("ANALYZE").Error; err != nil {
		b.Fatal(err)
	}
	return g
}

// PERF-2: one page of the activity log, first and deep, with each filter.
func BenchmarkActivityList_PERF2(b *testing.B) {
	g := benchDB(b)
	log := activity.Log{DB: g}
	ctx := context.Background()
	from, to := t0.AddDate(0, 0, -30), t0.AddDate(0, 0, 1)
	deep := activity.Cursor{At: t0.AddDate(0, 0, -20), ID: "~"}
	cases := []struct {
		name string
		f    activity.Filter
		cur  activity.Cursor
	}{
		{"last30days", activity.Filter{From: from, To: to}, activity.Cursor{}},
		{"last30days_deep", activity.Filter{From: from, To: to}, deep},
		{"action", activity.Filter{From: from, To: to, Action: "area.verb_2"}, activity.Cursor{}},
		{"action_deep", activity.Filter{From: from, To: to, Action: "area.verb_2"}, deep},
		{"user", activity.Filter{From: from, To: to, ActorID: "user-08"}, activity.Cursor{}},
		{"customer", activity.Filter{From: from, To: to, CustomerID: "customer-0042"}, activity.Cursor{}},
		{"customer_and_action", activity.Filter{From: from, To: to, CustomerID: "customer-0042", Action: "area.verb_2"}, activity.Cursor{}},
	}
	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) {
			for b.Loop() {
				if _, err := log.List(ctx, partnerA, c.f, c.cur, 50); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
	b.Run("export_last30days", func(b *testing.B) {
		for b.Loop() {
			if err := log.Export(ctx, io.Discard, partnerA, activity.Filter{From: from, To: to}, activity.CSVColumns(), func(a string) string { return a }, func(e activity.Entry) string { return e.Action }); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// PERF-7: recording one entry in a transaction of its own, as every change
// does inside its own (the writer's turn on SQLite).
func BenchmarkRecord_PERF7(b *testing.B) {
	g := testkit.OpenDB(b, clock.NewManual(t0))
	rec := activity.Recorder{DB: g}
	ctx := context.Background()
	change := activity.Change{PartnerID: partnerA, Actor: activity.Actor{UserID: "user-01", Name: "User"},
		CustomerID: "customer-0001", CustomerName: "Customer", ResourceType: "order", ResourceID: "order-1",
		Action: "order.placed", Details: "Microsoft 365", After: map[string]any{"total": 4200}}
	b.ReportAllocs()
	for b.Loop() {
		err := db.Tx(ctx, g, func(ctx context.Context, _ *gorm.DB) error { return rec.Record(ctx, t0, change) })
		if err != nil {
			b.Fatal(err)
		}
	}
}

// PERF-2: one page of the log with its descriptions, as the activity page
// reads it: a page read again and again (described once, then read without
// its values), and pages read one after another back in time, each never
// listed before (read with their values, in one statement).
func BenchmarkActivityListDescribed_PERF2(b *testing.B) {
	g := benchDB(b)
	log := activity.Log{DB: g}
	ctx := context.Background()
	f := activity.Filter{From: t0.AddDate(0, 0, -60), To: t0.AddDate(0, 0, 1)}
	// 400 pages in turn, kept apart by a cache of 1,000 descriptions
	// (100 pages remembered): each view finds its page never listed.
	var cursors []activity.Cursor
	cur := activity.Cursor{}
	for len(cursors) < 400 {
		p, err := log.List(ctx, partnerA, f, cur, 50)
		if err != nil {
			b.Fatal(err)
		}
		if p.Next == "" {
			break
		}
		if cur, err = activity.ParseCursor(p.Next); err != nil {
			b.Fatal(err)
		}
		cursors = append(cursors, cur)
	}
	if len(cursors) < 400 {
		b.Fatalf("%d pages, want 400", len(cursors))
	}
	run := func(b *testing.B, page func(i int) activity.Cursor) {
		d, err := activity.NewDescriptions(1000)
		if err != nil {
			b.Fatal(err)
		}
		for i := 0; b.Loop(); i++ {
			if _, _, err := log.ListDescribed(ctx, partnerA, f, page(i), 50, d); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.Run("same_page", func(b *testing.B) { run(b, func(int) activity.Cursor { return cursors[40] }) })
	b.Run("pages_in_turn", func(b *testing.B) { run(b, func(i int) activity.Cursor { return cursors[i%len(cursors)] }) })
}

// PERF-2: telling a page of 50 entries as the log records them, with their
// values (an order's line, a quantity changed, a user created, a sign-in),
// as a page of the log never told before does.
func BenchmarkDescribePage_PERF2(b *testing.B) {
	kinds := []activity.Entry{
		{Action: "order.item_provisioned", ResourceType: "subscription", Details: "Microsoft 365 E3",
			After: `{"amount":2323,"frequency":"monthly","offer":"Microsoft 365 E3","order_id":"01a237c6-8b5c-7bbd-94bf-37e5334b254f","quantity":3}`},
		{Action: "order.placed", ResourceType: "order", Details: "Microsoft 365 E3",
			After: `{"lines":1,"order_id":"01a237c6-8b5c-7bbd-94bf-37e5334b254f","total":2323}`},
		{Action: "subscription.quantity_changed", ResourceType: "subscription", Details: "Microsoft 365 E3: 3 → 5",
			Before: `{"offer":"Microsoft 365 E3","quantity":3,"status":"active","term_end":"2027-01-31T00:00:00Z"}`,
			After:  `{"offer":"Microsoft 365 E3","quantity":5,"status":"active","term_end":"2027-01-31T00:00:00Z"}`},
		{Action: "user.created", ResourceType: "user", Details: "ana@contoso.example",
			After: `{"email":"ana@contoso.example","name":"Ana Díaz","roles":"sales_agent,support_agent"}`},
		{Action: "auth.signed_in", ResourceType: "user"},
	}
	page := make([]activity.Entry, 50)
	for i := range page {
		page[i] = kinds[i%len(kinds)]
	}
	b.ReportAllocs()
	for b.Loop() {
		for _, e := range page {
			_ = activity.Describe(e)
		}
	}
}
