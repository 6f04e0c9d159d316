package web

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"portal/internal/activity"
	"portal/internal/auth"
	actviews "portal/views/activity"
	"portal/views/components"
)

// activityPageSize is how many entries one page of the log shows.
const activityPageSize = 50

// activityLog shows the partner's activity log with its filters, newest
// first, a keyset pager and the CSV export link (LOG-2). Bad filters answer
// 422 with the filter bar explaining each one.
func (s *Server) activityLog(c echo.Context) error {
	q, err := s.readActivityQuery(c)
	if err != nil {
		return err
	}
	m := actviews.Page{
		Filters: q.form, Errors: q.errs, CustomerName: q.customerName,
		Actions: s.actionChoices(c, q.form.Type), Users: userChoices(c, q.users),
		CSVHref: withQuery("/activity.csv", q.values()),
	}
	if q.errs.Any() {
		return s.render(c, http.StatusUnprocessableEntity, actviews.Log(m))
	}
	// A cursor this page did not make shows the first page rather than an error.
	cur, err := activity.ParseCursor(queryText(c.QueryParam("cursor"), 300))
	if err != nil {
		cur = activity.Cursor{}
	}
	page, err := s.activityLogStore.List(c.Request().Context(), mustViewer(c).Partner.ID, q.filter, cur, activityPageSize)
	if err != nil {
		return err
	}
	m.Rows = activityRows(c, page.Entries, q.users)
	link := func(cursor string) string {
		if cursor == "" {
			return ""
		}
		v := q.values()
		v.Set("cursor", cursor)
		return withQuery("/activity", v)
	}
	m.Pager = components.Pager{PrevHref: link(page.Prev), NextHref: link(page.Next)}
	return s.render(c, http.StatusOK, actviews.Log(m))
}

// activityRows builds the table's rows, naming users from the partner's
// user list already loaded for the filter (no query per row).
func activityRows(c echo.Context, entries []activity.Entry, users []auth.User) []actviews.Row {
	byID := make(map[string]auth.User, len(users))
	for _, u := range users {
		byID[u.ID] = u
	}
	l := localizerOf(c)
	rows := make([]actviews.Row, 0, len(entries))
	for _, e := range entries {
		r := actviews.Row{
			At: e.At, CustomerID: e.CustomerID, CustomerName: e.CustomerName, Action: e.Action,
			UserName: e.ActorName, ResourceType: e.ResourceType, ResourceID: e.ResourceID, Details: e.Details,
		}
		switch {
		case e.ActorID != "":
			if u, ok := byID[e.ActorID]; ok {
				r.UserName, r.UserEmail = u.Name, u.Email
			}
		case e.ActorName == activity.System.Name:
			r.UserName = l.T("activity.actor.system")
		case e.ActorName == activity.Anonymous.Name:
			r.UserName = l.T("activity.actor.anonymous")
		}
		if name, ok := activity.APIToken(e.Via); ok {
			r.Via = l.T("activity.via_api", name)
		}
		for _, ch := range activity.Changes(e.Before, e.After) {
			r.Changes = append(r.Changes, actviews.Change{Field: ch.Field, Before: clip(ch.Before, 120), After: clip(ch.After, 120)})
		}
		rows = append(rows, r)
	}
	return rows
}

// userChoices is the user select: all users first, then each by name.
func userChoices(c echo.Context, users []auth.User) []components.Option {
	opts := []components.Option{{Value: "", Label: localizerOf(c).T("activity.filter.all_users")}}
	for _, u := range users {
		opts = append(opts, components.Option{Value: u.ID, Label: u.Name + " (" + u.Email + ")"})
	}
	return opts
}

// clip shortens a long value for the table; the CSV export has it whole.
func clip(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}
