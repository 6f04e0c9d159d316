package web

import (
	"net/http"
	"net/url"

	"github.com/labstack/echo/v4"

	"portal/internal/support"
	"portal/views/components"
	supviews "portal/views/support"
)

// supportPageSize is how many requests a page of the list shows.
const supportPageSize = 25

// supportList lists the partner's support requests with status and
// severity filters, newest first, keyset-paginated (SUP-2).
func (s *Server) supportList(c echo.Context) error {
	status, severity := queryText(c.QueryParam("status"), 20), queryText(c.QueryParam("severity"), 20)
	if !support.Valid(support.Statuses(), status) {
		status = ""
	}
	if !support.Valid(support.Severities(), severity) {
		severity = ""
	}
	after, before := support.ParseCursor(c.QueryParam("after")), support.ParseCursor(c.QueryParam("before"))
	page, err := s.support.List(c.Request().Context(), mustViewer(c).Partner.ID, support.Filter{Status: status, Severity: severity}, after, before, supportPageSize)
	if err != nil {
		return err
	}
	m := supviews.List{Status: status, Severity: severity, Statuses: support.Statuses(), Severities: support.Severities(),
		Filtered: status != "" || severity != ""}
	for _, r := range page.Requests {
		m.Rows = append(m.Rows, supviews.ListRow{ID: r.ID, Number: r.Number, Title: r.Title, CustomerName: r.CustomerName,
			ProblemType: r.ProblemType, Severity: r.Severity, Status: r.Status, CreatedBy: r.CreatedByName, CreatedAt: r.CreatedAt})
	}
	m.Pager = components.Pager{}
	if page.HasPrev {
		q := url.Values{"status": {status}, "severity": {severity}, "before": {page.Prev.String()}}
		m.Pager.PrevHref = withQuery("/support", q)
	}
	if !page.Next.IsZero() {
		q := url.Values{"status": {status}, "severity": {severity}, "after": {page.Next.String()}}
		m.Pager.NextHref = withQuery("/support", q)
	}
	return s.render(c, http.StatusOK, supviews.ListPage(m))
}
