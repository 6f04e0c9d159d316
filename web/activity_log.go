package web

import (
	"net/http"

	"github.com/a-h/templ"
	"github.com/labstack/echo/v4"

	"portal/internal/activity"
	"portal/internal/auth"
	"portal/internal/perm"
	"portal/internal/platform/db"
	actviews "portal/views/activity"
	"portal/views/components"
	"portal/views/ui"
)

// activityPageSize is how many entries one page of the log shows.
const activityPageSize = 50

// fullFilters is how many filters whose count went past its cap the log
// remembers (activity.FullCounts): a few hundred bytes each.
const fullFilters = 4096

// activityLog shows the partner's activity log with its filters, newest
// first, a keyset pager and the CSV export link (LOG-2). Bad filters answer
// 422 with the filter bar explaining each one.
func (s *Server) activityLog(c echo.Context) error {
	q, err := s.readActivityQuery(c)
	if err != nil {
		return err
	}
	actions, err := s.actionChoices(c, q.form.Type)
	if err != nil {
		return err
	}
	m := actviews.Page{
		Filters: q.form, Errors: q.errs, CustomerName: q.customerName, AllObjectsHref: q.withoutResource(), Filtered: q.named(c),
		Actions: actions, Users: userChoices(c, q.users),
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
	ctx, partnerID := c.Request().Context(), mustViewer(c).Partner.ID
	read, err := s.activityPage(ctx, partnerID, q.filter, cur, activityPageSize, db.CountCap)
	if err != nil {
		return err
	}
	page, total, capped := read.page, read.count.n, read.count.capped
	// The rows are made and written once per language and roles for the
	// page read.
	m.Shown = len(page.Entries)
	rowsKey := keptRowsKey{lang: localizerOf(c).Lang, roles: mustViewer(c).Roles.String()}
	m.Rows = ui.Kept(read.kept, rowsKey, func() templ.Component {
		return actviews.Rows(activityRows(c, page.Entries, read.in(localizerOf(c)), q.users))
	})
	pos := readListPosition(c)
	if cur.IsZero() {
		pos = listPosition{first: 1}
	}
	link := func(cursor, row string) string {
		if cursor == "" {
			return ""
		}
		v := q.values()
		v.Set("cursor", cursor)
		v.Set("row", row)
		return withQuery("/activity", v)
	}
	m.Pager = components.Pager{
		PrevHref: link(page.Prev, pos.prev(activityPageSize)), NextHref: link(page.Next, pos.next(len(page.Entries))),
		Summary: pos.summary(localizerOf(c), len(page.Entries), total, capped),
	}
	return s.render(c, http.StatusOK, actviews.Log(m))
}

// activityRows builds the table's rows from the entries and their
// descriptions as told, naming users from the partner's user list already
// loaded for the filter (no query per row).
func activityRows(c echo.Context, entries []activity.Entry, told []said, users []auth.User) []actviews.Row {
	byID := make(map[string]auth.User, len(users))
	for _, u := range users {
		byID[u.ID] = u
	}
	l := localizerOf(c)
	rows := make([]actviews.Row, 0, len(entries))
	for i, e := range entries {
		r := actviews.Row{
			At: e.At, CustomerID: e.CustomerID, CustomerName: e.CustomerName,
			UserName: e.ActorName, Href: entryHref(mustViewer(c).Roles, e.ResourceType, e.ResourceID),
		}
		r.When, r.Summary, r.Changes = told[i].when, told[i].summary, told[i].changes
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

// entryHref links an entry to the page of the object it changed, when
// that object has one and the viewer may open it.
func entryHref(roles perm.Roles, resourceType, id string) string {
	p, ok := entryPages[resourceType]
	if !ok || id == "" || !roles.Can(p.may) {
		return ""
	}
	return p.prefix + id
}

// entryPages are the pages of the objects an entry may change, by resource
// type, with the permission that opens each.
var entryPages = map[string]struct {
	prefix string
	may    perm.Action
}{
	"subscription": {"/subscriptions/", perm.ViewCustomers}, "software": {"/software/", perm.ViewCustomers},
	"order": {"/orders/", perm.ViewCustomers}, "customer": {"/customers/", perm.ViewCustomers},
	"reservation": {"/reservations/", perm.ViewReservations}, "support_request": {"/support/", perm.Support},
	"invoice": {"/billing/invoices/", perm.Billing},
}
