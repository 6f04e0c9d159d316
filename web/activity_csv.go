package web

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"portal/internal/activity"
)

// activityCSV streams the activity log as CSV with the page's filters
// (LOG-2): a header in the user's language, then every matching entry.
func (s *Server) activityCSV(c echo.Context) error {
	q, err := s.readActivityQuery(c)
	if err != nil {
		return err
	}
	if q.errs.Any() {
		return &pageError{status: http.StatusUnprocessableEntity, titleKey: "error.422.title", bodyKey: "activity.filter.invalid"}
	}
	l := localizerOf(c)
	var header []string
	for _, col := range activity.CSVColumns() {
		header = append(header, l.T("activity.csv."+col))
	}
	h := c.Response().Header()
	h.Set(echo.HeaderContentType, "text/csv; charset=utf-8")
	h.Set(echo.HeaderContentDisposition, `attachment; filename="activity-`+q.form.From+`-to-`+q.form.To+`.csv"`)
	h.Set("Cache-Control", "no-store")
	c.Response().WriteHeader(http.StatusOK)
	// A byte-order mark lets spreadsheets read the UTF-8 text (accents) right.
	if _, err := c.Response().Write([]byte("\uFEFF")); err != nil {
		return nil // the client went away
	}
	if err := s.activityLogStore.Export(c.Request().Context(), c.Response(), mustViewer(c).Partner.ID, q.filter, header, actionLabeler(c), describeForCSV(l)); err != nil {
		// The status is sent: log the failure; the file ends short.
		s.log.ErrorContext(c.Request().Context(), "activity export failed", "err", err)
	}
	return nil
}
