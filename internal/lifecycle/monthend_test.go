package lifecycle_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"portal/internal/activity"
	"portal/internal/billing"
	"portal/internal/lifecycle"
	"portal/internal/platform/db"
	"portal/internal/subscriptions"
	"portal/internal/testkit"
)

// LIFE-1, SUB-9, BILL-1: at a month's end every monthly subscription falls
// due at the same midnight and every customer's invoice closes. The engine
// takes them a batch at a time (three here, so the demo partners' month end
// spans many batches): every due subscription renews once, a parent that
// ends takes its add-on with it before the add-on could renew (the add-on's
// ID sorts first, and both are due at the same moment), and every ended
// invoice is issued, its activity entry naming its customer.
func TestMonthEndInBatches_LIFE1_SUB9_BILL1(t *testing.T) {
	app := testkit.New(t)
	var renewing []subscriptions.Subscription
	for range 7 {
		renewing = append(renewing, newSub(t, app, nil))
	}
	parent := newSub(t, app, func(s *subscriptions.Subscription) {
		s.ID, s.CancelAtTermEnd, s.AutoRenew = "ffffffff-0000-4000-8000-000000000001", true, false
	})
	addon := newSub(t, app, func(s *subscriptions.Subscription) {
		s.ID, s.ParentID, s.OfferName = "00000000-0000-4000-8000-000000000001", parent.ID, "Teams Phone"
	})
	monthEnd := parent.TermEnd
	app.Clock.Set(monthEnd)
	now := app.Clock.Now()

	dueBefore, invoicesBefore := dueAndEnded(t, app)
	if dueBefore < 10 || invoicesBefore < 4 {
		t.Fatalf("the month end should span several batches of 3: %d subscriptions due, %d invoices ending", dueBefore, invoicesBefore)
	}

	e := &lifecycle.Engine{DB: app.DB, Clock: app.Clock, Activity: activity.Recorder{DB: app.DB}, Batch: 3}
	rep, err := e.Run(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	dueAfter, openAfter := dueAndEnded(t, app)
	if dueAfter != 0 || openAfter != 0 {
		t.Errorf("left after the pass: %d subscriptions due, %d ended invoices open", dueAfter, openAfter)
	}
	if rep.InvoicesIssued != int(invoicesBefore) || rep.Subscriptions < len(renewing)+1 {
		t.Errorf("report %+v; %d invoices had ended", rep, invoicesBefore)
	}
	for _, s := range renewing {
		got := reload(t, app, s.ID)
		if n := len(lines(t, app, s.ID, subscriptions.ReasonRenewal)); n != 1 || !got.TermStart.Equal(monthEnd) || !got.TermEnd.After(now) {
			t.Errorf("%s: %d renewal lines, term %v to %v", s.ID, n, got.TermStart, got.TermEnd)
		}
	}
	if got := reload(t, app, parent.ID); got.Status != subscriptions.Cancelled {
		t.Errorf("parent with its cancellation scheduled: %s", got.Status)
	}
	if got := reload(t, app, addon.ID); got.Status != subscriptions.Cancelled || len(lines(t, app, addon.ID, subscriptions.ReasonRenewal)) != 0 {
		t.Errorf("add-on of the cancelled parent: %s, renewal lines %d", got.Status, len(lines(t, app, addon.ID, subscriptions.ReasonRenewal)))
	}
	var unnamed int64
	if err := app.DB.Model(&activity.Entry{}).Where("action = ? AND customer_name = ''", lifecycle.ActionInvoiceIssued).Count(&unnamed).Error; err != nil || unnamed != 0 {
		t.Errorf("%d invoices issued without their customer's name", unnamed)
	}
}

// dueAndEnded counts the active subscriptions whose term has ended and the
// open invoices whose period has, at the clock's time.
func dueAndEnded(t *testing.T, app *testkit.App) (due, ended int64) {
	t.Helper()
	now := app.Clock.Now()
	if err := app.DB.Model(&subscriptions.Subscription{}).
		Where("status = ? AND term_end <= ? AND NOT bought_directly", subscriptions.Active, now).Count(&due).Error; err != nil {
		t.Fatal(err)
	}
	if err := app.DB.Model(&billing.Invoice{}).Where("status = ? AND period_end <= ?", billing.Open, now).Count(&ended).Error; err != nil {
		t.Fatal(err)
	}
	return due, ended
}

// LIFE-1: changes due together share a transaction; when one of them
// fails, the others before it still land, as when each had its own, and
// the error names the one that failed, whose change is undone whole.
func TestFailedChangeKeepsTheOthersOfItsGroup_LIFE1(t *testing.T) {
	app := testkit.New(t)
	soon := app.Clock.Now().Add(time.Hour)
	ids := []string{"20000000-0000-4000-8000-000000000001", "20000000-0000-4000-8000-000000000002", "20000000-0000-4000-8000-000000000003"}
	for _, id := range ids {
		newSub(t, app, func(s *subscriptions.Subscription) { s.ID, s.TermEnd = id, soon })
	}
	refused := ids[1]
	trigger := []string{"CREATE TRIGGER refuse_one BEFORE UPDATE ON subscriptions WHEN OLD.id = '" + refused + "' BEGIN SELECT RAISE(ABORT, 'refused'); END"}
	if db.Postgres(app.DB) {
		trigger = []string{
			"CREATE FUNCTION refuse_one() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'refused'; END $$",
			"CREATE TRIGGER refuse_one BEFORE UPDATE ON subscriptions FOR EACH ROW WHEN (OLD.id = '" + refused + "') EXECUTE FUNCTION refuse_one()",
		}
	}
	for _, sql := range trigger {
		if err := app.DB.Exec(sql).Error; err != nil {
			t.Fatal(err)
		}
	}
	app.Clock.Set(soon)
	if due, _ := dueAndEnded(t, app); due != int64(len(ids)) {
		t.Fatalf("%d subscriptions due, want only the test's %d in one group", due, len(ids))
	}

	rep, err := engine(app).Run(context.Background())
	if err == nil || !strings.Contains(err.Error(), refused) {
		t.Fatalf("run: %v, want the refused subscription's error", err)
	}
	if rep.Subscriptions != 1 {
		t.Errorf("report %+v, want the one change before the refused one", rep)
	}
	for i, want := range []int{1, 0, 0} {
		if n := len(lines(t, app, ids[i], subscriptions.ReasonRenewal)); n != want {
			t.Errorf("%s: %d renewal lines, want %d", ids[i], n, want)
		}
	}
	if got := reload(t, app, refused); !got.TermEnd.Equal(soon) {
		t.Errorf("the refused subscription's term moved to %v", got.TermEnd)
	}
}
