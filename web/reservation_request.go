package web

import (
	"errors"
	"net/http"
	"strconv"

	"github.com/labstack/echo/v4"

	"portal/internal/reservations"
	"portal/views/components"
	resviews "portal/views/reservations"
)

// reservationRequest creates the refund or exchange request from the review
// step (POST /reservations/{id}/refund or …/exchange): every step's values
// are checked again; a bad one shows its step again with a 422 and nothing
// changes.
func (s *Server) reservationRequest(c echo.Context, kind string) error {
	r, err := s.reservationFor(c)
	if err != nil {
		return err
	}
	w := wizardState{kind: kind, res: r}
	var vals resviews.Values
	for _, step := range resviews.Steps()[:3] {
		readStep(c, step, &vals)
	}
	ctx := c.Request().Context()
	for _, step := range resviews.Steps()[:3] {
		errs := components.FieldErrors{}
		s.checkStep(c, r.PartnerID, w, step, vals, errs)
		if errs.Any() {
			if r.EffectiveStatus(s.clock.Now()) != reservations.Active {
				return reservationState(reservations.ErrNotActive)
			}
			return s.renderWizard(c, http.StatusUnprocessableEntity, w, step, vals, errs)
		}
	}
	d := reservations.Details{
		Title: vals.Title, IssueType: vals.IssueType, ProblemType: vals.ProblemType, Category: vals.Category,
		Severity: vals.Severity, Description: vals.Description,
		ContactName: vals.ContactName, ContactEmail: vals.ContactEmail, ContactPhone: vals.ContactPhone,
	}
	if kind == reservations.KindRefund {
		if _, err := s.reservations.Refund(ctx, r.PartnerID, actorOf(c), r.ID, d); err != nil {
			return reservationState(err)
		}
		return s.redirect(c, "/reservations/"+r.ID, "res.flash.refunded")
	}
	qty, _ := strconv.Atoi(vals.NewQuantity)
	res, err := s.reservations.Exchange(ctx, r.PartnerID, actorOf(c), r.ID, vals.NewOfferID, qty, d)
	switch {
	case errors.Is(err, reservations.ErrExchangeTooCheap), errors.Is(err, reservations.ErrBadOffer):
		errs := components.FieldErrors{}
		s.checkStep(c, r.PartnerID, w, resviews.StepProblem, vals, errs)
		errs.Add("offer_id", "res.exchange.offer_unknown")
		return s.renderWizard(c, http.StatusUnprocessableEntity, w, resviews.StepProblem, vals, errs)
	case err != nil:
		return reservationState(err)
	}
	return s.redirect(c, "/reservations/"+res.New.ID, "res.flash.exchanged")
}

func (s *Server) reservationRefund(c echo.Context) error {
	return s.reservationRequest(c, reservations.KindRefund)
}
func (s *Server) reservationExchange(c echo.Context) error {
	return s.reservationRequest(c, reservations.KindExchange)
}
