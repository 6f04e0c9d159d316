package web

import (
	"errors"
	"net/http"
	"slices"
	"strconv"
	"strings"

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

// wizardDefaults are a new draft's values: the request the help page
// describes (Billing; Reservation management; Exchanges and refunds) and
// the signed-in user as contact.
func wizardDefaults(c echo.Context, v *viewer, r reservations.Reservation, kind string) resviews.Values {
	title := "res.wizard.default_title_refund"
	if kind == reservations.KindExchange {
		title = "res.wizard.default_title_exchange"
	}
	return resviews.Values{
		Title:     localizerOf(c).T(title, r.Name),
		IssueType: support.IssueBilling, ProblemType: support.ProblemReservationManagement,
		Category: support.CategoryExchangesRefunds, Severity: support.Moderate,
		NewQuantity: strconv.Itoa(r.Quantity), ContactName: v.User.Name, ContactEmail: v.User.Email,
	}
}

func valuesOfDraft(d reservations.Draft) resviews.Values {
	q := ""
	if d.NewQuantity > 0 {
		q = strconv.Itoa(d.NewQuantity)
	}
	return resviews.Values{
		Title: d.Title, IssueType: d.IssueType, ProblemType: d.ProblemType, Category: d.Category, Severity: d.Severity,
		Description: d.Description, NewOfferID: d.NewOfferID, NewQuantity: q,
		ContactName: d.ContactName, ContactEmail: d.ContactEmail, ContactPhone: d.ContactPhone,
	}
}

func draftOfValues(v resviews.Values, d reservations.Draft) reservations.Draft {
	d.Title, d.IssueType, d.ProblemType, d.Category, d.Severity = v.Title, v.IssueType, v.ProblemType, v.Category, v.Severity
	d.Description, d.NewOfferID = v.Description, v.NewOfferID
	d.NewQuantity, _ = strconv.Atoi(strings.TrimSpace(v.NewQuantity))
	d.ContactName, d.ContactEmail, d.ContactPhone = v.ContactName, v.ContactEmail, v.ContactPhone
	return d
}

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

// wizardState is what the wizard needs besides its values.
type wizardState struct {
	kind string
	res  reservations.Reservation
}

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
		checkText(errs, "contact_name", v.ContactName, 200, true)
		checkText(errs, "contact_email", v.ContactEmail, 254, true)
		if v.ContactEmail != "" && !errs.Has("contact_email") && !validEmail(v.ContactEmail) {
			errs.Add("contact_email", "field.bad_email")
		}
		checkPhone(errs, "contact_phone", v.ContactPhone)
	}
}

// checkPhone accepts an optional phone number: digits, spaces and + ( ) - .
func checkPhone(errs components.FieldErrors, field, v string) {
	if len(v) > 40 {
		errs.Add(field, "field.too_long", 40)
		return
	}
	digits := 0
	for _, r := range v {
		switch {
		case r >= '0' && r <= '9':
			digits++
		case strings.ContainsRune(" +()-.", r):
		default:
			errs.Add(field, "res.wizard.bad_phone")
			return
		}
	}
	if v != "" && digits < 6 {
		errs.Add(field, "res.wizard.bad_phone")
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

// wizardValues returns the user's draft values, or the defaults.
func (s *Server) wizardValues(c echo.Context, w wizardState) (resviews.Values, reservations.Draft, error) {
	v := mustViewer(c)
	d, ok, err := s.reservations.LoadDraft(c.Request().Context(), v.Partner.ID, v.User.ID, w.res.ID, w.kind)
	if err != nil {
		return resviews.Values{}, d, err
	}
	if !ok {
		d = reservations.Draft{UserID: v.User.ID, ReservationID: w.res.ID, Kind: w.kind, PartnerID: v.Partner.ID}
		return wizardDefaults(c, v, w.res, w.kind), d, nil
	}
	return valuesOfDraft(d), d, nil
}

func stepIndex(step string) int { return slices.Index(resviews.Steps(), step) }

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

func wizardHref(w wizardState, step string) string {
	return "/reservations/" + w.res.ID + "/" + w.kind + "?step=" + step
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
		if _, err := s.reservations.Refund(ctx, r.PartnerID, actingUser(c), r.ID, d); err != nil {
			return reservationState(err)
		}
		return s.redirect(c, "/reservations/"+r.ID, "res.flash.refunded")
	}
	qty, _ := strconv.Atoi(vals.NewQuantity)
	res, err := s.reservations.Exchange(ctx, r.PartnerID, actingUser(c), r.ID, vals.NewOfferID, qty, d)
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

func (s *Server) refundWizard(c echo.Context) error { return s.wizardPage(c, reservations.KindRefund) }
func (s *Server) exchangeWizard(c echo.Context) error {
	return s.wizardPage(c, reservations.KindExchange)
}
func (s *Server) refundStep(c echo.Context) error { return s.wizardStep(c, reservations.KindRefund) }
func (s *Server) exchangeStep(c echo.Context) error {
	return s.wizardStep(c, reservations.KindExchange)
}
func (s *Server) reservationRefund(c echo.Context) error {
	return s.reservationRequest(c, reservations.KindRefund)
}
func (s *Server) reservationExchange(c echo.Context) error {
	return s.reservationRequest(c, reservations.KindExchange)
}
