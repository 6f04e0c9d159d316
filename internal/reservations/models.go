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
	ID         string `gorm:"primaryKey;size:36;index:idx_res_partner_customer,priority:4"`
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
	// RefundAmount is the credit a refund gave (RES-2); the rolling cap sums
	// it over the customer's refunds of the last 365 days.
	RefundAmount money.Cents `gorm:"not null;default:0"`
	// ExchangedForID names the reservation an exchange replaced this one
	// with; ExchangedFromID the one it replaced (RES-3).
	ExchangedForID  string `gorm:"size:36;not null;default:''"`
	ExchangedFromID string `gorm:"size:36;not null;default:''"`
}

// EffectiveStatus is the status to show at now: an active reservation past
// its expiry date is expired even before anything rewrites the row.
func (r Reservation) EffectiveStatus(now time.Time) string {
	if r.Status == Active && !now.Before(r.ExpiresAt) {
		return Expired
	}
	return r.Status
}

// Access is a partner user given access to a reservation (RES-1 access
// control). It is the record the partner keeps of who may see the
// reservation in Azure; the portal's own pages follow the permission table.
type Access struct {
	ReservationID string    `gorm:"primaryKey;size:36"`
	UserID        string    `gorm:"primaryKey;size:36"`
	PartnerID     string    `gorm:"size:36;not null;index"`
	GrantedBy     string    `gorm:"size:254;not null"`
	GrantedAt     time.Time `gorm:"not null"`
}

// TableName names the access table.
func (Access) TableName() string { return "reservation_access" }

// Kinds of request the refund and exchange wizard makes (RES-4).
const (
	KindRefund   = "refund"
	KindExchange = "exchange"
)

// Draft keeps the values of a refund or exchange wizard between its steps
// (RES-4): one row per user, reservation and kind, deleted when the request
// is created.
type Draft struct {
	UserID        string `gorm:"primaryKey;size:36"`
	ReservationID string `gorm:"primaryKey;size:36"`
	Kind          string `gorm:"primaryKey;size:8"`
	PartnerID     string `gorm:"size:36;not null"`
	Title         string `gorm:"size:200;not null;default:''"`
	IssueType     string `gorm:"size:30;not null;default:''"`
	ProblemType   string `gorm:"size:40;not null;default:''"`
	Category      string `gorm:"size:40;not null;default:''"`
	Severity      string `gorm:"size:10;not null;default:''"`
	Description   string `gorm:"size:4000;not null;default:''"`
	NewOfferID    string `gorm:"size:36;not null;default:''"`
	NewQuantity   int    `gorm:"not null;default:0"`
	ContactName   string `gorm:"size:200;not null;default:''"`
	ContactEmail  string `gorm:"size:254;not null;default:''"`
	ContactPhone  string `gorm:"size:40;not null;default:''"`
	UpdatedAt     time.Time
}

// TableName names the drafts' table.
func (Draft) TableName() string { return "reservation_drafts" }

// Errors of the reservations package.
var (
	ErrNotFound = fmt.Errorf("reservations: reservation %w", apperr.ErrNotFound)
	// ErrNotActive refuses a change to a reservation that is cancelled,
	// exchanged or expired.
	ErrNotActive = fmt.Errorf("reservations: reservation is not active: %w", apperr.ErrForbidden)
	// ErrExchangeTooCheap refuses an exchange for a reservation cheaper than
	// the credit (RES-3).
	ErrExchangeTooCheap = fmt.Errorf("reservations: the new reservation costs less than the credit: %w", apperr.ErrInvalid)
	// ErrInvalid is a bad scope, subscription or user choice.
	ErrInvalid = fmt.Errorf("reservations: %w", apperr.ErrInvalid)
)
