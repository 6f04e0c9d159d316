package web

import (
	"strconv"

	"github.com/labstack/echo/v4"

	"portal/internal/platform/i18n"
)

// listPosition is where a keyset page lies in its list (UX-4): the number of
// its first row, carried in the pager's links as "row" because a cursor
// knows where it is in the data, not how many rows came before.
type listPosition struct {
	first int // 1-based number of the page's first row
}

// readListPosition reads the "row" parameter; a missing or odd value is the
// first row (it only labels the page, it never selects data).
func readListPosition(c echo.Context) listPosition {
	n, err := strconv.Atoi(queryText(c.QueryParam("row"), 12))
	if err != nil || n < 1 {
		n = 1
	}
	return listPosition{first: n}
}

// next is the first row of the next page after shown rows.
func (p listPosition) next(shown int) string { return strconv.Itoa(p.first + shown) }

// prev is the first row of the previous page of size rows.
func (p listPosition) prev(size int) string { return strconv.Itoa(max(1, p.first-size)) }

// summary says which rows the page shows and how many match: "Showing 26–50
// of 1,234", or "of 1,000+" when the count stopped at its cap.
func (p listPosition) summary(l *i18n.Localizer, shown int, total int64, capped bool) string {
	if shown == 0 {
		return ""
	}
	first, last := int64(p.first), int64(p.first+shown-1)
	if !capped && last > total {
		// A stale "row" (entries were added since): keep the numbers true.
		first, last = max(1, total-int64(shown)+1), total
	}
	key := "list.showing"
	if capped {
		key = "list.showing_capped"
	}
	return l.T(key, l.Number(first), l.Number(last), l.Number(total))
}
