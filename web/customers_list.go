package web

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/a-h/templ"
	"github.com/labstack/echo/v4"

	"portal/internal/customers"
	"portal/views/components"
	custviews "portal/views/customers"
	"portal/views/ui"
)

const (
	// customersPerPage is the customer list's page size (CUST-1).
	customersPerPage = 25
	// customersCountCap bounds the list's count query; beyond it the
	// summary says "more than" (PERF-1).
	customersCountCap = 1000
	// maxCustomerPage bounds ?page=, which is sent on to a keyset cursor.
	maxCustomerPage = 4000
)

// customerListParams are the list's query parameters, read so that no query
// string can fail the page: unknown values are ignored.
type customerListParams struct {
	filter customers.Filter
	desc   bool
}

func (s *Server) customerListParams(c echo.Context) customerListParams {
	p := customerListParams{filter: customers.Filter{Q: queryText(c.QueryParam("q"), 100)}}
	if seg := c.QueryParam("segment"); customers.ValidSegment(seg) {
		p.filter.Segment = seg
	}
	if co := strings.ToUpper(queryText(c.QueryParam("country"), 2)); customers.ValidCountry(co) {
		p.filter.Country = co
	}
	p.desc = c.QueryParam("sort") == "-name"
	return p
}

// values returns the parameters as a query, for links that keep them.
func (p customerListParams) values() url.Values {
	v := url.Values{"q": {p.filter.Q}, "segment": {p.filter.Segment}, "country": {p.filter.Country}}
	if p.desc {
		v.Set("sort", "-name")
	}
	return v
}

// customersList is the customer list (CUST-1): search, segment and country
// filters, sorted by name, 25 a page, with a bounded count of the matches
// (read with the page: a search plans its words once for both).
func (s *Server) customersList(c echo.Context) error {
	ctx := c.Request().Context()
	v := mustViewer(c)
	l := localizerOf(c)
	p := s.customerListParams(c)
	q := customers.ListQuery{Filter: p.filter, Desc: p.desc, Limit: customersPerPage, Brief: true}
	if cur, ok := customers.ParseCursor(c.QueryParam("after")); ok {
		q.After = &cur
	} else if cur, ok := customers.ParseCursor(c.QueryParam("before")); ok {
		q.Before = &cur
	} else if n, err := strconv.Atoi(c.QueryParam("page")); err == nil && n >= 1 {
		return s.customersPageRedirect(c, p, n)
	}
	read, err := s.customersPage(ctx, v.Partner.ID, q, customersCountCap)
	if err != nil {
		return err
	}
	page, total, capped := read.page, read.count.n, read.count.capped
	kept := read.kept
	if q.Before != nil && !page.HasMore {
		// Back at the start: show the first page itself, which is full.
		q.Before = nil
		if page, err = s.customers.List(ctx, v.Partner.ID, q); err != nil {
			return err
		}
		kept = nil
	}

	m := custviews.List{
		Q: p.filter.Q, Segment: p.filter.Segment, Country: p.filter.Country, Sort: "name",
		Total: total, Capped: capped,
		Filtered:  p.filter != (customers.Filter{}),
		Countries: s.countries.lists[l.Lang],
		Segments:  []components.Option{{Value: "", Label: l.T("customers.all_segments")}},
		SortDir:   "asc",
		Export:    withQuery("/customers.csv", p.values()),
	}
	for _, seg := range customers.Segments() {
		m.Segments = append(m.Segments, components.Option{Value: seg, Label: l.T("customers.segment." + seg)})
	}
	sortLink := p.values()
	if p.desc {
		m.Sort, m.SortDir = "-name", "desc"
		sortLink.Del("sort")
	} else {
		sortLink.Set("sort", "-name")
	}
	m.SortHref = withQuery("/customers", sortLink)
	m.Shown = len(page.Customers)
	rows := func() templ.Component {
		out := make([]custviews.ListRow, 0, len(page.Customers))
		for _, cu := range page.Customers {
			out = append(out, custviews.ListRow{
				ID: cu.ID, Name: cu.Name, Domain: cu.Domain, Country: s.countries.name(l.Lang, cu.Country),
				Segment: cu.Segment, Relationship: cu.Relationship,
			})
		}
		return custviews.Rows(out)
	}
	if kept != nil {
		// The rows are made and written once per language for the page
		// read: its many views (the first page, a common search) write
		// them again.
		m.Rows = ui.Kept(kept, l.Lang, rows)
	} else {
		m.Rows = rows()
	}
	pos := readListPosition(c)
	switch {
	case q.Offset > 0:
		pos.first = q.Offset + 1
	case q.After == nil && q.Before == nil:
		pos.first = 1
	}
	m.Pager.Summary = pos.summary(l, len(page.Customers), total, capped)
	if n := len(page.Customers); n > 0 {
		first, last := customers.CursorOf(page.Customers[0]), customers.CursorOf(page.Customers[n-1])
		hasPrev, hasNext := q.After != nil || q.Offset > 0, page.HasMore
		if q.Before != nil {
			hasPrev, hasNext = page.HasMore, true
		}
		if hasPrev {
			link := p.values()
			link.Set("before", first.Encode())
			link.Set("row", pos.prev(customersPerPage))
			m.Pager.PrevHref = withQuery("/customers", link)
		}
		if hasNext {
			link := p.values()
			link.Set("after", last.Encode())
			link.Set("row", pos.next(n))
			m.Pager.NextHref = withQuery("/customers", link)
		}
	}
	return s.render(c, http.StatusOK, custviews.ListPage(m))
}
