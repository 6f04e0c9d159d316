package web

import (
	"net/http"

	"github.com/a-h/templ"
	"github.com/labstack/echo/v4"

	"portal/internal/customers"
	custviews "portal/views/customers"
)

// paneSize is how many subscriptions the actions pane lists.
const paneSize = 12

// customerFor loads the customer named by the :id parameter, scoped to the
// signed-in user's partner: another partner's ID is a 404 (AUTH-1).
func (s *Server) customerFor(c echo.Context) (customers.Customer, error) {
	return s.customers.Get(c.Request().Context(), mustViewer(c).Partner.ID, c.Param("id"))
}

// customerHeader builds what every tab of a customer's page shows, with the
// actions pane's subscriptions in one query.
func (s *Server) customerHeader(c echo.Context, cust customers.Customer) (custviews.Header, error) {
	items, err := s.subs.Pane(c.Request().Context(), cust.PartnerID, cust.ID, paneSize+1)
	if err != nil {
		return custviews.Header{}, err
	}
	h := custviews.Header{
		ID: cust.ID, Name: cust.Name, Domain: cust.Domain, TenantID: cust.TenantID,
		Country: cust.Country, Segment: cust.Segment, Relationship: cust.Relationship,
	}
	if len(items) > paneSize {
		items, h.PaneMore = items[:paneSize], true
	}
	for _, it := range items {
		h.Pane = append(h.Pane, custviews.PaneItem{ID: it.ID, Name: it.OfferName, Status: it.Status, Quantity: it.Quantity, BoughtDirectly: it.BoughtDirectly})
	}
	return h, nil
}

// renderCustomerTab renders a customer's page with one tab's content.
func (s *Server) renderCustomerTab(c echo.Context, cust customers.Customer, tab string, content templ.Component) error {
	h, err := s.customerHeader(c, cust)
	if err != nil {
		return err
	}
	return s.render(c, http.StatusOK, custviews.Detail(h, tab, content))
}
