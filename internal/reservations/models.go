// Package reservations holds Azure reservations and their refund and
// exchange rules (RES-1 to RES-4).
package reservations

import (
	"fmt"
	"time"

	"portal/internal/platform/apperr"
	"portal/internal/platform/money"
)

// Statuses and scopes of a reservation.
const (
	Active    = "active"
	Cancelled = "cancelled" // refunded
	Exchanged = "exchanged"
	Expired   = "expired"

	ScopeSingle = "single"
	ScopeShared = "shared"
)

// Reservation is an Azure reservation a customer bought.
type Reservation struct {
	ID         string `gorm:"primaryKey;size:36"`
	PartnerID  string `gorm:"size:36;not null;index:idx_res_partner_customer,priority:1"`
	CustomerID string `gorm:"size:36;not null;index:idx_res_partner_customer,priority:2"`
	OfferID    string `gorm:"size:36;not null"`
	OrderID    string `gorm:"size:36;not null"`
	// ReservationOrderID is Azure's reservation order ID (RES-1).
	ReservationOrderID string `gorm:"size:36;not null"`
	Name               string `gorm:"size:200;not null"`
	Quantity           int    `gorm:"not null"`
	// Price is the whole term's price: the base of RES-2 and RES-3.
	Price       money.Cents `gorm:"not null"`
	TermMonths  int         `gorm:"not null"`
	PurchasedAt time.Time   `gorm:"not null;index:idx_res_partner_customer,priority:3"`
	ExpiresAt   time.Time   `gorm:"not null"`
	Scope       string      `gorm:"size:8;not null"`
	// AzureSubscriptionID is the associated Azure subscription of a
	// single-scope reservation.
	AzureSubscriptionID string `gorm:"size:36;not null;default:''"`
	Status              string `gorm:"size:10;not null"`
	CancelledAt         *time.Time
}

// Errors of the reservations package.
var (
	ErrNotFound = fmt.Errorf("reservations: reservation %w", apperr.ErrNotFound)
)
