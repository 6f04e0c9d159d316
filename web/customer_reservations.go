package web

import (
	"github.com/labstack/echo/v4"

	"portal/internal/platform/db"
	"portal/internal/platform/keyset"
	"portal/internal/reservations"
	custviews "portal/views/customers"
	resviews "portal/views/reservations"
)

// reservationsPerPage is how many reservations the tab lists per page.
const reservationsPerPage = 50

// customerReservations shows the Azure reservations tab of a customer's
// page (CUST-3, RES-1): the customer's reservations, newest first, one
// keyset page per query (PERF-6).
func (s *Server) customerReservations(c echo.Context) error {
	cust, err := s.customerFor(c)
	if err != nil {
		return err
	}
	fetch := func(at keyset.Cursor, back bool) ([]reservations.Reservation, bool, error) {
		p, err := s.reservations.ForCustomer(c.Request().Context(), cust.PartnerID, cust.ID, at, back, reservationsPerPage)
		return p.Reservations, p.HasMore, err
	}
	list, pager, err := keysetList(c, "/customers/"+cust.ID+"/reservations", reservationsPerPage, fetch, reservations.CursorOf, func() (int64, bool, error) {
		return s.reservations.CountForCustomer(c.Request().Context(), cust.PartnerID, cust.ID, db.CountCap)
	})
	if err != nil {
		return err
	}
	now := s.clock.Now()
	rows := make([]resviews.Row, 0, len(list))
	for _, r := range list {
		rows = append(rows, resviews.Row{ID: r.ID, Name: r.Name, Quantity: r.Quantity, TermMonths: r.TermMonths,
			PurchasedAt: r.PurchasedAt, ExpiresAt: r.ExpiresAt, Scope: r.Scope, Status: r.EffectiveStatus(now)})
	}
	return s.renderCustomerTab(c, cust, custviews.TabReservations, resviews.Tab(cust.ID, rows, pager))
}
