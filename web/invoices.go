package web

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/a-h/templ"
	"github.com/labstack/echo/v4"

	"portal/internal/billing"
	"portal/internal/platform/db"
	billviews "portal/views/billing"
	"portal/views/components"
	"portal/views/ui"
)

// invoicesPerPage is how many invoices one page lists.
const invoicesPerPage = 50

// invoicesPage lists the partner's invoices (BILL-2), newest period first,
// filtered by customer (primary domain) and billing period, keyset-paged.
func (s *Server) invoicesPage(c echo.Context) error {
	ctx := c.Request().Context()
	v := mustViewer(c)
	l := billviews.List{Customer: strings.ToLower(queryText(c.QueryParam("customer"), 253))}
	var f billing.Filter
	if start, ok := billing.ParsePeriod(c.QueryParam("period")); ok {
		f.Period, l.Period = start, billing.PeriodKey(start)
	}
	f.After = billing.ParseCursor(c.QueryParam("after"))
	f.CustomerDomain = l.Customer
	// The last twelve billing periods, newest first.
	start, _ := billing.PeriodOf(s.clock.Now())
	l.Periods = make([]components.Option, 0, 12)
	for i := 0; i < 12; i++ {
		p := start.AddDate(0, -i, 0)
		l.Periods = append(l.Periods, components.Option{Value: billing.PeriodKey(p), Label: monthLabel(c, p)})
	}
	{
		read, err := s.invoicesPageRead(ctx, v.Partner.ID, f, invoicesPerPage, db.CountCap)
		if err != nil {
			return err
		}
		rows, next, total, capped := read.rows, read.next, read.count.n, read.count.capped
		// The rows are made and written once per language for the page read.
		l.Shown = len(rows)
		l.Rows = ui.Kept(read.kept, localizerOf(c).Lang, func() templ.Component {
			out := make([]billviews.Row, 0, len(rows))
			for _, r := range rows {
				out = append(out, billviews.Row{ID: r.ID, CustomerID: r.CustomerID, CustomerName: r.CustomerName,
					PeriodStart: r.PeriodStart, PeriodEnd: r.PeriodEnd, Status: r.Status, Total: r.Total})
			}
			return billviews.InvoiceRows(out)
		})
		pos := readListPosition(c)
		if f.After.ID == "" {
			pos.first = 1
		}
		l.Pager.Summary = pos.summary(localizerOf(c), len(rows), total, capped)
		q := url.Values{"customer": {l.Customer}, "period": {l.Period}}
		if next.ID != "" {
			nq := url.Values{"customer": {l.Customer}, "period": {l.Period}, "after": {next.String()}, "row": {pos.next(len(rows))}}
			l.Pager.NextHref = withQuery("/billing/invoices", nq)
		}
		if f.After.ID != "" {
			l.Pager.PrevHref = withQuery("/billing/invoices", q)
		}
	}
	return s.render(c, http.StatusOK, billviews.Invoices(l))
}

// monthLabel names a billing period's month: "November 2026".
func monthLabel(c echo.Context, start time.Time) string {
	return localizerOf(c).T("bill.month."+strconv.Itoa(int(start.Month())), start.Year())
}
