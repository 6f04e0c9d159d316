package orders_test

import (
	"context"
	"testing"

	"portal/internal/demo"
	"portal/internal/orders"
	"portal/internal/perm"
	"portal/internal/subscriptions"
	"portal/internal/testkit"
)

// SUB-3: an add-on takes its base subscription's billing frequency, whether
// the base is bought in the same order or owned already; asking for another
// frequency does not make a monthly add-on under an annual plan.
func TestAddOnTakesItsBaseFrequency_SUB3(t *testing.T) {
	app := testkit.New(t)
	s := store(app)
	ctx := context.Background()
	cust := demo.ID("customer:wingtiptoys.com")
	res, err := s.Checkout(ctx, orders.Request{Buyer: buyer(perm.GlobalAdmin), CustomerID: cust, Key: "sub3-a", Lines: []orders.RequestLine{
		{OfferID: offer("teams-phone-system"), Quantity: 5, Frequency: subscriptions.Monthly},
		{OfferID: offer("m365-e3"), Quantity: 5, Frequency: subscriptions.Annual},
	}})
	if err != nil {
		t.Fatal(err)
	}
	_, lines, err := s.Get(ctx, demo.ContosoID, res.Order.ID)
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range lines {
		if l.Frequency != subscriptions.Annual {
			t.Errorf("%s bought %s in the same order as its annual base, want annual", l.OfferName, l.Frequency)
		}
	}
	// Bought later for the annual base already owned.
	res, err = s.Checkout(ctx, orders.Request{Buyer: buyer(perm.GlobalAdmin), CustomerID: cust, Key: "sub3-b", Lines: []orders.RequestLine{
		{OfferID: offer("teams-audio-conferencing"), Quantity: 5, Frequency: subscriptions.Monthly},
	}})
	if err != nil {
		t.Fatal(err)
	}
	_, lines, err = s.Get(ctx, demo.ContosoID, res.Order.ID)
	if err != nil {
		t.Fatal(err)
	}
	var sub subscriptions.Subscription
	if err := app.DB.Where("id = ?", lines[0].ResourceID).Take(&sub).Error; err != nil {
		t.Fatal(err)
	}
	if lines[0].Frequency != subscriptions.Annual || sub.Frequency != subscriptions.Annual || sub.ParentID == "" {
		t.Errorf("add-on for an annual base: line %s, subscription %s (parent %q), want annual under its base", lines[0].Frequency, sub.Frequency, sub.ParentID)
	}
	// A second, monthly base bought with an add-on: the add-on is monthly
	// and attaches to the base of its own order, not to the annual one.
	res, err = s.Checkout(ctx, orders.Request{Buyer: buyer(perm.GlobalAdmin), CustomerID: cust, Key: "sub3-c", Lines: []orders.RequestLine{
		{OfferID: offer("m365-e3"), Quantity: 3, Frequency: subscriptions.Monthly},
		{OfferID: offer("teams-phone-system"), Quantity: 3, Frequency: subscriptions.Annual},
	}})
	if err != nil {
		t.Fatal(err)
	}
	_, lines, err = s.Get(ctx, demo.ContosoID, res.Order.ID)
	if err != nil {
		t.Fatal(err)
	}
	byOffer := map[string]orders.Line{}
	for _, l := range lines {
		byOffer[l.OfferID] = l
	}
	base, addon := byOffer[offer("m365-e3")], byOffer[offer("teams-phone-system")]
	var child subscriptions.Subscription
	if err := app.DB.Where("id = ?", addon.ResourceID).Take(&child).Error; err != nil {
		t.Fatal(err)
	}
	if addon.Frequency != subscriptions.Monthly || child.ParentID != base.ResourceID {
		t.Errorf("add-on bought with a monthly base: %s under %s, want monthly under %s", addon.Frequency, child.ParentID, base.ResourceID)
	}
}
