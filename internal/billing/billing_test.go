package billing_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"gorm.io/gorm"

	"portal/internal/billing"
	"portal/internal/platform/clock"
	"portal/internal/platform/db"
	"portal/internal/platform/money"
	"portal/internal/testkit"
)

func at(s string) time.Time {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		panic(err)
	}
	return t
}

// BILL-1: the billing period is the calendar month (UTC) containing a time.
func TestPeriodOf_BILL1(t *testing.T) {
	cases := []struct{ at, start, end string }{
		{"2026-11-20T09:00:00Z", "2026-11-01T00:00:00Z", "2026-12-01T00:00:00Z"},
		{"2026-11-01T00:00:00Z", "2026-11-01T00:00:00Z", "2026-12-01T00:00:00Z"},
		{"2026-11-30T23:59:59Z", "2026-11-01T00:00:00Z", "2026-12-01T00:00:00Z"},
		{"2026-12-31T23:59:59Z", "2026-12-01T00:00:00Z", "2027-01-01T00:00:00Z"},
		{"2028-02-29T12:00:00Z", "2028-02-01T00:00:00Z", "2028-03-01T00:00:00Z"},
		// 23:30 in New York on Nov 30 is Dec 1 in UTC.
		{"2026-11-30T23:30:00-05:00", "2026-12-01T00:00:00Z", "2027-01-01T00:00:00Z"},
	}
	for _, c := range cases {
		start, end := billing.PeriodOf(at(c.at))
		if !start.Equal(at(c.start)) || !end.Equal(at(c.end)) || start.Location() != time.UTC {
			t.Errorf("%s: %s – %s, want %s – %s", c.at, start, end, c.start, c.end)
		}
	}
}

func openDB(t *testing.T) *gorm.DB {
	t.Helper()
	return testkit.OpenDB(t, clock.NewManual(at("2026-11-20T09:00:00Z")))
}

// BILL-1: charges and credits land on the open invoice of their period,
// created when missing, and keep its total.
func TestLedgerPost_BILL1(t *testing.T) {
	g := openDB(t)
	ctx := context.Background()
	l := billing.Ledger{DB: g}
	post := func(when string, amount int64) billing.Line {
		line, err := l.Post(ctx, billing.Entry{PartnerID: "p1", CustomerID: "c1", At: at(when), Reason: "purchase", Description: "E3", Quantity: 1, Amount: billingCents(amount)})
		if err != nil {
			t.Fatal(err)
		}
		return line
	}
	a := post("2026-11-20T09:00:00Z", 15840)
	b := post("2026-11-30T23:59:59Z", -4000)
	c := post("2026-12-01T00:00:00Z", 43200)
	if a.InvoiceID != b.InvoiceID || a.InvoiceID == c.InvoiceID {
		t.Fatalf("invoices: %s %s %s", a.InvoiceID, b.InvoiceID, c.InvoiceID)
	}
	if a.Kind != billing.Charge || b.Kind != billing.Credit {
		t.Fatalf("kinds %s %s", a.Kind, b.Kind)
	}
	s := &billing.Store{DB: g}
	nov, lines, err := s.Get(ctx, "p1", a.InvoiceID)
	if err != nil {
		t.Fatal(err)
	}
	if nov.Total != 11840 || len(lines) != 2 || nov.Status != billing.Open || !nov.PeriodStart.Equal(at("2026-11-01T00:00:00Z")) {
		t.Fatalf("november %+v, %d lines", nov, len(lines))
	}
	// AUTH-1: another partner does not see it.
	if _, _, err := s.Get(ctx, "p2", a.InvoiceID); !errors.Is(err, billing.ErrNotFound) {
		t.Fatalf("other partner: %v", err)
	}
}

// BILL-1: a post inside a transaction that rolls back leaves nothing.
func TestLedgerPostJoinsTheTransaction_BILL1(t *testing.T) {
	g := openDB(t)
	boom := errors.New("boom")
	err := db.Tx(context.Background(), g, func(ctx context.Context, tx *gorm.DB) error {
		if _, err := (billing.Ledger{DB: g}).Post(ctx, billing.Entry{PartnerID: "p1", CustomerID: "c1", At: at("2026-11-20T09:00:00Z"), Reason: "purchase", Description: "x", Amount: 100}); err != nil {
			return err
		}
		return boom
	})
	if !errors.Is(err, boom) {
		t.Fatal(err)
	}
	var n int64
	g.Model(&billing.Invoice{}).Count(&n)
	if n != 0 {
		t.Fatalf("%d invoices after rollback", n)
	}
}

// BILL-2: amounts in CSV files are plain decimals.
func TestCSVAmount_BILL2(t *testing.T) {
	cases := map[int64]string{0: "0.00", 5: "0.05", 15840: "158.40", -4000: "-40.00", -5: "-0.05", 123456789: "1234567.89"}
	for c, want := range cases {
		if got := billing.CSVAmount(billingCents(c)); got != want {
			t.Errorf("%d: %q, want %q", c, got, want)
		}
	}
}

func billingCents(n int64) money.Cents { return money.Cents(n) }
