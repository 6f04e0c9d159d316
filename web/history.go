package web

import (
	"net/url"

	"github.com/labstack/echo/v4"

	"portal/internal/activity"
	"portal/internal/auth"
	"portal/internal/perm"
	"portal/views/components"
)

// historySize is how many of an object's latest entries its page shows.
const historySize = 5

// historySince is the start of the range the "whole history" link asks the
// log for: before any entry, so the link shows all of an object's history.
const historySince = "2000-01-01"

// resourceHistory is the history card of one object's page (UX-3): its
// latest entries as sentences and the link to the log filtered to it. It is
// nil for a viewer who may not read the activity log (LOG-2).
func (s *Server) resourceHistory(c echo.Context, resourceID string) (*components.History, error) {
	return s.history(c, activity.Filter{ResourceID: resourceID}, url.Values{"resource": {resourceID}})
}

// customerHistory is the history card of a customer's pages (UX-3).
func (s *Server) customerHistory(c echo.Context, customerID string) (*components.History, error) {
	return s.history(c, activity.Filter{CustomerID: customerID}, url.Values{"customer": {customerID}})
}

// history reads the latest entries matching f, in two queries whatever
// their number (the entries, the partner's users for their names).
func (s *Server) history(c echo.Context, f activity.Filter, logQuery url.Values) (*components.History, error) {
	v := mustViewer(c)
	if !v.Roles.Can(perm.ActivityLog) {
		return nil, nil
	}
	ctx := c.Request().Context()
	read, err := s.activityPage(ctx, v.Partner.ID, f, activity.Cursor{}, historySize, 0)
	if err != nil {
		return nil, err
	}
	page := read.page
	var users []auth.User
	if len(page.Entries) > 0 {
		if users, err = s.auth.PartnerUserNames(ctx, v.Partner.ID); err != nil {
			return nil, err
		}
	}
	logQuery.Set("from", historySince)
	h := &components.History{LogHref: withQuery("/activity", logQuery)}
	for _, r := range activityRows(c, page.Entries, read.in(localizerOf(c)), users) {
		h.Entries = append(h.Entries, components.HistoryEntry{At: r.At, Summary: r.Summary, Changes: r.Changes, UserName: r.UserName})
	}
	return h, nil
}
