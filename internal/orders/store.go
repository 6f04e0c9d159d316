package orders

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

// Get returns one of the partner's orders with its lines (two queries).
func (s *Store) Get(ctx context.Context, partnerID, id string) (Order, []Line, error) {
	if _, err := uuid.Parse(id); err != nil {
		return Order{}, nil, ErrNotFound
	}
	var o Order
	err := db.Conn(ctx, s.DB).Where("partner_id = ? AND id = ?", partnerID, id).Take(&o).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return Order{}, nil, ErrNotFound
	}
	if err != nil {
		return Order{}, nil, fmt.Errorf("orders: get %s: %w", id, err)
	}
	var lines []Line
	if err := db.Conn(ctx, s.DB).Where("order_id = ?", o.ID).Order("id").Find(&lines).Error; err != nil {
		return Order{}, nil, fmt.Errorf("orders: lines of %s: %w", id, err)
	}
	return o, lines, nil
}

// ByKey returns the partner's order placed with a checkout key, if any.
func (s *Store) ByKey(ctx context.Context, partnerID, customerID, key string) (Order, bool, error) {
	if key == "" {
		return Order{}, false, nil
	}
	var o Order
	err := db.Conn(ctx, s.DB).Where("checkout_key = ? AND partner_id = ? AND customer_id = ?", key, partnerID, customerID).Take(&o).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return Order{}, false, nil
	}
	if err != nil {
		return Order{}, false, fmt.Errorf("orders: by key: %w", err)
	}
	return o, true, nil
}

// Summary is one row of a customer's order history (CAT-11).
type Summary struct {
	ID        string
	CreatedAt time.Time
	UserName  string
	Total     money.Cents
	LineCount int
}

// Cursor is a position in a customer's order history, newest first.
type Cursor struct {
	At time.Time
	ID string
}

// String encodes the cursor for a URL.
func (c Cursor) String() string {
	if c.ID == "" {
		return ""
	}
	return strconv.FormatInt(c.At.UnixNano(), 10) + "_" + c.ID
}

// ParseCursor reads a cursor from a URL; a bad one is the first page.
func ParseCursor(s string) Cursor {
	at, id, ok := strings.Cut(s, "_")
	if !ok {
		return Cursor{}
	}
	n, err := strconv.ParseInt(at, 10, 64)
	if err != nil {
		return Cursor{}
	}
	if _, err := uuid.Parse(id); err != nil {
		return Cursor{}
	}
	return Cursor{At: time.Unix(0, n).UTC(), ID: id}
}

// ForCustomer returns up to limit of a customer's orders, newest first,
// after the cursor, with each order's line count, in one query served by
// the (partner, customer, created_at) index; and the cursor of the next page.
func (s *Store) ForCustomer(ctx context.Context, partnerID, customerID string, after Cursor, limit int) ([]Summary, Cursor, error) {
	q := db.Conn(ctx, s.DB).Model(&Order{}).
		Select("orders.id, orders.created_at, orders.user_name, orders.total, (SELECT COUNT(*) FROM order_lines WHERE order_lines.order_id = orders.id) AS line_count").
		Where("orders.partner_id = ? AND orders.customer_id = ?", partnerID, customerID)
	if after.ID != "" {
		q = q.Where("(orders.created_at < ? OR (orders.created_at = ? AND orders.id < ?))", after.At, after.At, after.ID)
	}
	var out []Summary
	if err := q.Order("orders.created_at DESC, orders.id DESC").Limit(limit + 1).Find(&out).Error; err != nil {
		return nil, Cursor{}, fmt.Errorf("orders: history of %s: %w", customerID, err)
	}
	var next Cursor
	if len(out) > limit {
		out = out[:limit]
		last := out[len(out)-1]
		next = Cursor{At: last.CreatedAt, ID: last.ID}
	}
	return out, next, nil
}

// CountForCustomer counts a customer's orders up to limit (UX-4): the count
// and whether there are more.
func (s *Store) CountForCustomer(ctx context.Context, partnerID, customerID string, limit int) (int64, bool, error) {
	q := db.Conn(ctx, s.DB).Model(&Order{}).Where("orders.partner_id = ? AND orders.customer_id = ?", partnerID, customerID)
	n, more, err := db.CountCapped(q, limit)
	if err != nil {
		return 0, false, fmt.Errorf("orders: count of %s: %w", customerID, err)
	}
	return n, more, nil
}
