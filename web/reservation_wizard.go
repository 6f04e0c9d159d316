package web

import (
	"net/http"
	"slices"
	"strconv"

	"github.com/labstack/echo/v4"

	"portal/internal/perm"
	"portal/internal/reservations"
	"portal/internal/support"
	"portal/views/components"
	resviews "portal/views/reservations"
)

// The refund and exchange wizard (RES-4) works without JavaScript: each
// step is a page (GET ?step=…), each "Next" or "Back" is a POST to
// …/steps that saves the step's values in a draft row and redirects to the
// next or previous step. The review step's "Create" posts every value again
// to POST /reservations/{id}/refund or …/exchange, which checks them all.
//
// This file shows a step; reservation_wizard_draft.go keeps the values
// between steps, reservation_wizard_step.go moves between them,
// reservation_wizard_check.go checks them and reservation_request.go
// creates the request.

// wizardState is what the wizard needs besides its values.
type wizardState struct {
	kind string
	res  reservations.Reservation
}

// wizardFor loads the reservation of a wizard route, refusing one that is
// no longer active.
func (s *Server) wizardFor(c echo.Context, kind string) (wizardState, error) {
	r, err := s.reservationFor(c)
	if err != nil {
		return wizardState{}, err
	}
	if r.EffectiveStatus(s.clock.Now()) != reservations.Active {
		return wizardState{}, reservationState(reservations.ErrNotActive)
	}
	return wizardState{kind: kind, res: r}, nil
}

func stepIndex(step string) int { return slices.Index(resviews.Steps(), step) }

func wizardHref(w wizardState, step string) string {
	return "/reservations/" + w.res.ID + "/" + w.kind + "?step=" + step
}

// wizardPage shows one step of the wizard (GET /reservations/{id}/refund or
// …/exchange, ?step=…).
func (s *Server) wizardPage(c echo.Context, kind string) error {
	w, err := s.wizardFor(c, kind)
	if err != nil {
		return err
	}
	vals, _, err := s.wizardValues(c, w)
	if err != nil {
		return err
	}
	step := c.QueryParam("step")
	if stepIndex(step) < 0 {
		step = resviews.StepBasics
	}
	// A step can only be shown once the steps before it are complete.
	for _, earlier := range resviews.Steps()[:stepIndex(step)] {
		errs := components.FieldErrors{}
		s.checkStep(c, w.res.PartnerID, w, earlier, vals, errs)
		if errs.Any() {
			return c.Redirect(http.StatusSeeOther, wizardHref(w, earlier))
		}
	}
	return s.renderWizard(c, http.StatusOK, w, step, vals, components.FieldErrors{})
}

// renderWizard draws a step with its choices and, on the review step, the
// quote.
func (s *Server) renderWizard(c echo.Context, status int, w wizardState, step string, vals resviews.Values, errs components.FieldErrors) error {
	ctx := c.Request().Context()
	v := mustViewer(c)
	cust, err := s.customers.Get(ctx, v.Partner.ID, w.res.CustomerID)
	if err != nil {
		return err
	}
	m := resviews.Wizard{
		Kind: w.kind, Step: step, ReservationID: w.res.ID, ReservationName: w.res.Name,
		ReservationOrderID: w.res.ReservationOrderID, CustomerName: cust.Name, CustomerID: cust.ID, Quantity: w.res.Quantity,
		Values: vals, Errs: errs, IssueTypes: support.IssueTypes(), ProblemTypes: support.ProblemTypes(),
		Categories: support.Categories(), Severities: support.Severities(), CanViewCustomer: v.Roles.Can(perm.ViewCustomers),
	}
	if w.kind == reservations.KindExchange {
		offers, err := s.reservations.Offers(ctx, v.Partner.ID)
		if err != nil {
			return err
		}
		for _, o := range offers {
			m.Offers = append(m.Offers, resviews.OfferOption{ID: o.ID, Name: o.Name, TermMonths: reservations.TermMonthsOf(o), UnitPrice: reservations.TermPrice(o, 1)})
			if o.ID == vals.NewOfferID {
				qty, _ := strconv.Atoi(vals.NewQuantity)
				x, err := reservations.ExchangeQuote(w.res, s.clock.Now(), reservations.TermPrice(o, qty))
				m.Exchange = resviews.ExchangeQuote{NewName: o.Name, Quantity: qty, Credit: x.Credit, NewPrice: x.NewPrice,
					Difference: x.Difference, TooCheap: err != nil, DaysLeft: x.DaysLeft, TermDays: x.TermDays}
			}
		}
	} else {
		q, err := s.reservations.Quote(ctx, w.res)
		if err != nil {
			return err
		}
		m.Refund = quoteView(q)
	}
	return s.render(c, status, resviews.WizardPage(m))
}

func (s *Server) refundWizard(c echo.Context) error { return s.wizardPage(c, reservations.KindRefund) }
func (s *Server) exchangeWizard(c echo.Context) error {
	return s.wizardPage(c, reservations.KindExchange)
}
