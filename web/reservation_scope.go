package web

import (
	"errors"
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"

	"portal/internal/reservations"
	"portal/views/components"
	resviews "portal/views/reservations"
)

// reservationScope changes a reservation's scope: shared, or single with
// one of the customer's subscriptions (RES-1). Bad input is a 422 with the
// page shown again and the field explained.
func (s *Server) reservationScope(c echo.Context) error {
	r, err := s.reservationFor(c)
	if err != nil {
		return err
	}
	scope := strings.TrimSpace(c.FormValue("scope"))
	sub := strings.TrimSpace(c.FormValue("subscription_id"))
	errs := components.FieldErrors{}
	switch scope {
	case reservations.ScopeShared:
	case reservations.ScopeSingle:
		if sub == "" {
			errs.Add("subscription_id", "res.scope.subscription_required")
		}
	case "":
		errs.Add("scope", "field.required")
	default:
		errs.Add("scope", "res.scope.bad")
	}
	if !errs.Any() {
		err = s.reservations.SetScope(c.Request().Context(), r.PartnerID, actorOf(c), r.ID, scope, sub)
		switch {
		case errors.Is(err, reservations.ErrBadSubscription):
			errs.Add("subscription_id", "res.scope.bad_subscription")
		case errors.Is(err, reservations.ErrBadScope):
			errs.Add("scope", "res.scope.bad")
		case err != nil:
			return reservationState(err)
		default:
			return s.redirect(c, "/reservations/"+r.ID+"#configuration", "res.flash.scope_changed")
		}
	}
	m, err := s.reservationModel(c.Request().Context(), mustViewer(c), r)
	if err != nil {
		return err
	}
	m.FormScope, m.FormSubscription, m.ScopeErrs = scope, sub, errs
	return s.render(c, http.StatusUnprocessableEntity, resviews.Page(m))
}

// reservationAccess adds a partner user to a reservation's access list, or
// removes one (RES-1).
func (s *Server) reservationAccess(c echo.Context) error {
	r, err := s.reservationFor(c)
	if err != nil {
		return err
	}
	op := c.FormValue("op")
	user := strings.TrimSpace(c.FormValue("user_id"))
	errs := components.FieldErrors{}
	if user == "" {
		errs.Add("user_id", "res.access.user_required")
	}
	if op != "grant" && op != "revoke" {
		errs.Add("user_id", "res.access.bad_op")
	}
	if !errs.Any() {
		err = s.reservations.SetAccess(c.Request().Context(), r.PartnerID, actorOf(c), r.ID, user, op == "grant")
		switch {
		case errors.Is(err, reservations.ErrBadUser):
			errs.Add("user_id", "res.access.bad_user")
		case err != nil:
			return err
		case op == "grant":
			return s.redirect(c, "/reservations/"+r.ID+"#access", "res.flash.access_granted")
		default:
			return s.redirect(c, "/reservations/"+r.ID+"#access", "res.flash.access_revoked")
		}
	}
	m, err := s.reservationModel(c.Request().Context(), mustViewer(c), r)
	if err != nil {
		return err
	}
	m.FormUser, m.AccessErrs = user, errs
	return s.render(c, http.StatusUnprocessableEntity, resviews.Page(m))
}
