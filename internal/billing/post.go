package billing

import (
	"context"
	"errors"
	"fmt"
	"time"

	"gorm.io/gorm"

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
		invoiceID, err := l.takeOpenInvoice(tx, e.PartnerID, e.CustomerID, e.At, e.Amount)
		if err != nil {
			return err
		}
		kind := Charge
		if e.Amount < 0 {
			kind = Credit
		}
		line = Line{
			ID: keyset.NewID(), InvoiceID: invoiceID, PartnerID: e.PartnerID, CustomerID: e.CustomerID,
			At: e.At.UTC(), Kind: kind, Reason: e.Reason, Description: e.Description, OrderID: e.OrderID,
			ResourceType: e.ResourceType, ResourceID: e.ResourceID, Quantity: e.Quantity, Amount: e.Amount,
		}
		return db.Insert(tx, &line)
	})
	if err != nil {
		return Line{}, fmt.Errorf("billing: post %s for %s: %w", e.Reason, e.CustomerID, err)
	}
	return line, nil
}

// takeOpenInvoice adds amount to the total of the customer's first open
// invoice from the period containing at onwards, creating invoices open when
// missing, and returns its ID. Each period is one statement: an insert of the
// period's invoice with amount as its total that, when the invoice exists,
// adds amount to its total instead, provided it is open, and returns the
// invoice it wrote. That write holds the invoice's row until the caller
// commits, so the lifecycle engine's issue (an UPDATE that requires it open
// too) either sees the line or happened before and is skipped past. Two
// writers racing both end up with the same invoice.
func (l Ledger) takeOpenInvoice(tx *gorm.DB, partnerID, customerID string, at time.Time, amount money.Cents) (string, error) {
	for range maxPeriodsAhead {
		start, end := PeriodOf(at)
		var ids []string
		err := tx.Raw(takeOpenSQL, keyset.NewID(), partnerID, customerID, start, end, Open, int64(amount), Open).Find(&ids).Error
		if err != nil {
			return "", err
		}
		if len(ids) == 1 {
			return ids[0], nil
		}
		at = end // issued: the next period's invoice is the open one
	}
	return "", ErrNoOpenInvoice
}

// takeOpenSQL writes a period's invoice or adds to its open one; both
// engines read it alike. It returns no row when the invoice is issued.
const takeOpenSQL = `INSERT INTO invoices (id, partner_id, customer_id, period_start, period_end, status, total)
VALUES (?, ?, ?, ?, ?, ?, ?)
ON CONFLICT (partner_id, customer_id, period_start) DO UPDATE SET total = invoices.total + excluded.total
WHERE invoices.status = ?
RETURNING id`
