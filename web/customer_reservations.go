package web

import (
	"github.com/labstack/echo/v4"

	custviews "portal/views/customers"
)

// customerReservations shows the reservations tab of a customer's page (CUST-3).
func (s *Server) customerReservations(c echo.Context) error {
	cust, err := s.customerFor(c)
	if err != nil {
		return err
	}
	return s.renderCustomerTab(c, cust, custviews.TabReservations, custviews.TabEmpty("customer.reservations.empty_title", "customer.reservations.empty_body"))
}
