package web

import (
	"net/http"

	"github.com/labstack/echo/v4"
)

// subscriptionAutoRenew turns auto-renew on or off (SUB-9).
func (s *Server) subscriptionAutoRenew(c echo.Context) error {
	d, err := s.subscriptionFor(c)
	if err != nil {
		return err
	}
	if err := subManageable(d); err != nil {
		return err
	}
	var on bool
	switch c.FormValue("auto_renew") {
	case "on":
		on = true
	case "off":
	default:
		return &pageError{status: http.StatusUnprocessableEntity, titleKey: "error.422.title", bodyKey: "sub.auto_renew_bad"}
	}
	if _, err := s.subs.SetAutoRenew(c.Request().Context(), d.PartnerID, actorOf(c), d.ID, on); err != nil {
		return subError(err)
	}
	if on {
		return s.redirect(c, "/subscriptions/"+d.ID, "sub.flash.auto_renew_on")
	}
	return s.redirect(c, "/subscriptions/"+d.ID, "sub.flash.auto_renew_off")
}

// subscriptionConvert turns a Microsoft trial into its paid offer (CAT-12).
func (s *Server) subscriptionConvert(c echo.Context) error {
	d, err := s.subscriptionFor(c)
	if err != nil {
		return err
	}
	if err := subManageable(d); err != nil {
		return err
	}
	if _, err := s.subs.Convert(c.Request().Context(), d.PartnerID, actorOf(c), d.ID); err != nil {
		return subError(err)
	}
	return s.redirect(c, "/subscriptions/"+d.ID, "sub.flash.converted")
}
