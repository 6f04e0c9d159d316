package dashboard_test

import (
	"context"
	"testing"
	"time"

	"portal/internal/customers"
	"portal/internal/dashboard"
	"portal/internal/demo"
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
