package web

import (
	"github.com/labstack/echo/v4"

	custviews "portal/views/customers"
)

// customerAccount shows the account tab of a customer's page (CUST-3).
func (s *Server) customerAccount(c echo.Context) error {
	cust, err := s.customerFor(c)
	if err != nil {
		return err
	}
	return s.renderCustomerTab(c, cust, custviews.TabAccount, custviews.TabEmpty("customer.account.empty_title", "customer.account.empty_body"))
}
