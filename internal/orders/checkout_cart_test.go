package orders_test

import (
	"context"
	"errors"
	"testing"

	"portal/internal/activity"
	"portal/internal/cart"
	"portal/internal/catalog"
	"portal/internal/demo"
	"portal/internal/orders"
	"portal/internal/perm"
	"portal/internal/platform/apperr"
	"portal/internal/testkit"
)

// fill puts offers in a customer's cart and returns the cart's checkout key.
func fill(t *testing.T, app *testkit.App, customerID string, slugs ...string) string {
	t.Helper()
	ctx := context.Background()
	carts := &cart.Store{DB: app.DB, Clock: app.Clock, Activity: activity.Recorder{DB: app.DB}}
	target := cart.Target{PartnerID: demo.ContosoID, CustomerID: customerID}
	cat := &catalog.Store{DB: app.DB}
	for _, slug := range slugs {
		o, err := cat.Get(ctx, demo.ContosoID, offer(slug))
		if err != nil {
			t.Fatal(err)
		}
		freq := ""
		if !o.Upfront() {
			freq = catalog.Monthly
		}
		if _, err := carts.Add(ctx, activity.Actor{UserID: "u"}, target, o, 1, freq); err != nil {
			t.Fatal(err)
		}
	}
	lines, err := carts.Lines(ctx, demo.ContosoID, customerID)
	if err != nil {
		t.Fatal(err)
	}
	return cart.CheckoutKey(demo.ContosoID, customerID, lines)
}

// CAT-7: the cart is bought in one call that compares the checkout key: a
// missing key, an empty cart and a changed cart buy nothing; the reviewed
// key buys it and empties it; the same key again returns that order.
func TestCheckoutCart_CAT7(t *testing.T) {
	app := testkit.New(t)
	s := store(app)
	ctx := context.Background()
	cust := demo.ID("customer:proseware.com")
	req := func(key string) orders.CartCheckout {
		return orders.CartCheckout{Buyer: buyer(perm.GlobalAdmin), CustomerID: cust, Key: key}
	}
	if _, err := s.CheckoutCart(ctx, req("any")); !errors.Is(err, orders.ErrEmpty) {
		t.Fatalf("empty cart: %v", err)
	}
	key := fill(t, app, cust, "m365-e3")
	if _, err := s.CheckoutCart(ctx, req("")); !errors.Is(err, orders.ErrNoKey) || !errors.Is(err, apperr.ErrInvalid) {
		t.Fatalf("no key: %v", err)
	}
	if _, err := s.CheckoutCart(ctx, req("stale")); !errors.Is(err, orders.ErrCartChanged) || !errors.Is(err, apperr.ErrConflict) {
		t.Fatalf("changed cart: %v", err)
	}
	first, err := s.CheckoutCart(ctx, req(key))
	if err != nil || first.Existing || first.Order.CheckoutKey != key {
		t.Fatalf("purchase: %+v %v", first, err)
	}
	var left int64
	app.DB.Model(&cart.Item{}).Where("customer_id = ?", cust).Count(&left)
	if left != 0 {
		t.Fatalf("%d cart lines left", left)
	}
	again, err := s.CheckoutCart(ctx, req(key))
	if err != nil || !again.Existing || again.Order.ID != first.Order.ID {
		t.Fatalf("double submit: %+v %v", again, err)
	}
	// The key of another customer's order is not this customer's order.
	other := demo.ID("customer:relecloud.com")
	fill(t, app, other, "m365-e5")
	if _, err := s.CheckoutCart(ctx, orders.CartCheckout{Buyer: buyer(perm.GlobalAdmin), CustomerID: other, Key: key}); !errors.Is(err, orders.ErrCartChanged) {
		t.Fatalf("another customer's key: %v", err)
	}
	// Another partner's customer is not found.
	if _, err := s.CheckoutCart(ctx, req(key)); err != nil {
		t.Fatal(err)
	}
	if _, err := s.CheckoutCart(ctx, orders.CartCheckout{Buyer: buyer(perm.GlobalAdmin), CustomerID: demo.ID("customer:blueyonderairlines.com"), Key: key}); !errors.Is(err, apperr.ErrNotFound) {
		t.Fatalf("another partner's customer: %v", err)
	}
}

// AUTH-5: a refused order names the action the roles lack, so the refusal
// can name the roles that may; of two lacking actions, the one whose roles
// may buy the whole order. Nothing is bought.
func TestCheckoutCartNamesTheRefusedAction_AUTH5(t *testing.T) {
	app := testkit.New(t)
	s := store(app)
	ctx := context.Background()
	both, online := demo.ID("customer:proseware.com"), demo.ID("customer:relecloud.com")
	keys := map[string]string{both: fill(t, app, both, "m365-e3", "azure-vm-d2s-v5-1yr"), online: fill(t, app, online, "m365-e5")}
	var before int64
	app.DB.Model(&orders.Order{}).Count(&before)
	cases := []struct {
		customer string
		roles    perm.Roles
		want     perm.Action
	}{
		{both, perm.Roles{perm.SalesAgent}, perm.BuySoftware},
		{both, perm.Roles{perm.HelpdeskAgent}, perm.BuySoftware},
		{online, perm.Roles{perm.HelpdeskAgent}, perm.BuyOnlineServices},
		{online, perm.Roles{perm.BillingAdmin, perm.AccountAdmin}, perm.BuyOnlineServices},
	}
	for _, c := range cases {
		_, err := s.CheckoutCart(ctx, orders.CartCheckout{Buyer: buyer(c.roles...), CustomerID: c.customer, Key: keys[c.customer]})
		var fe *orders.ForbiddenError
		if !errors.As(err, &fe) || fe.Action != c.want || !errors.Is(err, orders.ErrForbidden) || !errors.Is(err, apperr.ErrForbidden) {
			t.Errorf("%v: %v", c.roles, err)
		}
	}
	var after int64
	app.DB.Model(&orders.Order{}).Count(&after)
	if after != before {
		t.Fatalf("%d orders placed", after-before)
	}
}
