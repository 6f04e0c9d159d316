package software

import (
	"context"
	"fmt"
	"time"

	"gorm.io/gorm"

	"portal/internal/activity"
	"portal/internal/billing"
	"portal/internal/platform/db"
	"portal/internal/platform/money"
)

// OrderChoice is one order the cancel dialog offers: an order of the
// customer that holds the purchase.
type OrderChoice struct {
	ID        string
	CreatedAt time.Time // zero when the order record is not found
}

// CancelOrders returns the customer's orders that hold the purchase, newest
// first, always with the purchase's own order (SW-5). One query, bounded by
// the customer's orders.
func (s *Store) CancelOrders(ctx context.Context, p Purchase) ([]OrderChoice, error) {
	var rows []OrderChoice
	err := db.Conn(ctx, s.DB).Raw(`SELECT DISTINCT o.id AS id, o.created_at AS created_at
		FROM orders o
		LEFT JOIN order_lines l ON l.order_id = o.id AND l.resource_type = ? AND l.resource_id = ?
		WHERE o.partner_id = ? AND o.customer_id = ? AND (o.id = ? OR l.id IS NOT NULL)
		ORDER BY o.created_at DESC, o.id`, "software", p.ID, p.PartnerID, p.CustomerID, p.OrderID).Find(&rows).Error
	if err != nil {
		return nil, fmt.Errorf("software: orders of %s: %w", p.ID, err)
	}
	for _, r := range rows {
		if r.ID == p.OrderID {
			return rows, nil
		}
	}
	return append([]OrderChoice{{ID: p.OrderID}}, rows...), nil
}

// Cancellation is what a cancellation did.
type Cancellation struct {
	Purchase Purchase
	Credit   money.Cents // credited (positive)
}

// Cancel cancels a purchase within its window (SW-5 to SW-7), in one
// transaction: status cancelled, every download link revoked, a credit on
// the customer's open invoice (100% for perpetual software, prorated for
// subscriptions) and the activity entry. A purchase the rules refuse is a
// *RefusedError and nothing changes; an order that does not hold the
// purchase is ErrOrderMismatch.
func (s *Store) Cancel(ctx context.Context, partnerID string, actor activity.Actor, id, orderID string) (Cancellation, error) {
	var out Cancellation
	err := db.Tx(ctx, s.DB, func(ctx context.Context, tx *gorm.DB) error {
		p, err := s.Get(ctx, partnerID, id)
		if err != nil {
			return err
		}
		now := s.Clock.Now().UTC()
		check := CheckCancel(p, now)
		if !check.Allowed {
			return &RefusedError{Reason: check.Refused}
		}
		orders, err := s.CancelOrders(ctx, p)
		if err != nil {
			return err
		}
		if !hasOrder(orders, orderID) {
			return ErrOrderMismatch
		}
		// The status condition makes a second, concurrent cancellation a no-op.
		res := tx.Model(&Purchase{}).Where("id = ? AND partner_id = ? AND status = ?", p.ID, partnerID, Active).
			Updates(map[string]any{"status": Cancelled, "cancelled_at": now})
		if res.Error != nil {
			return res.Error
		}
		if res.RowsAffected == 0 {
			return &RefusedError{Reason: RefusedCancelled}
		}
		if err := tx.Model(&DownloadLink{}).Where("purchase_id = ?", p.ID).Update("revoked", true).Error; err != nil {
			return err
		}
		credit := CancellationCredit(p, now)
		if credit > 0 {
			if _, err := (billing.Ledger{DB: s.DB}).Post(ctx, billing.Entry{
				PartnerID: partnerID, CustomerID: p.CustomerID, At: now,
				Reason: "software_cancellation", Description: "Cancellation: " + p.ProductName,
				OrderID: orderID, ResourceType: "software", ResourceID: p.ID, Quantity: p.Quantity,
				Amount: -credit,
			}); err != nil {
				return err
			}
		}
		name, err := customerName(ctx, tx, partnerID, p.CustomerID)
		if err != nil {
			return err
		}
		before := p
		p.Status, p.CancelledAt = Cancelled, &now
		out = Cancellation{Purchase: p, Credit: credit}
		return s.Activity.Record(ctx, now, activity.Change{
			PartnerID: partnerID, Actor: actor, CustomerID: p.CustomerID, CustomerName: name,
			ResourceType: "software", ResourceID: p.ID, Action: "software.cancelled",
			Details: fmt.Sprintf("%s · order %s · credit %d cents", p.ProductName, orderID, int64(credit)),
			Before:  map[string]string{"status": before.Status},
			After:   map[string]any{"status": p.Status, "credit_cents": int64(credit), "order_id": orderID},
		})
	})
	if err != nil {
		return Cancellation{}, fmt.Errorf("software: cancel %s: %w", id, err)
	}
	return out, nil
}

func hasOrder(list []OrderChoice, id string) bool {
	for _, o := range list {
		if o.ID == id {
			return true
		}
	}
	return false
}
