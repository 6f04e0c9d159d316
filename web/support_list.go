package web

import (
	"net/http"
	"net/url"

	"github.com/labstack/echo/v4"

	"portal/internal/platform/db"
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
	ctx, partnerID, f := c.Request().Context(), mustViewer(c).Partner.ID, support.Filter{Status: status, Severity: severity}
	page, err := s.support.List(ctx, partnerID, f, after, before, supportPageSize)
	if err != nil {
		return err
	}
	total, capped, err := s.support.Count(ctx, partnerID, f, db.CountCap)
	if err != nil {
		return err
	}
	pos := readListPosition(c)
	if after.IsZero() && (before.IsZero() || !page.HasPrev) {
		pos.first = 1
	}
	m := supviews.List{Status: status, Severity: severity, Statuses: support.Statuses(), Severities: support.Severities(),
		Filtered: status != "" || severity != ""}
	for _, r := range page.Requests {
		m.Rows = append(m.Rows, supviews.ListRow{ID: r.ID, Number: r.Number, Title: r.Title, CustomerName: r.CustomerName,
			ProblemType: r.ProblemType, Severity: r.Severity, Status: r.Status, CreatedBy: r.CreatedByName, CreatedAt: r.CreatedAt})
	}
	m.Pager = components.Pager{Summary: pos.summary(localizerOf(c), len(page.Requests), total, capped)}
	if page.HasPrev {
		q := url.Values{"status": {status}, "severity": {severity}, "before": {page.Prev.String()}, "row": {pos.prev(supportPageSize)}}
		m.Pager.PrevHref = withQuery("/support", q)
	}
	if !page.Next.IsZero() {
		q := url.Values{"status": {status}, "severity": {severity}, "after": {page.Next.String()}, "row": {pos.next(len(page.Requests))}}
		m.Pager.NextHref = withQuery("/support", q)
	}
	return s.render(c, http.StatusOK, supviews.ListPage(m))
}
