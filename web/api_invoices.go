package web

import (
	"net/http"
	"net/url"
	"strings"

	"github.com/labstack/echo/v4"

	"portal/internal/billing"
	"portal/views/components"
)

// apiInvoice is an invoice (BILL-2); Lines only on a single invoice.
type apiInvoice struct {
	ID           string           `json:"id"`
	CustomerID   string           `json:"customer_id"`
	CustomerName string           `json:"customer_name,omitempty"`
	PeriodStart  string           `json:"period_start"`
	PeriodEnd    string           `json:"period_end"`
	Status       string           `json:"status"`
	Total        apiMoney         `json:"total"`
	Lines        []apiInvoiceLine `json:"lines,omitempty"`
}

// apiInvoiceLine is a charge (positive) or a credit (negative).
type apiInvoiceLine struct {
	ID           string   `json:"id"`
	At           string   `json:"at"`
	Kind         string   `json:"kind"`
	Reason       string   `json:"reason"`
	Description  string   `json:"description"`
	OrderID      string   `json:"order_id"`
	ResourceType string   `json:"resource_type"`
	ResourceID   string   `json:"resource_id"`
	Quantity     int      `json:"quantity"`
	Amount       apiMoney `json:"amount"`
}

// apiInvoices lists invoices with the page's filters (customer by primary
// domain, period YYYY-MM), newest period first, with a cursor.
func (s *Server) apiInvoices(c echo.Context) error {
	var f billing.Filter
	errs := components.FieldErrors{}
	if p := c.QueryParam("period"); p != "" {
		start, ok := billing.ParsePeriod(p)
		if !ok {
			errs.Add("period", "api.error.bad_period")
		}
		f.Period = start
	}
	f.CustomerDomain = strings.ToLower(queryText(c.QueryParam("customer"), 253))
	if raw := c.QueryParam("cursor"); raw != "" {
		if f.After = billing.ParseCursor(raw); f.After.ID == "" {
			errs.Add("cursor", "api.error.bad_cursor")
		}
	}
	limit := apiLimit(c, errs)
	if errs.Any() {
		return apiInvalid(errs)
	}
	rows, next, err := s.invoices.List(c.Request().Context(), mustViewer(c).Partner.ID, f, limit)
	if err != nil {
		return err
	}
	out := make([]apiInvoice, 0, len(rows))
	for _, r := range rows {
		out = append(out, apiInvoice{ID: r.ID, CustomerID: r.CustomerID, CustomerName: r.CustomerName, PeriodStart: apiTime(r.PeriodStart),
			PeriodEnd: apiTime(r.PeriodEnd), Status: r.Status, Total: moneyOf(r.Total)})
	}
	link := ""
	if next.ID != "" {
		q := url.Values{"customer": {f.CustomerDomain}, "period": {c.QueryParam("period")}, "limit": {c.QueryParam("limit")}, "cursor": {next.String()}}
		link = withQuery("/api/v1/invoices", q)
	}
	return c.JSON(http.StatusOK, listOf(out, link))
}

// apiInvoiceGet is one invoice with its lines.
func (s *Server) apiInvoiceGet(c echo.Context) error {
	inv, lines, err := s.invoices.Get(c.Request().Context(), mustViewer(c).Partner.ID, c.Param("id"))
	if err != nil {
		return err
	}
	out := apiInvoice{ID: inv.ID, CustomerID: inv.CustomerID, PeriodStart: apiTime(inv.PeriodStart), PeriodEnd: apiTime(inv.PeriodEnd),
		Status: inv.Status, Total: moneyOf(inv.Total), Lines: apiLinesOf(lines)}
	return c.JSON(http.StatusOK, out)
}

// apiInvoiceLines lists an invoice's lines, all on one page: an invoice
// holds one customer's month.
func (s *Server) apiInvoiceLines(c echo.Context) error {
	_, lines, err := s.invoices.Get(c.Request().Context(), mustViewer(c).Partner.ID, c.Param("id"))
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, listOf(apiLinesOf(lines), ""))
}

func apiLinesOf(lines []billing.Line) []apiInvoiceLine {
	out := make([]apiInvoiceLine, 0, len(lines))
	for _, l := range lines {
		out = append(out, apiInvoiceLine{ID: l.ID, At: apiTime(l.At), Kind: l.Kind, Reason: l.Reason, Description: l.Description, OrderID: l.OrderID,
			ResourceType: l.ResourceType, ResourceID: l.ResourceID, Quantity: l.Quantity, Amount: moneyOf(l.Amount)})
	}
	return out
}
