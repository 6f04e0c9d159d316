package orders_test

import (
	"context"
	"testing"

	"portal/internal/catalog"
	"portal/internal/demo"
	"portal/internal/orders"
	"portal/internal/perm"
	"portal/internal/reservations"
	"portal/internal/testkit"
)

// RES-3, CAT-7: a reservation offer that names no term is bought for one
// year at checkout, as the exchange builds and prices it, not for zero
// months (which would expire at purchase).
func TestCheckoutReservationWithoutATerm_RES3_CAT7(t *testing.T) {
	app := testkit.New(t)
	s := store(app)
	o := catalog.Offer{ID: demo.ID("offer:test-reservation-no-term"), Tab: catalog.TabReservation, Name: "Reserved test capacity",
		Publisher: catalog.PublisherMicrosoft, BillingType: catalog.BillingLicense, Category: catalog.CategoryEnterprise,
		TermPrice: 120000, MinQuantity: 1, MaxQuantity: 10}
	if err := app.DB.Create(&o).Error; err != nil {
		t.Fatal(err)
	}
	now := app.Clock.Now()
	res, err := s.Checkout(context.Background(), orders.Request{Buyer: buyer(perm.GlobalAdmin), CustomerID: demo.ID("customer:proseware.com"),
		Key: "no-term", Lines: []orders.RequestLine{{OfferID: o.ID, Quantity: 2}}})
	if err != nil {
		t.Fatal(err)
	}
	var r reservations.Reservation
	if err := app.DB.Where("order_id = ?", res.Order.ID).Take(&r).Error; err != nil {
		t.Fatal(err)
	}
	if r.TermMonths != 12 || !r.ExpiresAt.Equal(now.AddDate(1, 0, 0)) || r.EffectiveStatus(now) != reservations.Active ||
		r.Price != 240000 || r.Price != reservations.TermPrice(o, 2) || res.Order.Total != r.Price {
		t.Fatalf("reservation %+v, order total %d", r, res.Order.Total)
	}
}
