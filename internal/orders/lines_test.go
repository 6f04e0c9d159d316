package orders_test

import (
	"context"
	"errors"
	"testing"

	"portal/internal/catalog"
	"portal/internal/demo"
	"portal/internal/orders"
	"portal/internal/perm"
	"portal/internal/platform/apperr"
	"portal/internal/subscriptions"
	"portal/internal/testkit"
)

// SUB-3, CAT-3: an add-on without its base is refused with the base
// offer's name for the message; bought with its base in one order, it
// attaches to the new base subscription.
func TestCheckoutAddOnNeedsItsBase_SUB3_CAT3(t *testing.T) {
	app := testkit.New(t)
	s := store(app)
	cust := demo.ID("customer:proseware.com")
	addon := orders.RequestLine{OfferID: offer("teams-audio-conferencing"), Quantity: 3, Frequency: "monthly"}
	_, err := s.Checkout(context.Background(), orders.Request{Buyer: buyer(perm.GlobalAdmin), CustomerID: cust, Key: "addon-alone",
		Lines: []orders.RequestLine{addon}})
	var le *orders.LineError
	if !errors.As(err, &le) || le.Reason != catalog.ReasonNeedsBase || len(le.ReasonArgs) != 1 || le.ReasonArgs[0] != "Microsoft 365 E3" ||
		!errors.Is(err, apperr.ErrConflict) {
		t.Fatalf("add-on alone: %v (%+v)", err, le)
	}
	res, err := s.Checkout(context.Background(), orders.Request{Buyer: buyer(perm.GlobalAdmin), CustomerID: cust, Key: "addon-with-base",
		Lines: []orders.RequestLine{addon, {OfferID: offer("m365-e3"), Quantity: 3, Frequency: "monthly"}}})
	if err != nil {
		t.Fatal(err)
	}
	var base, child subscriptions.Subscription
	app.DB.Where("order_id = ? AND offer_id = ?", res.Order.ID, offer("m365-e3")).Take(&base)
	app.DB.Where("order_id = ? AND offer_id = ?", res.Order.ID, addon.OfferID).Take(&child)
	if base.ID == "" || child.ParentID != base.ID {
		t.Fatalf("add-on %+v does not attach to %s", child, base.ID)
	}
}

// CAT-5: a line the offer does not take is refused at purchase, whole.
func TestCheckoutChecksEachLine_CAT5(t *testing.T) {
	app := testkit.New(t)
	s := store(app)
	cust := demo.ID("customer:proseware.com")
	cases := []struct {
		line   orders.RequestLine
		reason string
	}{
		{orders.RequestLine{OfferID: offer("m365-e3"), Quantity: 0, Frequency: "monthly"}, orders.ReasonQuantity},
		{orders.RequestLine{OfferID: offer("m365-e3"), Quantity: 5, Frequency: "weekly"}, orders.ReasonFrequency},
	}
	for _, c := range cases {
		_, err := s.Checkout(context.Background(), orders.Request{Buyer: buyer(perm.GlobalAdmin), CustomerID: cust, Key: "bad-" + c.reason,
			Lines: []orders.RequestLine{{OfferID: offer("m365-e5"), Quantity: 1, Frequency: "monthly"}, c.line}})
		var le *orders.LineError
		if !errors.As(err, &le) || le.Reason != c.reason || !errors.Is(err, apperr.ErrInvalid) {
			t.Errorf("%+v: %v", c.line, err)
		}
	}
	var n int64
	app.DB.Model(&orders.Order{}).Where("customer_id = ?", cust).Count(&n)
	if n != 0 {
		t.Fatalf("%d orders", n)
	}
}
