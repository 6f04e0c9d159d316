package web

import (
	"net/http"

	"github.com/labstack/echo/v4"
)

// customersPageRedirect answers an old ?page=N link of the customer list
// (the URL contract keeps page) with a 303 to the keyset URL of that page
// (PERF-6): the page's position is read once from the sort index, and the
// list, its Previous and Next links then cost what the first page costs.
// Past the end, or page 1, it is the first page.
func (s *Server) customersPageRedirect(c echo.Context, p customerListParams, n int) error {
	link := p.values()
	offset := (min(n, maxCustomerPage) - 1) * customersPerPage
	cur, ok, err := s.customers.PageStart(c.Request().Context(), mustViewer(c).Partner.ID, p.filter, p.desc, offset)
	if err != nil {
		return err
	}
	if ok {
		link.Set("after", cur.Encode())
	}
	return c.Redirect(http.StatusSeeOther, withQuery("/customers", link))
}
