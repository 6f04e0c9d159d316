package web

import (
	"encoding/csv"
	"net/http"
	"portal/internal/platform/csvsafe"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"portal/internal/billing"
	billviews "portal/views/billing"
)

// invoicePage shows one invoice with its lines (BILL-2); with ".csv" after
// the ID, or ?format=csv, it downloads the lines as CSV.
func (s *Server) invoicePage(c echo.Context) error {
	ctx := c.Request().Context()
	v := mustViewer(c)
	id, asCSV := strings.CutSuffix(c.Param("id"), ".csv")
	asCSV = asCSV || c.QueryParam("format") == "csv"
	inv, lines, err := s.invoices.Get(ctx, v.Partner.ID, id)
	if err != nil {
		return err
	}
	cust, err := s.customers.Get(ctx, v.Partner.ID, inv.CustomerID)
	if err != nil {
		return err
	}
	if asCSV {
		return s.invoiceCSV(c, cust.Domain, inv, lines)
	}
	d := billviews.Detail{ID: inv.ID, CustomerID: cust.ID, CustomerName: cust.Name, PeriodStart: inv.PeriodStart,
		PeriodEnd: inv.PeriodEnd, Status: inv.Status, Total: inv.Total, IssuedAt: inv.IssuedAt,
		CSVHref: "/billing/invoices/" + inv.ID + ".csv"}
	for _, l := range lines {
		d.Lines = append(d.Lines, billviews.Line{At: l.At, Description: l.Description, Reason: l.Reason,
			Quantity: l.Quantity, Amount: l.Amount, OrderID: l.OrderID, Credit: l.Amount < 0})
	}
	return s.render(c, http.StatusOK, billviews.Invoice(d))
}

// invoiceCSV writes an invoice's lines as CSV: date (UTC), description,
// reason, quantity, amount in USD, order ID; headers in the user's language.
func (s *Server) invoiceCSV(c echo.Context, domain string, inv billing.Invoice, lines []billing.Line) error {
	l := localizerOf(c)
	name := "invoice-" + domain + "-" + billing.PeriodKey(inv.PeriodStart) + ".csv"
	h := c.Response().Header()
	h.Set(echo.HeaderContentType, "text/csv; charset=utf-8")
	h.Set(echo.HeaderContentDisposition, `attachment; filename="`+safeFilename(name)+`"`)
	c.Response().WriteHeader(http.StatusOK)
	w := csv.NewWriter(c.Response())
	_ = w.Write([]string{l.T("bill.col.date"), l.T("bill.col.description"), l.T("bill.col.reason"),
		l.T("bill.col.quantity"), l.T("bill.csv.amount"), l.T("bill.csv.order")})
	for _, ln := range lines {
		_ = w.Write([]string{ln.At.UTC().Format("2006-01-02"), csvsafe.Cell(ln.Description), l.T("bill.reason." + ln.Reason),
			strconv.Itoa(ln.Quantity), billing.CSVAmount(ln.Amount), ln.OrderID})
	}
	_ = w.Write([]string{"", l.T("bill.col.total"), "", "", billing.CSVAmount(inv.Total), ""})
	w.Flush()
	return w.Error()
}

// safeFilename keeps a download name to letters, digits, dots and dashes.
func safeFilename(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9', r == '.', r == '-', r == '_':
			return r
		}
		return '-'
	}, s)
}
