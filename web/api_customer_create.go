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

// apiNewCustomer is the body of a customer creation; its fields are the
// page's form fields, so each bad one is named as the page names it.
type apiNewCustomer struct {
	CompanyName  string `json:"company_name"`
	Domain       string `json:"domain"`
	Country      string `json:"country"`
	Segment      string `json:"segment"`
	ContactName  string `json:"contact_name"`
	ContactEmail string `json:"contact_email"`
	ContactPhone string `json:"contact_phone"`
}

// apiCustomerFields maps the page form's field names to the API's.
var apiCustomerFields = map[string]string{"name": "company_name"}

// apiCustomerCreate creates a customer (CUST-2) with the page's checks and
// the page's store operation and activity entry (API-5).
func (s *Server) apiCustomerCreate(c echo.Context) error {
	var in apiNewCustomer
	if err := readJSON(c, &in); err != nil {
		return err
	}
	f := custviews.NewForm{
		Name: cleanText(in.CompanyName), Domain: customers.NormalizeDomain(in.Domain),
		Country: strings.ToUpper(cleanText(in.Country)), Segment: cleanText(in.Segment),
		ContactName: cleanText(in.ContactName), ContactEmail: cleanText(in.ContactEmail), ContactPhone: cleanText(in.ContactPhone),
		Errors: components.FieldErrors{},
	}
	validateCustomer(f)
	if f.Errors.Any() {
		return apiInvalid(renameFields(f.Errors, apiCustomerFields))
	}
	cu, err := s.customers.Create(c.Request().Context(), mustViewer(c).Partner.ID, actorOf(c), customers.NewCustomer{
		Name: f.Name, Domain: f.Domain, Country: f.Country, Segment: f.Segment,
		ContactName: f.ContactName, ContactEmail: auth.NormalizeEmail(f.ContactEmail), ContactPhone: f.ContactPhone,
	})
	if errors.Is(err, customers.ErrDomainTaken) {
		errs := components.FieldErrors{}
		errs.Add("domain", "customers.error.domain_taken")
		return apiInvalid(errs)
	}
	if err != nil {
		return err
	}
	c.Response().Header().Set("Location", "/api/v1/customers/"+cu.ID)
	return c.JSON(http.StatusCreated, customerOf(cu))
}

// renameFields returns errs with the fields renamed by names.
func renameFields(errs components.FieldErrors, names map[string]string) components.FieldErrors {
	out := components.FieldErrors{}
	for field, fe := range errs {
		if n, ok := names[field]; ok {
			field = n
		}
		out[field] = fe
	}
	return out
}
