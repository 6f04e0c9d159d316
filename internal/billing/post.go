package billing

import (
	"context"
	"errors"
	"fmt"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"portal/internal/platform/db"
	"portal/internal/platform/keyset"
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

// maxPeriodsAhead bounds the walk past issued invoices: the engine only
// issues periods that have ended, so an open one is at most a few months on.
const maxPeriodsAhead = 24

// ErrNoOpenInvoice is a post that found every invoice up to maxPeriodsAhead
// periods after its time already issued: a clock far behind the one that
// issued them. The post is refused rather than written to an issued invoice.
var ErrNoOpenInvoice = errors.New("billing: no open invoice")

// Post adds e to the customer's open invoice, in the caller's transaction,
// and keeps the invoice's total. The invoice is the one of the period
// containing e.At (created when missing) unless that one is already issued:
// then the line goes to the next period's open invoice, the customer's
// "next invoice" (BILL-1, OPS-3). A node whose clock lags the node that
// issued the invoice therefore never changes an issued invoice. The line
// keeps e.At, when the charge or credit happened. It returns the line written.
func (l Ledger) Post(ctx context.Context, e Entry) (Line, error) {
	var line Line
	err := db.Tx(ctx, l.DB, func(ctx context.Context, tx *gorm.DB) error {
		inv, err := l.takeOpenInvoice(tx, e.PartnerID, e.CustomerID, e.At, e.Amount)
		if err != nil {
			return err
		}
		kind := Charge
		if e.Amount < 0 {
			kind = Credit
		}
		line = Line{
			ID: keyset.NewID(), InvoiceID: inv.ID, PartnerID: e.PartnerID, CustomerID: e.CustomerID,
			At: e.At.UTC(), Kind: kind, Reason: e.Reason, Description: e.Description, OrderID: e.OrderID,
			ResourceType: e.ResourceType, ResourceID: e.ResourceID, Quantity: e.Quantity, Amount: e.Amount,
		}
		return tx.Create(&line).Error
	})
	if err != nil {
		return Line{}, fmt.Errorf("billing: post %s for %s: %w", e.Reason, e.CustomerID, err)
	}
	return line, nil
}

// takeOpenInvoice adds amount to the total of the customer's first open
// invoice from the period containing at onwards, creating invoices open when
// missing, and returns it. The total is raised by an UPDATE that requires
// the invoice to be open: that statement holds the invoice's row until the
// caller commits, so the lifecycle engine's issue (an UPDATE that requires it
// open too) either sees the line or happened before and is skipped past.
// Two writers racing both end up with the same invoice.
func (l Ledger) takeOpenInvoice(tx *gorm.DB, partnerID, customerID string, at time.Time, amount money.Cents) (Invoice, error) {
	for range maxPeriodsAhead {
		start, end := PeriodOf(at)
		inv := Invoice{ID: keyset.NewID(), PartnerID: partnerID, CustomerID: customerID, PeriodStart: start, PeriodEnd: end, Status: Open}
		if err := tx.Clauses(clause.OnConflict{DoNothing: true}).Create(&inv).Error; err != nil {
			return Invoice{}, err
		}
		var got Invoice
		if err := tx.Where("partner_id = ? AND customer_id = ? AND period_start = ?", partnerID, customerID, start).Take(&got).Error; err != nil {
			return Invoice{}, err
		}
		res := tx.Model(&Invoice{}).Where("id = ? AND status = ?", got.ID, Open).
			Update("total", gorm.Expr("total + ?", int64(amount)))
		if res.Error != nil {
			return Invoice{}, res.Error
		}
		if res.RowsAffected == 1 {
			return got, nil
		}
		at = end // issued: the next period's invoice is the open one
	}
	return Invoice{}, ErrNoOpenInvoice
}
