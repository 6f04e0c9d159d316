package web

import (
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"

	"portal/internal/reservations"
	"portal/views/components"
	resviews "portal/views/reservations"
)

// readStep overwrites vals with the fields of step posted in the form.
func readStep(c echo.Context, step string, vals *resviews.Values) {
	f := func(name string) string { return strings.TrimSpace(c.FormValue(name)) }
	switch step {
	case resviews.StepBasics:
		vals.Title, vals.IssueType = f("title"), f("issue_type")
	case resviews.StepProblem:
		vals.ProblemType, vals.Category, vals.Severity = f("problem_type"), f("category"), f("severity")
		vals.Description = strings.TrimSpace(c.FormValue("description"))
		vals.NewOfferID, vals.NewQuantity = f("offer_id"), f("quantity")
	case resviews.StepContact:
		vals.ContactName, vals.ContactEmail, vals.ContactPhone = f("contact_name"), f("contact_email"), f("contact_phone")
	}
}

// wizardStep saves the posted step and moves on (nav=next, after checking
// it) or back (nav=back, keeping what was typed).
func (s *Server) wizardStep(c echo.Context, kind string) error {
	w, err := s.wizardFor(c, kind)
	if err != nil {
		return err
	}
	vals, d, err := s.wizardValues(c, w)
	if err != nil {
		return err
	}
	step := c.FormValue("step")
	i := stepIndex(step)
	if i < 0 || step == resviews.StepReview && c.FormValue("nav") != "back" {
		return s.renderWizard(c, http.StatusUnprocessableEntity, w, resviews.StepBasics, vals, components.FieldErrors{"step": {Key: "res.wizard.bad_step"}})
	}
	readStep(c, step, &vals)
	ctx := c.Request().Context()
	if c.FormValue("nav") == "back" {
		if err := s.reservations.SaveDraft(ctx, draftOfValues(vals, d)); err != nil {
			return err
		}
		return c.Redirect(http.StatusSeeOther, wizardHref(w, resviews.Steps()[max(i-1, 0)]))
	}
	errs := components.FieldErrors{}
	s.checkStep(c, w.res.PartnerID, w, step, vals, errs)
	if errs.Any() {
		return s.renderWizard(c, http.StatusUnprocessableEntity, w, step, vals, errs)
	}
	if err := s.reservations.SaveDraft(ctx, draftOfValues(vals, d)); err != nil {
		return err
	}
	return c.Redirect(http.StatusSeeOther, wizardHref(w, resviews.Steps()[i+1]))
}

func (s *Server) refundStep(c echo.Context) error { return s.wizardStep(c, reservations.KindRefund) }
func (s *Server) exchangeStep(c echo.Context) error {
	return s.wizardStep(c, reservations.KindExchange)
}
