package web

import (
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"portal/internal/reservations"
	"portal/internal/support"
	resviews "portal/views/reservations"
)

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
