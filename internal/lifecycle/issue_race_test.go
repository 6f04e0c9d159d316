package lifecycle_test

import (
	"context"
	"encoding/json"
	"sync"
	"testing"
	"time"

	"portal/internal/activity"
	"portal/internal/billing"
	"portal/internal/lifecycle"
	"portal/internal/testkit"
)

// OPS-3, BILL-1: charges posted while the engine issues their period's
// invoice (a node whose clock lags the engine's) never land on it once
// issued: the issued invoice's total is the one recorded when it was
// issued, it equals its lines, and every charge is on some invoice.
func TestChargesRacingTheIssueNeverChangeAnIssuedInvoice_OPS3_BILL1(t *testing.T) {
	app := testkit.NewWith(t, testkit.Options{NoDemo: true})
	ctx := context.Background()
	ledger := billing.Ledger{DB: app.DB}
	late := time.Date(2026, 11, 30, 23, 59, 30, 0, time.UTC)
	post := func() error {
		_, err := ledger.Post(ctx, billing.Entry{PartnerID: "p1", CustomerID: "c1", At: late, Reason: "purchase", Description: "late", Amount: 100})
		return err
	}
	if err := post(); err != nil { // November's invoice exists, open
		t.Fatal(err)
	}
	app.Clock.Set(time.Date(2026, 12, 1, 0, 0, 1, 0, time.UTC))
	e := &lifecycle.Engine{DB: app.DB, Clock: app.Clock, Activity: activity.Recorder{DB: app.DB}}
	const posts = 60
	var wg sync.WaitGroup
	errs := make(chan error, posts+1)
	for i := range posts {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if i == posts/3 {
				_, err := e.Run(ctx)
				errs <- err
			}
			errs <- post()
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	var nov billing.Invoice
	if err := app.DB.Where("period_start = ?", time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)).Take(&nov).Error; err != nil {
		t.Fatal(err)
	}
	if nov.Status != billing.Issued {
		t.Fatalf("november %s", nov.Status)
	}
	var issued activity.Entry
	if err := app.DB.Where("action = ? AND resource_id = ?", lifecycle.ActionInvoiceIssued, nov.ID).Take(&issued).Error; err != nil {
		t.Fatal(err)
	}
	var after struct {
		Total int64 `json:"total_cents"`
	}
	if err := json.Unmarshal([]byte(issued.After), &after); err != nil {
		t.Fatal(err)
	}
	var novLines, allLines, allTotals int64
	app.DB.Model(&billing.Line{}).Where("invoice_id = ?", nov.ID).Select("COALESCE(SUM(amount), 0)").Scan(&novLines)
	app.DB.Model(&billing.Line{}).Select("COALESCE(SUM(amount), 0)").Scan(&allLines)
	app.DB.Model(&billing.Invoice{}).Select("COALESCE(SUM(total), 0)").Scan(&allTotals)
	if int64(nov.Total) != after.Total || novLines != after.Total {
		t.Fatalf("issued with %d, now total %d and lines %d", after.Total, nov.Total, novLines)
	}
	if allLines != (posts+1)*100 || allTotals != allLines {
		t.Fatalf("lines %d, totals %d, want %d", allLines, allTotals, (posts+1)*100)
	}
}
