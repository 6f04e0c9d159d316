// Package subscriptions holds online-service subscriptions and their
// lifecycle rules (SUB-1 to SUB-10, CAT-10, CAT-12).
package subscriptions

import (
	"fmt"
	"time"

	"portal/internal/platform/apperr"
	"portal/internal/platform/money"
)

// Statuses of a subscription.
const (
	Active    = "active"
	Trial     = "trial" // in a free trial (CAT-10) or a Microsoft trial (CAT-12)
	Suspended = "suspended"
	Cancelled = "cancelled"
	Deleted   = "deleted" // suspended past retention (SUB-5)
	Expired   = "expired" // a Microsoft trial that ended unconverted, or a term that ended without renewal
)

// Subscription is an online service a customer has.
type Subscription struct {
	ID         string `gorm:"primaryKey;size:36"`
	PartnerID  string `gorm:"size:36;not null;index:idx_subs_partner_customer,priority:1;index:idx_subs_partner_status_term,priority:1"`
	CustomerID string `gorm:"size:36;not null;index:idx_subs_partner_customer,priority:2"`
	OfferID    string `gorm:"size:36;not null"`
	OfferName  string `gorm:"size:200;not null;index:idx_subs_partner_customer,priority:3"`
	// OrderID is the order that bought it; empty when bought directly.
	OrderID     string `gorm:"size:36;not null;default:''"`
	Quantity    int    `gorm:"not null"`
	Frequency   string `gorm:"size:10;not null"`
	BillingType string `gorm:"size:8;not null"`
	// UnitPrice is the price per license per billing period.
	UnitPrice money.Cents `gorm:"not null"`
	Status    string      `gorm:"size:10;not null;index:idx_subs_partner_status_term,priority:2"`
	TermStart time.Time   `gorm:"not null"`
	TermEnd   time.Time   `gorm:"not null;index:idx_subs_partner_status_term,priority:3"`
	AutoRenew bool        `gorm:"not null"`
	TrialEnd  *time.Time
	// PaidOfferID is what a Microsoft trial converts to (CAT-12).
	PaidOfferID string `gorm:"size:36;not null;default:''"`
	// PurchasedAt is the order's time: the SUB-6 windows count from it.
	PurchasedAt time.Time `gorm:"not null"`
	// FirstBillingStart is the start of the first billing period (SUB-4).
	FirstBillingStart time.Time `gorm:"not null"`
	SuspendedAt       *time.Time
	// CancelAtTermEnd is a scheduled cancellation (SUB-6).
	CancelAtTermEnd bool `gorm:"not null;default:false"`
	CancelledAt     *time.Time
	// BoughtDirectly marks a subscription the customer bought without this
	// partner: listed, read-only (CUST-4).
	BoughtDirectly bool `gorm:"not null;default:false"`
	// ParentID makes this an add-on of another subscription (SUB-3).
	ParentID  string `gorm:"size:36;not null;default:'';index"`
	CreatedAt time.Time
}

// Errors of the subscriptions package.
var (
	ErrNotFound = fmt.Errorf("subscriptions: subscription %w", apperr.ErrNotFound)
)
