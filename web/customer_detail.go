package web

import (
	"net/http"

	"github.com/a-h/templ"
	"github.com/labstack/echo/v4"

	"portal/internal/customers"
	custviews "portal/views/customers"
)

// customerFor loads the customer named by the :id parameter, scoped to the
// signed-in user's partner: another partner's ID is a 404 (AUTH-1).
func (s *Server) customerFor(c echo.Context) (customers.Customer, error) {
	return s.customerOf(c.Request().Context(), mustViewer(c).Partner.ID, c.Param("id"))
}

// customerHeader builds what every tab of a customer's page shows.
func (s *Server) customerHeader(_ echo.Context, cust customers.Customer) (custviews.Header, error) {
	return custviews.Header{
		ID: cust.ID, Name: cust.Name, Domain: cust.Domain, TenantID: cust.TenantID,
		Country: cust.Country, Segment: cust.Segment, Relationship: cust.Relationship,
	}, nil
}

// renderCustomerTab renders a customer's page with one tab's content.
func (s *Server) renderCustomerTab(c echo.Context, cust customers.Customer, tab string, content templ.Component) error {
	h, err := s.customerHeader(c, cust)
	if err != nil {
		return err
	}
	return s.render(c, http.StatusOK, custviews.Detail(h, tab, content))
}
