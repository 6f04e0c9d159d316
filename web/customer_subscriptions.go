package web

import (
	"github.com/labstack/echo/v4"

	custviews "portal/views/customers"
)

// customerSubscriptions shows the subscriptions tab of a customer's page (CUST-3).
func (s *Server) customerSubscriptions(c echo.Context) error {
	cust, err := s.customerFor(c)
	if err != nil {
		return err
	}
	return s.renderCustomerTab(c, cust, custviews.TabSubscriptions, custviews.TabEmpty("customer.subscriptions.empty_title", "customer.subscriptions.empty_body"))
}
