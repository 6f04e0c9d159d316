package web

import (
	"errors"
	"net/http"

	"github.com/labstack/echo/v4"

	"portal/internal/cart"
	"portal/internal/orders"
	"portal/views/components"
)

// apiCheckoutBody is a checkout's body: the checkout key of the cart state
// the script reviewed; without one, the cart as it is now is bought.
type apiCheckoutBody struct {
	CheckoutKey string `json:"checkout_key"`
}

// apiCheckout buys the customer's cart (CAT-7) with the page's one call to
// orders.Store.CheckoutCart: the same checks, order, invoice lines and
// activity entries. With the same Idempotency-Key a repeat answers the same
// order (API-3); with the same checkout key a repeat finds the order placed.
func (s *Server) apiCheckout(c echo.Context) error {
	ctx := c.Request().Context()
	v := mustViewer(c)
	cust, err := s.customerFor(c)
	if err != nil {
		return err
	}
	var in apiCheckoutBody
	if c.Request().ContentLength != 0 {
		if err := readJSON(c, &in); err != nil {
			return err
		}
	}
	if in.CheckoutKey == "" {
		lines, err := s.carts.Lines(ctx, v.Partner.ID, cust.ID)
		if err != nil {
			return err
		}
		in.CheckoutKey = cart.CheckoutKey(v.Partner.ID, cust.ID, lines)
	}
	res, err := s.orders.CheckoutCart(ctx, orders.CartCheckout{
		Buyer:      orders.Buyer{PartnerID: v.Partner.ID, Actor: actorOf(c), Roles: v.Roles},
		CustomerID: cust.ID, Key: in.CheckoutKey,
	})
	var le *orders.LineError
	var fe *orders.ForbiddenError
	switch {
	case err == nil:
		return s.apiOrderAnswer(c, res.Order.ID, http.StatusCreated)
	case errors.Is(err, orders.ErrEmpty), errors.Is(err, orders.ErrNoKey):
		return apiRefused(http.StatusUnprocessableEntity, "cart.flash.empty")
	case errors.Is(err, orders.ErrCartChanged):
		errs := components.FieldErrors{}
		errs.Add("checkout_key", "cart.error.changed")
		return &apiError{status: http.StatusConflict, titleKey: "error.422.title", detailKey: "cart.error.changed", fields: errs}
	case errors.As(err, &fe):
		return forbidden(fe.Action)
	case errors.As(err, &le):
		return apiRefused(statusOf(err), "cart.error.purchase_refused", le.OfferName)
	}
	return err
}
