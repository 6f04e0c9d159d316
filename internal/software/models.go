// Package software holds software purchases, their keys and download links,
// and their cancellation rules (SW-1 to SW-7).
package software

import (
	"fmt"
	"time"

	"portal/internal/platform/apperr"
	"portal/internal/platform/money"
)

// Statuses of a software purchase.
const (
	Active    = "active"
	Cancelled = "cancelled"
)

// Purchase is one software product a customer bought.
type Purchase struct {
	ID          string `gorm:"primaryKey;size:36"`
	PartnerID   string `gorm:"size:36;not null;index:idx_software_partner_customer,priority:1"`
	CustomerID  string `gorm:"size:36;not null;index:idx_software_partner_customer,priority:2"`
	OfferID     string `gorm:"size:36;not null"`
	OrderID     string `gorm:"size:36;not null"`
	ProductName string `gorm:"size:200;not null"`
	// Kind is "perpetual" or "subscription"; Product the family (SW-6).
	Kind     string `gorm:"size:12;not null"`
	Product  string `gorm:"size:40;not null"`
	Quantity int    `gorm:"not null"`
	// Price is what the purchase cost in all: the base of the SW-7 credit.
	Price       money.Cents `gorm:"not null"`
	PurchasedAt time.Time   `gorm:"not null;index:idx_software_partner_customer,priority:3"`
	// TermEnd is a software subscription's end; nil for perpetual.
	TermEnd     *time.Time
	Status      string `gorm:"size:10;not null"`
	CancelledAt *time.Time
}

// TableName names the purchases' table.
func (Purchase) TableName() string { return "software_purchases" }

// Errors of the software package.
var (
	ErrNotFound = fmt.Errorf("software: purchase %w", apperr.ErrNotFound)
)
