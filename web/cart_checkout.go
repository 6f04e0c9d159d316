package web

import (
	"errors"
	"net/http"

	"github.com/labstack/echo/v4"

	"portal/internal/activity"
	"portal/internal/cart"
	"portal/internal/catalog"
	"portal/internal/orders"
	"portal/internal/perm"
)

// cartCheckout buys the cart (CAT-7): one order in one transaction. The form
// carries the checkout key of the cart it reviewed: a second submit of the
// same form finds the order already placed and goes to it; a cart changed
// since the review is shown again instead of bought.
func (s *Server) cartCheckout(c echo.Context) error {
	ctx := c.Request().Context()
	v := mustViewer(c)
	cust, err := s.customerFor(c)
	if err != nil {
		return err
	}
	key := c.FormValue("checkout_key")
	lines, err := s.carts.Lines(ctx, v.Partner.ID, cust.ID)
	if err != nil {
		return err
	}
	if key != "" && key != cart.CheckoutKey(v.Partner.ID, cust.ID, lines) {
		if o, ok, err := s.orders.ByKey(ctx, v.Partner.ID, cust.ID, key); err != nil {
			return err
		} else if ok {
			return s.redirect(c, "/orders/"+o.ID, "order.flash.placed")
		}
	}
	switch {
	case len(lines) == 0:
		return s.redirect(c, "/customers/"+cust.ID+"/cart", "cart.flash.empty")
	case key == "":
		return s.cartAgain(c, cust, http.StatusUnprocessableEntity, &cartProblem{problem: "cart.error.no_key"})
	case key != cart.CheckoutKey(v.Partner.ID, cust.ID, lines):
		return s.cartAgain(c, cust, http.StatusConflict, &cartProblem{problem: "cart.error.changed"})
	}
	// Each line's tab against the user's roles (AUTH-5): a sales agent may
	// not buy software or reservations, whatever the form says.
	for _, l := range lines {
		if a := catalog.ActionFor(l.Offer.Tab); !v.Roles.Can(a) {
			return forbidden(a)
		}
	}
	req := orders.Request{
		Buyer:      orders.Buyer{PartnerID: v.Partner.ID, Actor: activity.Actor{UserID: v.User.ID, Name: v.User.Name}, Roles: v.Roles},
		CustomerID: cust.ID, Key: key,
	}
	for _, l := range lines {
		req.Lines = append(req.Lines, orders.RequestLine{CartItemID: l.ID, OfferID: l.OfferID, Quantity: l.Quantity, Frequency: l.Frequency})
	}
	res, err := s.orders.Checkout(ctx, req)
	var le *orders.LineError
	switch {
	case errors.As(err, &le):
		return s.cartAgain(c, cust, statusOf(err), &cartProblem{itemID: le.CartItemID, lineReason: le.Reason, lineArgs: le.ReasonArgs,
			problem: "cart.error.purchase_refused", problemArgs: []any{le.OfferName}})
	case errors.Is(err, orders.ErrForbidden):
		return forbidden(perm.BuySoftware)
	case err != nil:
		return err
	}
	return s.redirect(c, "/orders/"+res.Order.ID, "order.flash.placed")
}
