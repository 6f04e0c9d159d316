// Package billing holds each customer's monthly invoices and their lines
// (BILL-1, BILL-2). Features post charges and credits here, inside their own
// transactions; a line always lands on the open invoice of the billing
// period that contains its time.
package billing

import (
	"fmt"
	"time"

	"portal/internal/platform/apperr"
	"portal/internal/platform/money"
)

// Invoice statuses: an open invoice takes new lines; an issued one is
// read-only (the lifecycle engine issues it at the period's end).
const (
	Open   = "open"
	Issued = "issued"
)

// Line kinds.
const (
	Charge = "charge"
	Credit = "credit"
)

// Invoice is one customer's bill for one calendar month (UTC).
type Invoice struct {
	ID          string      `gorm:"primaryKey;size:36;index:idx_invoices_partner_period,priority:3;index:idx_invoices_status,priority:3"`
	PartnerID   string      `gorm:"size:36;not null;uniqueIndex:idx_invoices_customer_period,priority:1;index:idx_invoices_partner_period,priority:1"`
	CustomerID  string      `gorm:"size:36;not null;uniqueIndex:idx_invoices_customer_period,priority:2"`
	PeriodStart time.Time   `gorm:"not null;uniqueIndex:idx_invoices_customer_period,priority:3;index:idx_invoices_partner_period,priority:2"`
	PeriodEnd   time.Time   `gorm:"not null;index:idx_invoices_status,priority:2"`
	Status      string      `gorm:"size:8;not null;index:idx_invoices_status,priority:1"`
	Total       money.Cents `gorm:"not null;default:0"`
	IssuedAt    *time.Time
}

// Line is one charge (positive) or credit (negative) on an invoice.
type Line struct {
	ID         string    `gorm:"primaryKey;size:36;index:idx_invoice_lines_invoice_at,priority:3"`
	InvoiceID  string    `gorm:"size:36;not null;index:idx_invoice_lines_invoice_at,priority:1"`
	PartnerID  string    `gorm:"size:36;not null"`
	CustomerID string    `gorm:"size:36;not null"`
	At         time.Time `gorm:"not null;index:idx_invoice_lines_invoice_at,priority:2"`
	Kind       string    `gorm:"size:8;not null"`
	// Reason says what the line is for: "purchase", "renewal",
	// "trial_conversion", "quantity_increase", "quantity_decrease",
	// "cancellation", "software_cancellation", "reservation_refund",
	// "reservation_exchange", "addon".
	Reason       string      `gorm:"size:30;not null"`
	Description  string      `gorm:"size:300;not null"`
	OrderID      string      `gorm:"size:36;not null;default:''"`
	ResourceType string      `gorm:"size:20;not null;default:''"`
	ResourceID   string      `gorm:"size:36;not null;default:''"`
	Quantity     int         `gorm:"not null;default:0"`
	Amount       money.Cents `gorm:"not null"`
}

// TableName names the lines' table.
func (Line) TableName() string { return "invoice_lines" }

// Errors of the billing package.
var (
	ErrNotFound = fmt.Errorf("billing: invoice %w", apperr.ErrNotFound)
)

// PeriodOf returns the billing period (calendar month, UTC) containing t.
func PeriodOf(t time.Time) (start, end time.Time) {
	t = t.UTC()
	start = time.Date(t.Year(), t.Month(), 1, 0, 0, 0, 0, time.UTC)
	return start, start.AddDate(0, 1, 0)
}
