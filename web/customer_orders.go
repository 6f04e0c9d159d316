package web

import (
	"github.com/labstack/echo/v4"

	custviews "portal/views/customers"
)

// customerOrders shows the orders tab of a customer's page (CUST-3).
func (s *Server) customerOrders(c echo.Context) error {
	cust, err := s.customerFor(c)
	if err != nil {
		return err
	}
	return s.renderCustomerTab(c, cust, custviews.TabOrders, custviews.TabEmpty("customer.orders.empty_title", "customer.orders.empty_body"))
}
