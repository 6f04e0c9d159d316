package cart_test

import (
	"context"
	"testing"
	"time"

	"portal/internal/activity"
	"portal/internal/cart"
	"portal/internal/catalog"
	"portal/internal/demo"
	"portal/internal/testkit"
)

// CAT-5: adding an offer already in the cart changes its line's count and
// frequency; the line keeps its ID and time of adding, and Add returns it
// as stored, the one the activity entry names.
func TestAddingAgainChangesTheLine_CAT5(t *testing.T) {
	app := testkit.New(t)
	ctx := context.Background()
	s := &cart.Store{DB: app.DB, Clock: app.Clock, Activity: activity.Recorder{DB: app.DB}}
	o, err := (&catalog.Store{DB: app.DB}).Get(ctx, demo.ContosoID, demo.ID("offer:m365-business-basic"))
	if err != nil {
		t.Fatal(err)
	}
	target := cart.Target{PartnerID: demo.ContosoID, CustomerID: demo.ID("customer:adatum.com"), CustomerName: "Adatum"}
	actor := activity.Actor{UserID: demo.ID("user:adminagent@contoso.example"), Name: "Admin"}
	first, err := s.Add(ctx, actor, target, o, 2, catalog.Monthly)
	if err != nil {
		t.Fatal(err)
	}
	addedAt := first.CreatedAt
	app.Clock.Advance(time.Hour)
	again, err := s.Add(ctx, actor, target, o, 5, catalog.Annual)
	if err != nil {
		t.Fatal(err)
	}
	if again.ID != first.ID || again.Quantity != 5 || again.Frequency != catalog.Annual ||
		!again.CreatedAt.Equal(addedAt) || !again.UpdatedAt.Equal(app.Clock.Now()) {
		t.Fatalf("added again: %+v; first %+v", again, first)
	}
	lines, err := s.Lines(ctx, target.PartnerID, target.CustomerID)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, l := range lines {
		if l.OfferID == o.ID {
			n++
			if l.ID != first.ID || l.Quantity != 5 {
				t.Errorf("stored line %+v", l.Item)
			}
		}
	}
	if n != 1 {
		t.Fatalf("%d lines of the offer in the cart", n)
	}
	var named []string
	if err := app.DB.Model(&activity.Entry{}).Where("action = ? AND customer_id = ?", "cart.item_added", target.CustomerID).
		Order("at, id").Pluck("resource_id", &named).Error; err != nil {
		t.Fatal(err)
	}
	if len(named) != 2 || named[0] != first.ID || named[1] != first.ID {
		t.Fatalf("activity entries name %v, want the line %s twice", named, first.ID)
	}
}
