package web

import (
	"errors"

	"github.com/labstack/echo/v4"

	"portal/internal/reservations"
	"portal/internal/support"
	"portal/views/components"
	resviews "portal/views/reservations"
)

// checkStep validates one step's values; for an exchange the problem step
// also checks the offer, the quantity and that the new price covers the
// credit (RES-3).
func (s *Server) checkStep(c echo.Context, partnerID string, w wizardState, step string, v resviews.Values, errs components.FieldErrors) {
	switch step {
	case resviews.StepBasics:
		checkText(errs, "title", v.Title, 200, true)
		switch {
		case v.IssueType == "":
			errs.Add("issue_type", "field.required")
		case !support.Valid(support.IssueTypes(), v.IssueType):
			errs.Add("issue_type", "res.wizard.bad_choice")
		case v.IssueType != support.IssueBilling:
			errs.Add("issue_type", "res.wizard.issue_must_be_billing")
		}
	case resviews.StepProblem:
		if v.ProblemType != support.ProblemReservationManagement {
			errs.Add("problem_type", "res.wizard.problem_must_be_reservations")
		}
		if v.Category != support.CategoryExchangesRefunds {
			errs.Add("category", "res.wizard.category_must_be_exchanges")
		}
		if !support.Valid(support.Severities(), v.Severity) {
			errs.Add("severity", "res.wizard.bad_choice")
		}
		checkText(errs, "description", v.Description, 4000, false)
		if w.kind == reservations.KindExchange {
			s.checkExchangeChoice(c, partnerID, w.res, v, errs)
		}
	case resviews.StepContact:
		checkContact(errs, v.ContactName, v.ContactEmail, v.ContactPhone)
	}
}

// checkExchangeChoice checks the new offer and quantity of an exchange.
func (s *Server) checkExchangeChoice(c echo.Context, partnerID string, r reservations.Reservation, v resviews.Values, errs components.FieldErrors) {
	if v.NewOfferID == "" {
		errs.Add("offer_id", "res.exchange.offer_required")
		return
	}
	o, err := s.reservations.Offer(c.Request().Context(), partnerID, v.NewOfferID)
	if err != nil {
		errs.Add("offer_id", "res.exchange.offer_unknown")
		return
	}
	qty := checkInt(errs, "quantity", v.NewQuantity, 1, max(o.MaxQuantity, 1), "res.exchange.quantity_range")
	if errs.Has("quantity") {
		return
	}
	x, err := reservations.ExchangeQuote(r, s.clock.Now(), reservations.TermPrice(o, qty))
	if errors.Is(err, reservations.ErrExchangeTooCheap) {
		l := localizerOf(c)
		errs.Add("offer_id", "res.exchange.too_cheap", l.Money(x.NewPrice), l.Money(x.Credit))
	}
}
