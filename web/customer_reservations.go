package web

import (
	"github.com/labstack/echo/v4"

	custviews "portal/views/customers"
	resviews "portal/views/reservations"
)

// customerReservations shows the Azure reservations tab of a customer's
// page (CUST-3, RES-1): the customer's reservations in one query.
func (s *Server) customerReservations(c echo.Context) error {
	cust, err := s.customerFor(c)
	if err != nil {
		return err
	}
	list, err := s.reservations.ForCustomer(c.Request().Context(), cust.PartnerID, cust.ID)
	if err != nil {
		return err
	}
	now := s.clock.Now()
	rows := make([]resviews.Row, 0, len(list))
	for _, r := range list {
		rows = append(rows, resviews.Row{ID: r.ID, Name: r.Name, Quantity: r.Quantity, TermMonths: r.TermMonths,
			PurchasedAt: r.PurchasedAt, ExpiresAt: r.ExpiresAt, Scope: r.Scope, Status: r.EffectiveStatus(now)})
	}
	return s.renderCustomerTab(c, cust, custviews.TabReservations, resviews.Tab(cust.ID, rows))
}
