package web

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"portal/internal/cart"
	"portal/internal/catalog"
	"portal/internal/platform/money"
	"portal/views/components"
)

// cartChange changes a cart line's license count (CAT-5): a bad count is a
// 422 with the cart shown again and the error beside the line.
func (s *Server) cartChange(c echo.Context) error {
	ctx := c.Request().Context()
	v := mustViewer(c)
	cust, err := s.customerFor(c)
	if err != nil {
		return err
	}
	line, err := s.carts.Get(ctx, v.Partner.ID, cust.ID, c.Param("itemID"))
	if err != nil {
		return err
	}
	if a := catalog.ActionFor(line.Offer.Tab); !v.Roles.Can(a) {
		return forbidden(a)
	}
	errs := components.FieldErrors{}
	quantity := c.FormValue("quantity")
	qty, _ := validateLine(errs, line.Offer, quantity, line.Frequency)
	if errs.Any() {
		return s.cartAgain(c, cust, http.StatusUnprocessableEntity, &cartProblem{itemID: line.ID, quantity: quantity, errs: errs,
			problem: "cart.error.not_changed", problemArgs: []any{line.Offer.Name}})
	}
	err = s.carts.SetQuantity(ctx, actorOf(c),
		cart.Target{PartnerID: v.Partner.ID, CustomerID: cust.ID, CustomerName: cust.Name}, line.ID, qty)
	if err != nil {
		return err
	}
	return s.redirect(c, "/customers/"+cust.ID+"/cart", "cart.flash.changed")
}

// cartRemove takes a line out of the cart; a line already gone is no error.
func (s *Server) cartRemove(c echo.Context) error {
	v := mustViewer(c)
	cust, err := s.customerFor(c)
	if err != nil {
		return err
	}
	err = s.carts.Remove(c.Request().Context(), actorOf(c),
		cart.Target{PartnerID: v.Partner.ID, CustomerID: cust.ID, CustomerName: cust.Name}, c.Param("itemID"))
	if err != nil {
		return err
	}
	return s.redirect(c, "/customers/"+cust.ID+"/cart", "cart.flash.removed")
}

// moneyCount turns a license count into a multiplier of cents.
func moneyCount(n int) money.Cents { return money.Cents(n) }
