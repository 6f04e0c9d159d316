package web

import (
	"net/url"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"portal/internal/activity"
	"portal/internal/auth"
	actviews "portal/views/activity"
	"portal/views/components"
)

// activityDefaultDays is the default date range of the log: the last 30 days (LOG-2).
const activityDefaultDays = 30

// activityQuery is the activity log's filters read from the URL: as typed,
// as a query, and what is wrong with them.
type activityQuery struct {
	form         actviews.Filters
	filter       activity.Filter
	errs         components.FieldErrors
	users        []auth.User // the partner's users by name, disabled ones included (their past actions stay in the log), for the user select and names
	customerName string
}

// readActivityQuery reads and checks the filters shared by the page and the
// CSV export (LOG-2): from and to are dates (YYYY-MM-DD, UTC, to included),
// by default the last 30 days by the portal's clock; type is an action name;
// customer is one of the partner's customers by domain, tenant ID or ID; user
// is one of the partner's users; resource is one object's ID (its history,
// UX-3). Bad values are field errors, never a 500.
func (s *Server) readActivityQuery(c echo.Context) (activityQuery, error) {
	partnerID := mustViewer(c).Partner.ID
	q := activityQuery{errs: components.FieldErrors{}}

	today := s.clock.Now().UTC().Truncate(24 * time.Hour)
	from := readDate(q.errs, "from", queryText(c.QueryParam("from"), 40), today.AddDate(0, 0, -activityDefaultDays))
	to := readDate(q.errs, "to", queryText(c.QueryParam("to"), 40), today)
	q.form.From, q.form.To = formOrDefault(c.QueryParam("from"), from), formOrDefault(c.QueryParam("to"), to)
	if !q.errs.Has("from") && !q.errs.Has("to") {
		if from.After(to) {
			q.errs.Add("to", "activity.filter.to_before_from")
		}
		q.filter.From, q.filter.To = from, to.AddDate(0, 0, 1)
	}

	q.form.Type = queryText(c.QueryParam("type"), 100)
	if q.form.Type != "" && !activity.ValidActionName(q.form.Type) {
		q.errs.Add("type", "activity.filter.bad_type")
	}
	q.filter.Action = q.form.Type

	var err error
	if q.users, err = s.auth.PartnerUserNames(c.Request().Context(), partnerID); err != nil {
		return q, err
	}
	q.form.User = queryText(c.QueryParam("user"), 100)
	if q.form.User != "" {
		known := false
		for _, u := range q.users {
			known = known || u.ID == q.form.User
		}
		if !known {
			q.errs.Add("user", "activity.filter.bad_user")
		}
	}
	q.filter.ActorID = q.form.User

	q.form.Resource = queryText(c.QueryParam("resource"), 100)
	if q.form.Resource != "" && !validResourceID(q.form.Resource) {
		q.errs.Add("resource", "activity.filter.bad_resource")
	}
	q.filter.ResourceID = q.form.Resource

	q.form.Customer = queryText(c.QueryParam("customer"), 253)
	if q.form.Customer != "" {
		cust, found, err := s.customers.FindByRef(c.Request().Context(), partnerID, q.form.Customer)
		switch {
		case err != nil:
			return q, err
		case !found:
			q.errs.Add("customer", "activity.filter.no_customer")
		default:
			q.filter.CustomerID, q.customerName = cust.ID, cust.Name
		}
	}
	return q, nil
}

// readDate parses a date field, or returns def when it is empty.
func readDate(errs components.FieldErrors, field, v string, def time.Time) time.Time {
	if v == "" {
		return def
	}
	d, err := time.Parse(time.DateOnly, v)
	if err != nil || d.Year() < 2000 || d.Year() > 9998 {
		errs.Add(field, "activity.filter.bad_date")
		return def
	}
	return d
}

// formOrDefault shows what the user typed, or the default date in use.
func formOrDefault(typed string, d time.Time) string {
	if typed = queryText(typed, 40); typed != "" {
		return typed
	}
	return d.Format(time.DateOnly)
}

// values returns the filters as URL query values (every filter, the dates
// included, so a link shows the same entries tomorrow).
func (q activityQuery) values() url.Values {
	return url.Values{
		"from": {q.form.From}, "to": {q.form.To}, "type": {q.form.Type},
		"customer": {q.form.Customer}, "user": {q.form.User}, "resource": {q.form.Resource},
	}
}

// named reports whether the request's URL names any filter, the dates
// included.
func (q activityQuery) named(c echo.Context) bool {
	for k := range q.values() {
		if c.QueryParam(k) != "" {
			return true
		}
	}
	return false
}

// validResourceID reports whether s can be an object's ID (a UUID or a
// similar token): letters, digits and '-', at most the column's size.
func validResourceID(s string) bool {
	return len(s) <= 64 && !strings.ContainsFunc(s, func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-')
	})
}

// actionLabeler names actions in the request's language, falling back to the
// raw name (the same rule as ui.ActionLabel, for the CSV export).
func actionLabeler(c echo.Context) func(string) string {
	l := localizerOf(c)
	return func(a string) string {
		key := "activity.action." + a
		if s := l.T(key); s != key {
			return s
		}
		return a
	}
}

// withoutResource is the log with the same filters but every object's entries.
func (q activityQuery) withoutResource() string {
	v := q.values()
	v.Del("resource")
	return withQuery("/activity", v)
}
