package web

import (
	"github.com/labstack/echo/v4"

	"portal/internal/platform/db"
	"portal/internal/platform/keyset"
	"portal/internal/software"
	custviews "portal/views/customers"
	swviews "portal/views/software"
)

// softwarePerPage is how many purchases the Software tab lists per page.
const softwarePerPage = 50

// customerSoftware shows the software tab of a customer's page: the
// purchases with their kind, order, date and status, newest first, one
// keyset page per query (CUST-3, SW-1, PERF-6).
func (s *Server) customerSoftware(c echo.Context) error {
	cust, err := s.customerFor(c)
	if err != nil {
		return err
	}
	fetch := func(at keyset.Cursor, back bool) ([]software.Purchase, bool, error) {
		p, err := s.software.List(c.Request().Context(), cust.PartnerID, cust.ID, at, back, softwarePerPage)
		return p.Purchases, p.HasMore, err
	}
	list, pager, err := keysetList(c, "/customers/"+cust.ID+"/software", softwarePerPage, fetch, software.CursorOf, func() (int64, bool, error) {
		return s.software.CountForCustomer(c.Request().Context(), cust.PartnerID, cust.ID, db.CountCap)
	})
	if err != nil {
		return err
	}
	tab := swviews.Tab{CustomerID: cust.ID, Pager: pager}
	for _, p := range list {
		tab.Rows = append(tab.Rows, swviews.Row{
			ID: p.ID, Product: p.ProductName, Kind: p.Kind, OrderID: p.OrderID,
			Quantity: p.Quantity, PurchasedAt: p.PurchasedAt, Status: p.Status,
		})
	}
	return s.renderCustomerTab(c, cust, custviews.TabSoftware, swviews.TabContent(tab))
}
