package web

import (
	"errors"
	"net/http"

	"github.com/labstack/echo/v4"

	"portal/internal/software"
	"portal/views/components"
	swviews "portal/views/software"
)

// cancelForm is what the cancel dialog sent.
type cancelForm struct {
	OrderID   string
	Confirmed bool
	Errors    components.FieldErrors
}

// softwareCancelForm shows the cancel dialog (SW-5, SW-6).
func (s *Server) softwareCancelForm(c echo.Context) error {
	p, err := s.purchaseFor(c)
	if err != nil {
		return err
	}
	return s.renderCancel(c, http.StatusOK, p, cancelForm{Errors: components.FieldErrors{}})
}

// softwareCancel cancels a purchase (SW-5 to SW-7). A purchase the rules
// refuse (Windows 7 ESU, SUSE, Red Hat, outside the window, already
// cancelled) is a 403 whatever the form says, and nothing changes; a missing
// or wrong order, or an unticked box, is a 422 with the dialog.
func (s *Server) softwareCancel(c echo.Context) error {
	p, err := s.purchaseFor(c)
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	if w := software.CheckCancel(p, s.clock.Now()); !w.Allowed {
		return s.cancelRefused(&software.RefusedError{Reason: w.Refused})
	}
	f := cancelForm{
		OrderID:   queryText(c.FormValue("order_id"), 64),
		Confirmed: c.FormValue("confirm") != "",
		Errors:    components.FieldErrors{},
	}
	orders, err := s.software.CancelOrders(ctx, p)
	if err != nil {
		return err
	}
	switch {
	case f.OrderID == "":
		f.Errors.Add("order_id", "sw.error.order_required")
	case !hasOrderOption(orders, f.OrderID):
		f.Errors.Add("order_id", "sw.error.order_mismatch")
	}
	if !f.Confirmed {
		f.Errors.Add("confirm", "sw.error.confirm")
	}
	if f.Errors.Any() {
		return s.renderCancel(c, http.StatusUnprocessableEntity, p, f)
	}
	_, err = s.software.Cancel(ctx, mustViewer(c).Partner.ID, actorOf(c), p.ID, f.OrderID)
	var refused *software.RefusedError
	switch {
	case errors.As(err, &refused):
		return s.cancelRefused(refused)
	case errors.Is(err, software.ErrOrderMismatch):
		f.Errors.Add("order_id", "sw.error.order_mismatch")
		return s.renderCancel(c, http.StatusUnprocessableEntity, p, f)
	case err != nil:
		return err
	}
	return s.redirect(c, "/software/"+p.ID, "sw.flash.cancelled")
}

// cancelRefused is the 403 of a cancellation the rules do not allow.
func (s *Server) cancelRefused(cause error) error {
	return &pageError{status: http.StatusForbidden, titleKey: "error.403.title", bodyKey: "sw.error.refused", cause: cause}
}

func hasOrderOption(list []software.OrderChoice, id string) bool {
	for _, o := range list {
		if o.ID == id {
			return true
		}
	}
	return false
}

// renderCancel draws the cancel dialog with the customer's orders that hold
// the purchase.
func (s *Server) renderCancel(c echo.Context, status int, p software.Purchase, f cancelForm) error {
	ctx := c.Request().Context()
	cust, err := s.customers.Get(ctx, mustViewer(c).Partner.ID, p.CustomerID)
	if err != nil {
		return err
	}
	orders, err := s.software.CancelOrders(ctx, p)
	if err != nil {
		return err
	}
	m := swviews.Cancel{
		ID: p.ID, CustomerID: cust.ID, CustomerName: cust.Name, TenantID: cust.TenantID,
		Product: p.ProductName, Kind: p.Kind, PurchasedAt: p.PurchasedAt, OwnOrderID: p.OrderID,
		Window: windowOf(p, s.clock.Now()), OrderID: f.OrderID, Confirmed: f.Confirmed, Errors: f.Errors,
	}
	for _, o := range orders {
		m.Orders = append(m.Orders, swviews.OrderOption{ID: o.ID, CreatedAt: o.CreatedAt})
	}
	return s.render(c, status, swviews.CancelPage(m))
}
