package billing

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/google/uuid"
	"gorm.io/gorm"

	"portal/internal/platform/db"
	"portal/internal/platform/money"
)

// Store reads a partner's invoices (BILL-2).
type Store struct {
	DB *gorm.DB
}

// Summary is one row of the invoices list.
type Summary struct {
	ID           string
	CustomerID   string
	CustomerName string
	PeriodStart  time.Time
	PeriodEnd    time.Time
	Status       string
	Total        money.Cents
}

// Filter narrows the invoices list; empty fields do not filter.
type Filter struct {
	CustomerID string
	// CustomerDomain is a customer's primary domain.
	CustomerDomain string
	// Period is the billing period's first day (a calendar month, UTC).
	Period time.Time
	After  Cursor
}

// Cursor is a position in the invoices list, which runs newest period
// first, then by invoice ID.
type Cursor struct {
	PeriodStart time.Time
	ID          string
}

// String encodes the cursor for a URL.
func (c Cursor) String() string {
	if c.ID == "" {
		return ""
	}
	return c.PeriodStart.UTC().Format("2006-01") + "_" + c.ID
}

// ParseCursor reads a cursor from a URL; a bad one is the first page.
func ParseCursor(s string) Cursor {
	p, id, ok := strings.Cut(s, "_")
	if !ok {
		return Cursor{}
	}
	start, ok := ParsePeriod(p)
	if !ok {
		return Cursor{}
	}
	if _, err := uuid.Parse(id); err != nil {
		return Cursor{}
	}
	return Cursor{PeriodStart: start, ID: id}
}

// ParsePeriod reads a period written "2006-01" and returns its first day.
func ParsePeriod(s string) (time.Time, bool) {
	t, err := time.Parse("2006-01", s)
	if err != nil || t.Year() < 2000 || t.Year() > 2200 {
		return time.Time{}, false
	}
	return t.UTC(), true
}

// PeriodKey writes a period's first day as "2006-01".
func PeriodKey(start time.Time) string { return start.UTC().Format("2006-01") }

// List returns up to limit of the partner's invoices matching f, newest
// period first (then by ID, descending, so the (partner, period, id) index
// walks backwards in the list's order and stops after the page: PERF-6),
// with each customer's name, in one query; and the cursor of the next page.
func (s *Store) List(ctx context.Context, partnerID string, f Filter, limit int) ([]Summary, Cursor, error) {
	q := s.filtered(ctx, partnerID, f)
	if f.After.ID != "" {
		q = q.Where("(invoices.period_start < ? OR (invoices.period_start = ? AND invoices.id < ?))", f.After.PeriodStart, f.After.PeriodStart, f.After.ID)
	}
	out, err := db.Collect(q.Order("invoices.period_start DESC, invoices.id DESC").Limit(limit+1), limit+1, func(x *Summary) []any {
		return []any{&x.ID, &x.CustomerID, &x.CustomerName, &x.PeriodStart, &x.PeriodEnd, &x.Status, &x.Total}
	})
	if err != nil {
		return nil, Cursor{}, fmt.Errorf("billing: list invoices: %w", err)
	}
	var next Cursor
	if len(out) > limit {
		out = out[:limit]
		last := out[len(out)-1]
		next = Cursor{PeriodStart: last.PeriodStart, ID: last.ID}
	}
	return out, next, nil
}

// Count counts the partner's invoices that match f (its cursor aside), up to
// limit (UX-4): the count and whether more match.
//
// Without a customer filter the count is exact, whatever limit: the billed
// summary keeps each period's number of invoices (migration 00016), so the
// count reads the partner's rows of it, a few dozen, or the period's one
// (PERF-6). Counted from the invoices, up to a thousand index entries per
// view, it was a third of the page's time on PostgreSQL.
//
// A customer's invoices are counted from the invoices' index alone: every
// invoice has its customer, so the customers are joined only to filter by
// a domain. Joined for every invoice counted, they were half of the
// invoices page's database time.
func (s *Store) Count(ctx context.Context, partnerID string, f Filter, limit int) (int64, bool, error) {
	if f.CustomerID == "" && f.CustomerDomain == "" {
		n, err := s.summarized(ctx, partnerID, f.Period)
		if err != nil {
			return 0, false, fmt.Errorf("billing: count invoices: %w", err)
		}
		return n, false, nil
	}
	q := db.Conn(ctx, s.DB).Table("invoices")
	if f.CustomerDomain != "" {
		q = q.Joins("JOIN customers ON customers.id = invoices.customer_id")
	}
	n, more, err := db.CountCapped(matching(q, partnerID, f), limit)
	if err != nil {
		return 0, false, fmt.Errorf("billing: count invoices: %w", err)
	}
	return n, more, nil
}

