package web

import (
	"net/url"

	"github.com/labstack/echo/v4"

	"portal/internal/platform/keyset"
	"portal/views/components"
)

// keysetFetch reads one page of a list: after the cursor, or the page that
// ends before it when back is set; more says a page follows in the
// direction read.
type keysetFetch[T any] func(at keyset.Cursor, back bool) (rows []T, more bool, err error)

// keysetCount counts the list's rows up to a cap: the count and whether
// there are more (UX-4).
type keysetCount func() (n int64, capped bool, err error)

// keysetList reads the page of the list at base that the request's after or
// before parameter names (a missing or hand-edited one is the start), and
// its pager (PERF-6): Previous ends before the page's first row, Next
// starts after its last. A Previous that reaches the start shows the first
// page itself, full. The pager says which rows the page shows and how many
// there are (UX-4); size is the list's page size.
func keysetList[T any](c echo.Context, base string, size int, fetch keysetFetch[T], cursorOf func(T) keyset.Cursor, count keysetCount) ([]T, components.Pager, error) {
	pos := readListPosition(c)
	at, back := keyset.Cursor{}, false
	if cur, ok := keyset.Parse(c.QueryParam("after")); ok {
		at = cur
	} else if cur, ok := keyset.Parse(c.QueryParam("before")); ok {
		at, back = cur, true
	}
	rows, more, err := fetch(at, back)
	if err != nil {
		return nil, components.Pager{}, err
	}
	if back && !more {
		at, back, pos = keyset.Cursor{}, false, listPosition{first: 1}
		if rows, more, err = fetch(at, back); err != nil {
			return nil, components.Pager{}, err
		}
	}
	var p components.Pager
	if len(rows) == 0 {
		return rows, p, nil
	}
	if at.IsZero() {
		pos = listPosition{first: 1}
	}
	total, capped, err := count()
	if err != nil {
		return nil, components.Pager{}, err
	}
	p.Summary = pos.summary(localizerOf(c), len(rows), total, capped)
	hasPrev, hasNext := !at.IsZero(), more
	if back {
		hasPrev, hasNext = more, true
	}
	if hasPrev {
		p.PrevHref = base + "?before=" + url.QueryEscape(cursorOf(rows[0]).Encode()) + "&row=" + pos.prev(size)
	}
	if hasNext {
		p.NextHref = base + "?after=" + url.QueryEscape(cursorOf(rows[len(rows)-1]).Encode()) + "&row=" + pos.next(len(rows))
	}
	return rows, p, nil
}
