package billing

import (
	"context"
	"fmt"
	"time"

	"github.com/google/uuid"
	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"portal/internal/platform/db"
	"portal/internal/platform/money"
)

// Ledger posts lines to invoices; it joins the caller's transaction.
type Ledger struct {
	DB *gorm.DB
}

// Entry is a charge or credit to post. Amount is positive for a charge and
// negative for a credit; Kind follows from its sign.
type Entry struct {
	PartnerID, CustomerID    string
	At                       time.Time
	Reason, Description      string
	OrderID                  string
	ResourceType, ResourceID string
	Quantity                 int
	Amount                   money.Cents
}

// Post adds e to the customer's open invoice for the period containing e.At
// (creating it when needed) and keeps the invoice's total, in the caller's
// transaction. It returns the line written.
func (l Ledger) Post(ctx context.Context, e Entry) (Line, error) {
	var line Line
	err := db.Tx(ctx, l.DB, func(ctx context.Context, tx *gorm.DB) error {
		inv, err := l.openInvoice(tx, e.PartnerID, e.CustomerID, e.At)
		if err != nil {
			return err
		}
		kind := Charge
		if e.Amount < 0 {
			kind = Credit
		}
		line = Line{
			ID: uuid.NewString(), InvoiceID: inv.ID, PartnerID: e.PartnerID, CustomerID: e.CustomerID,
			At: e.At.UTC(), Kind: kind, Reason: e.Reason, Description: e.Description, OrderID: e.OrderID,
			ResourceType: e.ResourceType, ResourceID: e.ResourceID, Quantity: e.Quantity, Amount: e.Amount,
		}
		if err := tx.Create(&line).Error; err != nil {
			return err
		}
		return tx.Model(&Invoice{}).Where("id = ?", inv.ID).
			Update("total", gorm.Expr("total + ?", int64(e.Amount))).Error
	})
	if err != nil {
		return Line{}, fmt.Errorf("billing: post %s for %s: %w", e.Reason, e.CustomerID, err)
	}
	return line, nil
}

// openInvoice returns the invoice of the period containing at, creating it
// open when missing. Two writers racing both end up with the same invoice.
func (l Ledger) openInvoice(tx *gorm.DB, partnerID, customerID string, at time.Time) (Invoice, error) {
	start, end := PeriodOf(at)
	inv := Invoice{ID: uuid.NewString(), PartnerID: partnerID, CustomerID: customerID, PeriodStart: start, PeriodEnd: end, Status: Open}
	if err := tx.Clauses(clause.OnConflict{DoNothing: true}).Create(&inv).Error; err != nil {
		return Invoice{}, err
	}
	var got Invoice
	err := tx.Where("partner_id = ? AND customer_id = ? AND period_start = ?", partnerID, customerID, start).Take(&got).Error
	return got, err
}