// summarized reads how many invoices the partner has, in one period when
// period is set, from the billed summary.
func (s *Store) summarized(ctx context.Context, partnerID string, period time.Time) (int64, error) {
	q := db.Conn(ctx, s.DB).Table("billed_summaries").Select("COALESCE(SUM(invoices), 0)").Where("partner_id = ?", partnerID)
	if !period.IsZero() {
		q = q.Where("period_start = ?", period)
	}
	var n int64
	err := q.Scan(&n).Error
	return n, err
}

// filtered is the partner's invoices that match f's filters, with their
// customer's name: a Summary's fields, in their order (List scans them).
func (s *Store) filtered(ctx context.Context, partnerID string, f Filter) *gorm.DB {
	return matching(db.Conn(ctx, s.DB).Table("invoices").
		Select("invoices.id, invoices.customer_id, customers.name AS customer_name, invoices.period_start, invoices.period_end, invoices.status, invoices.total").
		Joins("JOIN customers ON customers.id = invoices.customer_id"), partnerID, f)
}

// matching narrows q, which reads the invoices table (joined to customers
// when f names a domain), to the partner's invoices that match f's filters.
func matching(q *gorm.DB, partnerID string, f Filter) *gorm.DB {
	q = q.Where("invoices.partner_id = ?", partnerID)
	if f.CustomerID != "" {
		q = q.Where("invoices.customer_id = ?", f.CustomerID)
	}
	if f.CustomerDomain != "" {
		q = q.Where("customers.partner_id = ? AND customers.domain = ?", partnerID, f.CustomerDomain)
	}
	if !f.Period.IsZero() {
		q = q.Where("invoices.period_start = ?", f.Period)
	}
	return q
}

// Get returns one of the partner's invoices and its lines in time order.
func (s *Store) Get(ctx context.Context, partnerID, id string) (Invoice, []Line, error) {
	inv, err := db.Get[Invoice](ctx, s.DB, partnerID, id, ErrNotFound)
	if err != nil {
		return Invoice{}, nil, err
	}
	var lines []Line
	if err := db.Conn(ctx, s.DB).Where("invoice_id = ?", inv.ID).Order("at, id").Find(&lines).Error; err != nil {
		return Invoice{}, nil, fmt.Errorf("billing: lines of %s: %w", id, err)
	}
	return inv, lines, nil
}

// OpenInvoice returns the customer's invoice for the period containing at,
// and whether there is one.
func (s *Store) OpenInvoice(ctx context.Context, partnerID, customerID string, at time.Time) (Invoice, bool, error) {
	start, _ := PeriodOf(at)
	var inv Invoice
	err := db.Conn(ctx, s.DB).Where("partner_id = ? AND customer_id = ? AND period_start = ?", partnerID, customerID, start).Take(&inv).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return Invoice{}, false, nil
	}
	if err != nil {
		return Invoice{}, false, fmt.Errorf("billing: open invoice of %s: %w", customerID, err)
	}
	return inv, true, nil
}

// CSVAmount writes cents as a plain decimal ("-12.34") for CSV files, which
// spreadsheets read whatever the viewer's language.
func CSVAmount(c money.Cents) string {
	neg := c < 0
	if neg {
		c = -c
	}
	s := strconv.FormatInt(int64(c)/100, 10) + "." + fmt.Sprintf("%02d", int64(c)%100)
	if neg {
		return "-" + s
	}
	return s
}
