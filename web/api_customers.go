package web

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"portal/internal/customers"
	"portal/views/components"
)

// apiCustomer is a customer as the API writes it.
type apiCustomer struct {
	ID             string     `json:"id"`
	CompanyName    string     `json:"company_name"`
	Domain         string     `json:"domain"`
	TenantID       string     `json:"tenant_id"`
	Country        string     `json:"country"`
	Segment        string     `json:"segment"`
	Relationship   string     `json:"relationship"`
	BillingContact apiContact `json:"billing_contact"`
	OpenedAt       string     `json:"opened_at"`
}

// apiContact is a customer's billing contact.
type apiContact struct {
	Name  string `json:"name"`
	Email string `json:"email"`
	Phone string `json:"phone"`
}

func customerOf(cu customers.Customer) apiCustomer {
	return apiCustomer{ID: cu.ID, CompanyName: cu.Name, Domain: cu.Domain, TenantID: cu.TenantID, Country: cu.Country,
		Segment: cu.Segment, Relationship: cu.Relationship, OpenedAt: apiTime(cu.OpenedAt),
		BillingContact: apiContact{Name: cu.ContactName, Email: cu.ContactEmail, Phone: cu.ContactPhone}}
}

// apiLimit reads a list's page size: 25 by default, at most 100.
func apiLimit(c echo.Context, errs components.FieldErrors) int {
	raw := c.QueryParam("limit")
	if raw == "" {
		return 25
	}
	n, err := strconv.Atoi(raw)
	if err != nil || n < 1 || n > 100 {
		errs.Add("limit", "api.error.bad_limit", 100)
	}
	return n
}

// apiCustomersList lists customers with the web list's search and filters
// (CUST-1, API-1), sorted by name, one page after the cursor.
func (s *Server) apiCustomersList(c echo.Context) error {
	errs := components.FieldErrors{}
	f := customers.Filter{Q: queryText(c.QueryParam("q"), 100), Segment: c.QueryParam("segment"), Country: strings.ToUpper(c.QueryParam("country"))}
	if f.Segment != "" && !customers.ValidSegment(f.Segment) {
		errs.Add("segment", "customers.error.bad_segment")
	}
	if f.Country != "" && !customers.ValidCountry(f.Country) {
		errs.Add("country", "customers.error.bad_country")
	}
	q := customers.ListQuery{Filter: f, Limit: apiLimit(c, errs)}
	if raw := c.QueryParam("cursor"); raw != "" {
		cur, ok := customers.ParseCursor(raw)
		if !ok {
			errs.Add("cursor", "api.error.bad_cursor")
		}
		q.After = &cur
	}
	if errs.Any() {
		return apiInvalid(errs)
	}
	page, err := s.customers.List(c.Request().Context(), mustViewer(c).Partner.ID, q)
	if err != nil {
		return err
	}
	out := make([]apiCustomer, 0, len(page.Customers))
	for _, cu := range page.Customers {
		out = append(out, customerOf(cu))
	}
	next := ""
	if n := len(page.Customers); n > 0 && page.HasMore {
		v := url.Values{"q": {f.Q}, "segment": {f.Segment}, "country": {f.Country}, "limit": {c.QueryParam("limit")}}
		v.Set("cursor", customers.CursorOf(page.Customers[n-1]).Encode())
		next = withQuery("/api/v1/customers", v)
	}
	return c.JSON(http.StatusOK, listOf(out, next))
}

// apiCustomerGet is one customer; another partner's is a 404 (AUTH-1).
func (s *Server) apiCustomerGet(c echo.Context) error {
	cu, err := s.customerFor(c)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, customerOf(cu))
}
