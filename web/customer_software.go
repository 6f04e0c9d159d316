package web

import (
	"github.com/labstack/echo/v4"

	custviews "portal/views/customers"
)

// customerSoftware shows the software tab of a customer's page (CUST-3).
func (s *Server) customerSoftware(c echo.Context) error {
	cust, err := s.customerFor(c)
	if err != nil {
		return err
	}
	return s.renderCustomerTab(c, cust, custviews.TabSoftware, custviews.TabEmpty("customer.software.empty_title", "customer.software.empty_body"))
}
