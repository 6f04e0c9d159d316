package web

import (
	"errors"
	"net/http"

	"github.com/labstack/echo/v4"

	"portal/internal/orders"
)

// cartCheckout buys the cart (CAT-7) with one call to the orders store,
// which reads the cart, compares the checkout key, checks the roles and the
// lines, and places the order in one transaction. The form carries the
// checkout key of the cart it reviewed: a second submit of the same form
// finds the order already placed and goes to it; a cart changed since the
// review is shown again instead of bought.
func (s *Server) cartCheckout(c echo.Context) error {
	v := mustViewer(c)
	cust, err := s.customerFor(c)
	if err != nil {
		return err
	}
	res, err := s.orders.CheckoutCart(c.Request().Context(), orders.CartCheckout{
		Buyer:      orders.Buyer{PartnerID: v.Partner.ID, Actor: actorOf(c), Roles: v.Roles},
		CustomerID: cust.ID, Key: c.FormValue("checkout_key"),
	})
	var le *orders.LineError
	var fe *orders.ForbiddenError
	switch {
	case err == nil:
		return s.redirect(c, "/orders/"+res.Order.ID, "order.flash.placed")
	case errors.Is(err, orders.ErrEmpty):
		return s.redirect(c, "/customers/"+cust.ID+"/cart", "cart.flash.empty")
	case errors.Is(err, orders.ErrNoKey):
		return s.cartAgain(c, cust, http.StatusUnprocessableEntity, &cartProblem{problem: "cart.error.no_key"})
	case errors.Is(err, orders.ErrCartChanged):
		return s.cartAgain(c, cust, http.StatusConflict, &cartProblem{problem: "cart.error.changed"})
	case errors.As(err, &fe):
		return forbidden(fe.Action)
	case errors.As(err, &le):
		return s.cartAgain(c, cust, statusOf(err), &cartProblem{itemID: le.CartItemID, lineReason: le.Reason, lineArgs: le.ReasonArgs,
			problem: "cart.error.purchase_refused", problemArgs: []any{le.OfferName}})
	}
	return err
}
