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
