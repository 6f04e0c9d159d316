package web

import (
	"github.com/labstack/echo/v4"

	custviews "portal/views/customers"
	swviews "portal/views/software"
)

// customerSoftware shows the software tab of a customer's page: every
// software purchase with its kind, order, date and status, in one query
// (CUST-3, SW-1).
func (s *Server) customerSoftware(c echo.Context) error {
	cust, err := s.customerFor(c)
	if err != nil {
		return err
	}
	list, err := s.software.List(c.Request().Context(), cust.PartnerID, cust.ID)
	if err != nil {
		return err
	}
	tab := swviews.Tab{CustomerID: cust.ID}
	for _, p := range list {
		tab.Rows = append(tab.Rows, swviews.Row{
			ID: p.ID, Product: p.ProductName, Kind: p.Kind, OrderID: p.OrderID,
			Quantity: p.Quantity, PurchasedAt: p.PurchasedAt, Status: p.Status,
		})
	}
	return s.renderCustomerTab(c, cust, custviews.TabSoftware, swviews.TabContent(tab))
}
