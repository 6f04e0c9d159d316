package billing_test

import (
	"context"
	"errors"
	"testing"

	"portal/internal/billing"
)

// OPS-3, BILL-1: a charge or credit dated in a period whose invoice is
// already issued (a node whose clock lags the one that issued it) lands on
// the next open invoice; the issued invoice keeps its lines and total.
func TestLedgerNeverPostsToIssuedInvoice_OPS3_BILL1(t *testing.T) {
	g := openDB(t)
	ctx := context.Background()
	l := billing.Ledger{DB: g}
	nov, err := l.Post(ctx, billing.Entry{PartnerID: "p1", CustomerID: "c1", At: at("2026-11-20T09:00:00Z"), Reason: "purchase", Description: "E3", Amount: 15840})
	if err != nil {
		t.Fatal(err)
	}
	if err := g.Model(&billing.Invoice{}).Where("id = ?", nov.InvoiceID).Update("status", billing.Issued).Error; err != nil {
		t.Fatal(err)
	}
	for _, amount := range []int64{43200, -4000} { // a charge and a credit
		late, err := l.Post(ctx, billing.Entry{PartnerID: "p1", CustomerID: "c1", At: at("2026-11-30T23:59:30Z"), Reason: "purchase", Description: "late", Amount: billingCents(amount)})
		if err != nil {
			t.Fatal(err)
		}
		if late.InvoiceID == nov.InvoiceID {
			t.Fatalf("%d posted to the issued invoice", amount)
		}
		if !late.At.Equal(at("2026-11-30T23:59:30Z")) {
			t.Fatalf("line time %s", late.At)
		}
	}
	s := &billing.Store{DB: g}
	issued, lines, err := s.Get(ctx, "p1", nov.InvoiceID)
	if err != nil {
		t.Fatal(err)
	}
	if issued.Total != 15840 || len(lines) != 1 {
		t.Fatalf("issued invoice changed: total %d, %d lines", issued.Total, len(lines))
	}
	dec, ok, err := s.OpenInvoice(ctx, "p1", "c1", at("2026-12-01T00:00:00Z"))
	if err != nil || !ok {
		t.Fatalf("december: %v %v", ok, err)
	}
	if dec.Status != billing.Open || dec.Total != 39200 {
		t.Fatalf("december %+v", dec)
	}
}

// OPS-3: when every invoice from the line's period far into the future is
// issued, the ledger refuses with ErrNoOpenInvoice instead of writing to one.
func TestLedgerRefusesWhenNoOpenInvoice_OPS3(t *testing.T) {
	g := openDB(t)
	ctx := context.Background()
	l := billing.Ledger{DB: g}
	when := at("2026-11-20T09:00:00Z")
	for i := 0; i < 30; i++ {
		line, err := l.Post(ctx, billing.Entry{PartnerID: "p1", CustomerID: "c1", At: when.AddDate(0, i, 0), Reason: "renewal", Description: "x", Amount: 100})
		if err != nil {
			t.Fatal(err)
		}
		if err := g.Model(&billing.Invoice{}).Where("id = ?", line.InvoiceID).Update("status", billing.Issued).Error; err != nil {
			t.Fatal(err)
		}
	}
	_, err := l.Post(ctx, billing.Entry{PartnerID: "p1", CustomerID: "c1", At: when, Reason: "renewal", Description: "x", Amount: 100})
	if !errors.Is(err, billing.ErrNoOpenInvoice) {
		t.Fatalf("got %v, want ErrNoOpenInvoice", err)
	}
	var total int64
	g.Model(&billing.Invoice{}).Select("SUM(total)").Scan(&total)
	if total != 3000 {
		t.Fatalf("totals changed: %d", total)
	}
}
