package subscriptions_test

import (
	"context"
	"testing"

	"portal/internal/platform/keyset"
	"portal/internal/subscriptions"
	"portal/internal/testkit"
)

// PERF-6: the subscriptions tab's brief read gives the pages of the full
// read, forwards and back, with the columns of ListColumns and nothing
// else, add-ons' parents named the same.
func TestForCustomerBriefReadsTheListColumns_PERF6(t *testing.T) {
	app := testkit.New(t)
	ctx := context.Background()
	var owner struct{ PartnerID, CustomerID string }
	if err := app.DB.Raw("SELECT partner_id, customer_id FROM subscriptions WHERE parent_id <> '' GROUP BY partner_id, customer_id ORDER BY COUNT(*) DESC LIMIT 1").Scan(&owner).Error; err != nil || owner.CustomerID == "" {
		t.Fatalf("a customer with add-ons: %v", err)
	}
	s := &subscriptions.Store{DB: app.DB}
	brief := func(x subscriptions.Subscription) subscriptions.Subscription {
		return subscriptions.Subscription{ID: x.ID, PartnerID: x.PartnerID, CustomerID: x.CustomerID, OfferName: x.OfferName,
			ParentID: x.ParentID, Quantity: x.Quantity, Frequency: x.Frequency, Status: x.Status, TermEnd: x.TermEnd,
			AutoRenew: x.AutoRenew, TrialEnd: x.TrialEnd, CancelAtTermEnd: x.CancelAtTermEnd, BoughtDirectly: x.BoughtDirectly}
	}
	var at keyset.Cursor
	pages := 0
	for _, before := range []bool{false, true} {
		for {
			full, err := s.ForCustomer(ctx, owner.PartnerID, owner.CustomerID, at, before, 2)
			if err != nil {
				t.Fatal(err)
			}
			short, err := s.ForCustomerBrief(ctx, owner.PartnerID, owner.CustomerID, at, before, 2)
			if err != nil {
				t.Fatal(err)
			}
			if len(full.Subscriptions) != len(short.Subscriptions) || full.HasMore != short.HasMore || len(full.ParentNames) != len(short.ParentNames) {
				t.Fatalf("page %d: %d rows (more %v) against %d (more %v)", pages, len(short.Subscriptions), short.HasMore, len(full.Subscriptions), full.HasMore)
			}
			for i, x := range full.Subscriptions {
				got, want := short.Subscriptions[i], brief(x)
				if got.ID != want.ID || !got.TermEnd.Equal(want.TermEnd) || (got.TrialEnd == nil) != (want.TrialEnd == nil) ||
					(got.TrialEnd != nil && !got.TrialEnd.Equal(*want.TrialEnd)) {
					t.Fatalf("page %d row %d: %+v, want %+v", pages, i, got, want)
				}
				got.TermEnd, got.TrialEnd, want.TrialEnd = want.TermEnd, nil, nil
				if got != want {
					t.Fatalf("page %d row %d: %+v, want %+v", pages, i, got, want)
				}
			}
			for id, name := range full.ParentNames {
				if short.ParentNames[id] != name {
					t.Fatalf("parent %s named %q, want %q", id, short.ParentNames[id], name)
				}
			}
			pages++
			if !full.HasMore || len(full.Subscriptions) == 0 {
				break
			}
			if before {
				at = subscriptions.CursorOf(full.Subscriptions[0])
			} else {
				at = subscriptions.CursorOf(full.Subscriptions[len(full.Subscriptions)-1])
			}
		}
	}
	if pages < 3 {
		t.Fatalf("%d pages read; the customer has too few subscriptions to page", pages)
	}
}
