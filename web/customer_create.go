package web

import (
	"errors"
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"

	"portal/internal/auth"
	"portal/internal/customers"
	"portal/views/components"
	custviews "portal/views/customers"
)

// customerNewForm shows the create-customer form (CUST-2).
func (s *Server) customerNewForm(c echo.Context) error {
	return s.renderCustomerForm(c, http.StatusOK, custviews.NewForm{Errors: components.FieldErrors{}})
}

// customerCreate creates a customer (CUST-2): every field is checked and
// each bad one explained (422, nothing saved); success goes to the new
// customer's page.
func (s *Server) customerCreate(c echo.Context) error {
	v := mustViewer(c)
	f := custviews.NewForm{
		Name:         cleanText(c.FormValue("name")),
		Domain:       customers.NormalizeDomain(c.FormValue("domain")),
		Country:      strings.ToUpper(cleanText(c.FormValue("country"))),
		Segment:      cleanText(c.FormValue("segment")),
		ContactName:  cleanText(c.FormValue("contact_name")),
		ContactEmail: cleanText(c.FormValue("contact_email")),
		ContactPhone: cleanText(c.FormValue("contact_phone")),
		Errors:       components.FieldErrors{},
	}
	validateCustomer(f)
	if f.Errors.Any() {
		return s.renderCustomerForm(c, http.StatusUnprocessableEntity, f)
	}
	actor := actorOf(c)
	cu, err := s.customers.Create(c.Request().Context(), v.Partner.ID, actor, customers.NewCustomer{
		Name: f.Name, Domain: f.Domain, Country: f.Country, Segment: f.Segment,
		ContactName: f.ContactName, ContactEmail: auth.NormalizeEmail(f.ContactEmail), ContactPhone: f.ContactPhone,
	})
	if errors.Is(err, customers.ErrDomainTaken) {
		f.Errors.Add("domain", "customers.error.domain_taken")
		return s.renderCustomerForm(c, http.StatusUnprocessableEntity, f)
	}
	if err != nil {
		return err
	}
	return s.redirect(c, "/customers/"+cu.ID, "customers.flash.created")
}

// validateCustomer adds to f.Errors what is wrong with each field.
func validateCustomer(f custviews.NewForm) {
	e := f.Errors
	checkText(e, "name", f.Name, 200, true)
	checkText(e, "domain", f.Domain, 253, true)
	if !e.Has("domain") && !customers.ValidDomain(f.Domain) {
		e.Add("domain", "customers.error.bad_domain")
	}
	if f.Country == "" {
		e.Add("country", "customers.error.choose_country")
	} else if !customers.ValidCountry(f.Country) {
		e.Add("country", "customers.error.bad_country")
	}
	if f.Segment == "" {
		e.Add("segment", "customers.error.choose_segment")
	} else if !customers.ValidSegment(f.Segment) {
		e.Add("segment", "customers.error.bad_segment")
	}
	checkText(e, "contact_name", f.ContactName, 200, true)
	checkText(e, "contact_email", f.ContactEmail, 254, true)
	if !e.Has("contact_email") && !auth.ValidEmail(f.ContactEmail) {
		e.Add("contact_email", "field.bad_email")
	}
	checkText(e, "contact_phone", f.ContactPhone, 40, true)
	if !e.Has("contact_phone") && !customers.ValidPhone(f.ContactPhone) {
		e.Add("contact_phone", "customers.error.bad_phone")
	}
}

// renderCustomerForm shows the form with its choices; values sent back are
// made valid UTF-8 so a bad byte is shown, not echoed raw.
func (s *Server) renderCustomerForm(c echo.Context, status int, f custviews.NewForm) error {
	l := localizerOf(c)
	for _, p := range []*string{&f.Name, &f.Domain, &f.Country, &f.Segment, &f.ContactName, &f.ContactEmail, &f.ContactPhone} {
		*p = strings.ToValidUTF8(*p, "\uFFFD")
	}
	f.Countries = s.countries.options(l.Lang, l.T("customers.field.choose_country"))
	f.Segments = []components.Option{{Value: "", Label: l.T("customers.field.choose_segment")}}
	for _, seg := range customers.Segments() {
		f.Segments = append(f.Segments, components.Option{Value: seg, Label: l.T("customers.segment." + seg)})
	}
	return s.render(c, status, custviews.NewPage(f))
}
