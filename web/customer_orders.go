package web

import (
	"github.com/labstack/echo/v4"

	"portal/internal/orders"
	"portal/internal/platform/db"
	custviews "portal/views/customers"
	orderviews "portal/views/orders"
)

// ordersPerPage is how many orders the Orders tab lists per page.
const ordersPerPage = 50

// customerOrders shows the orders tab of a customer's page (CUST-3, CAT-11):
// the customer's orders, newest first, in one query with keyset paging.
func (s *Server) customerOrders(c echo.Context) error {
	cust, err := s.customerFor(c)
	if err != nil {
		return err
	}
	after := orders.ParseCursor(c.QueryParam("after"))
	rows, next, err := s.orders.ForCustomer(c.Request().Context(), cust.PartnerID, cust.ID, after, ordersPerPage)
	if err != nil {
		return err
	}
	total, capped, err := s.orders.CountForCustomer(c.Request().Context(), cust.PartnerID, cust.ID, db.CountCap)
	if err != nil {
		return err
	}
	pos := readListPosition(c)
	if after.ID == "" {
		pos.first = 1
	}
	base := "/customers/" + cust.ID + "/orders"
	h := orderviews.History{CustomerID: cust.ID, Summary: pos.summary(localizerOf(c), len(rows), total, capped)}
	for _, r := range rows {
		h.Rows = append(h.Rows, orderviews.Row{ID: r.ID, CreatedAt: r.CreatedAt, UserName: r.UserName, LineCount: r.LineCount, Total: r.Total})
	}
	if next.ID != "" {
		h.NextHref = base + "?after=" + next.String() + "&row=" + pos.next(len(rows))
	}
	if after.ID != "" {
		h.FirstHref = base
	}
	return s.renderCustomerTab(c, cust, custviews.TabOrders, orderviews.HistoryTab(h))
}
