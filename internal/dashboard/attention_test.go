package dashboard_test

import (
	"context"
	"testing"
	"time"

	"portal/internal/customers"
	"portal/internal/dashboard"
	"portal/internal/demo"
	"portal/internal/platform/keyset"
	"portal/internal/subscriptions"
	"portal/internal/testkit"
)

// DASH-1: each item of the attention lists names its subscription's offer,
// licenses and customer, and the date of its kind: when a suspended
// subscription's data is deleted, when the cancellation window closes, when
// the trial ends, the last day of a scheduled cancellation. They are read
// as the home page reads them (Soon: on PostgreSQL, with generic plans).
func TestAttentionItemsCarryTheirSubscriptions_DASH1(t *testing.T) {
	app := testkit.New(t)
	soon, err := dashboard.Store{DB: app.DB}.Soon(context.Background(), demo.ContosoID, app.Clock.Now())
	if err != nil {
		t.Fatal(err)
	}
	lists := soon.Lists
	for _, kind := range []string{dashboard.KindDeletion, dashboard.KindWindow, dashboard.KindTrial, dashboard.KindScheduled} {
		if len(lists[kind]) == 0 {
			t.Errorf("%s: no item", kind)
		}
		for _, it := range lists[kind] {
			var s subscriptions.Subscription
			if err := app.DB.Take(&s, "id = ?", it.SubscriptionID).Error; err != nil {
				t.Fatal(err)
			}
			var c customers.Customer
			if err := app.DB.Take(&c, "id = ?", s.CustomerID).Error; err != nil {
				t.Fatal(err)
			}
			var when time.Time
			switch kind {
			case dashboard.KindDeletion:
				when = *s.RetentionEnd
			case dashboard.KindWindow:
				when = subscriptions.CancellationWindow(s)
			case dashboard.KindTrial:
				when = *s.TrialEnd
			case dashboard.KindScheduled:
				when = subscriptions.ScheduledEnd(s)
			}
			if it.Kind != kind || !it.When.Equal(when) || it.OfferName != s.OfferName || it.Quantity != s.Quantity ||
				it.CustomerID != s.CustomerID || it.CustomerName != c.Name {
				t.Errorf("%s: item %+v; subscription %s of %s, %d licenses, customer %s, date %s",
					kind, it, s.OfferName, c.Name, s.Quantity, s.CustomerID, when)
			}
		}
	}
}

// DASH-1: the scheduled cancellations are the open subscriptions whose
// cancellation is scheduled; those already carried out keep their flag and
// must neither show nor be read first (partial index of migration 00013),
// however many a month's end leaves before the first open one.
func TestScheduledCancellationsSkipThoseCarriedOut_DASH1(t *testing.T) {
	app := testkit.New(t)
	ctx, now := context.Background(), app.Clock.Now()
	store := dashboard.Store{DB: app.DB}
	before, err := store.Soon(ctx, demo.ContosoID, now)
	if err != nil {
		t.Fatal(err)
	}
	open := before.Lists[dashboard.KindScheduled]
	if len(open) == 0 {
		t.Fatal("no scheduled cancellation in the demo data")
	}
	var first subscriptions.Subscription
	if err := app.DB.Take(&first, "id = ?", open[0].SubscriptionID).Error; err != nil {
		t.Fatal(err)
	}
	// More cancellations carried out than a list shows, ending before it.
	for i := range dashboard.PerList + 5 {
		done := first
		done.ID = keyset.NewID()
		done.Status = subscriptions.Cancelled
		done.TermEnd = first.TermEnd.AddDate(0, 0, -1-i)
		if err := app.DB.Create(&done).Error; err != nil {
			t.Fatal(err)
		}
	}
	after, err := store.Soon(ctx, demo.ContosoID, now)
	if err != nil {
		t.Fatal(err)
	}
	got := after.Lists[dashboard.KindScheduled]
	if len(got) != len(open) {
		t.Fatalf("%d scheduled cancellations listed, want the %d open ones", len(got), len(open))
	}
	for i := range got {
		if got[i].SubscriptionID != open[i].SubscriptionID {
			t.Errorf("item %d: %s, want %s", i, got[i].SubscriptionID, open[i].SubscriptionID)
		}
	}
}
