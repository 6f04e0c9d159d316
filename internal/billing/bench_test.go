package billing_test

import (
	"context"
	"testing"

	"portal/internal/billing"
	"portal/internal/platform/clock"
	"portal/internal/testkit"
)

// BenchmarkPost is a charge posted to a customer's open invoice, as every
// purchase and renewal does in its transaction (BILL-1, PERF-7).
func BenchmarkPost(b *testing.B) {
	g := testkit.OpenDB(b, clock.NewManual(at("2026-11-20T09:00:00Z")))
	l := billing.Ledger{DB: g}
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := l.Post(ctx, billing.Entry{PartnerID: "p1", CustomerID: "c1", At: at("2026-11-20T09:00:00Z"),
			Reason: "purchase", Description: "Microsoft 365 E3", Quantity: 1, Amount: 3600}); err != nil {
			b.Fatal(err)
		}
	}
}
