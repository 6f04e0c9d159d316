// Package orders holds orders: what a checkout bought, line by line (CAT-7,
// CAT-11).
package orders

import (
	"fmt"
	"time"

	"portal/internal/platform/apperr"
	"portal/internal/platform/money"
)

// Order is one purchase: a cart turned into records in one transaction.
type Order struct {
	ID         string `gorm:"primaryKey;size:36;index:idx_orders_partner_customer_at,priority:4"`
	PartnerID  string `gorm:"size:36;not null;index:idx_orders_partner_customer_at,priority:1"`
	CustomerID string `gorm:"size:36;not null;index:idx_orders_partner_customer_at,priority:2"`
	UserID     string `gorm:"size:36;not null"`
	UserName   string `gorm:"size:254;not null"`
	// CheckoutKey makes a double submit of one cart create one order (CAT-7).
	CheckoutKey string      `gorm:"size:64;not null;uniqueIndex"`
	Total       money.Cents `gorm:"not null"`
	CreatedAt   time.Time   `gorm:"not null;index:idx_orders_partner_customer_at,priority:3"`
}

// Line is one line of an order and the record it created.
type Line struct {
	ID        string      `gorm:"primaryKey;size:36;index:idx_order_lines_order_id,priority:2"`
	OrderID   string      `gorm:"size:36;not null;index:idx_order_lines_order_id,priority:1"`
	OfferID   string      `gorm:"size:36;not null"`
	OfferName string      `gorm:"size:200;not null"`
	Quantity  int         `gorm:"not null"`
	Frequency string      `gorm:"size:10;not null;default:''"`
	UnitPrice money.Cents `gorm:"not null"`
	Amount    money.Cents `gorm:"not null"`
	// ResourceType is "subscription", "software" or "reservation"; ResourceID
	// the record the line became.
	ResourceType string `gorm:"size:20;not null"`
	ResourceID   string `gorm:"size:36;not null"`
}

// TableName names the lines' table.
func (Line) TableName() string { return "order_lines" }

// Errors of the orders package.
var ErrNotFound = fmt.Errorf("orders: order %w", apperr.ErrNotFound)
