package web

import (
	"github.com/labstack/echo/v4"

	"portal/internal/platform/keyset"
	"portal/views/components"
)

// keysetFetch reads one page of a list: after the cursor, or the page that
// ends before it when back is set; more says a page follows in the
// direction read.
type keysetFetch[T any] func(at keyset.Cursor, back bool) (rows []T, more bool, err error)

// keysetList reads the page of the list at base that the request's after or
// before parameter names (a missing or hand-edited one is the start), and
// its pager (PERF-6): Previous ends before the page's first row, Next
// starts after its last. A Previous that reaches the start shows the first
// page itself, full.
func keysetList[T any](c echo.Context, base string, fetch keysetFetch[T], cursorOf func(T) keyset.Cursor) ([]T, components.Pager, error) {
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
		at, back = keyset.Cursor{}, false
		if rows, more, err = fetch(at, back); err != nil {
			return nil, components.Pager{}, err
		}
	}
	var p components.Pager
	if len(rows) == 0 {
		return rows, p, nil
	}
	hasPrev, hasNext := !at.IsZero(), more
	if back {
		hasPrev, hasNext = more, true
	}
	if hasPrev {
		p.PrevHref = base + "?before=" + cursorOf(rows[0]).Encode()
	}
	if hasNext {
		p.NextHref = base + "?after=" + cursorOf(rows[len(rows)-1]).Encode()
	}
	return rows, p, nil
}
