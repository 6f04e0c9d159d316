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
	ID         string `gorm:"primaryKey;size:36;index:idx_subs_partner_customer,priority:4;index:idx_subs_partner_customer_offer,priority:4;index:idx_subs_partner_parent,priority:4;index:idx_subs_due_term,priority:5;index:idx_subs_due_trial,priority:5;index:idx_subs_due_retention,priority:5"`
	PartnerID  string `gorm:"size:36;not null;index:idx_subs_partner_customer,priority:1;index:idx_subs_partner_customer_offer,priority:1;index:idx_subs_partner_parent,priority:1"`
	CustomerID string `gorm:"size:36;not null;index:idx_subs_partner_customer,priority:2;index:idx_subs_partner_customer_offer,priority:2"`
	OfferID    string `gorm:"size:36;not null;index:idx_subs_partner_customer_offer,priority:3"`
	OfferName  string `gorm:"size:200;not null;index:idx_subs_partner_customer,priority:3;index:idx_subs_partner_parent,priority:3"`
	// OrderID is the order that bought it; empty when bought directly.
	OrderID     string `gorm:"size:36;not null;default:''"`
	Quantity    int    `gorm:"not null"`
	Frequency   string `gorm:"size:10;not null"`
	BillingType string `gorm:"size:8;not null"`
	// UnitPrice is the price per license per billing period.
	UnitPrice money.Cents `gorm:"not null"`
	Status    string      `gorm:"size:10;not null;index:idx_subs_due_term,priority:1;index:idx_subs_due_trial,priority:1;index:idx_subs_due_retention,priority:1"`
	TermStart time.Time   `gorm:"not null"`
	TermEnd   time.Time   `gorm:"not null;index:idx_subs_due_term,priority:4"`
	AutoRenew bool        `gorm:"not null"`
	TrialEnd  *time.Time  `gorm:"index:idx_subs_due_trial,priority:4"`
	// PaidOfferID is what a Microsoft trial converts to (CAT-12).
	PaidOfferID string `gorm:"size:36;not null;default:''"`
	// PurchasedAt is the order's time: the SUB-6 windows count from it.
	PurchasedAt time.Time `gorm:"not null"`
	// FirstBillingStart is the start of the first billing period (SUB-4).
	FirstBillingStart time.Time `gorm:"not null"`
	SuspendedAt       *time.Time
	// RetentionEnd is when a suspended subscription's data is deleted unless
	// it is reactivated (SUB-4), fixed at suspension.
	RetentionEnd *time.Time `gorm:"index:idx_subs_due_retention,priority:4"`
	// CancelAtTermEnd is a scheduled cancellation (SUB-6).
	CancelAtTermEnd bool `gorm:"not null;default:false"`
	CancelledAt     *time.Time
	// BoughtDirectly marks a subscription the customer bought without this
	// partner: listed, read-only (CUST-4).
	BoughtDirectly bool `gorm:"not null;default:false;index:idx_subs_due_term,priority:2;index:idx_subs_due_trial,priority:2;index:idx_subs_due_retention,priority:2"`
	// ParentID makes this an add-on of another subscription (SUB-3).
	ParentID  string `gorm:"size:36;not null;default:'';index:idx_subs_partner_parent,priority:2;index:idx_subs_due_term,priority:3;index:idx_subs_due_trial,priority:3;index:idx_subs_due_retention,priority:3"`
	CreatedAt time.Time
}

// Billing types (SUB-7).
const (
	License = "license"
	Usage   = "usage"
)

// Billing frequencies.
const (
	Monthly = "monthly"
	Annual  = "annual"
)

// IsMicrosoftTrial reports whether s is a Microsoft trial that converts only
// when asked (CAT-12), as opposed to a partner SaaS free trial (CAT-10).
func (s Subscription) IsMicrosoftTrial() bool { return s.Status == Trial && s.PaidOfferID != "" }

// IsAddOn reports whether s is an add-on of another subscription (SUB-3).
func (s Subscription) IsAddOn() bool { return s.ParentID != "" }

// Errors of the subscriptions package.
var (
	ErrNotFound = fmt.Errorf("subscriptions: subscription %w", apperr.ErrNotFound)
	// ErrBoughtDirectly refuses any change to a subscription the customer
	// bought without this partner (CUST-4).
	ErrBoughtDirectly = fmt.Errorf("subscriptions: bought directly by the customer: %w", apperr.ErrForbidden)
	// ErrQuantity is a license count outside the offer's limits (SUB-2).
	ErrQuantity = fmt.Errorf("subscriptions: license count outside the offer's limits: %w", apperr.ErrInvalid)
	// ErrSameQuantity is a "change" to the license count it already has.
	ErrSameQuantity = fmt.Errorf("subscriptions: license count unchanged: %w", apperr.ErrInvalid)
	// ErrOfferNotFound is an add-on offer that is not an add-on of the
	// subscription's offer, or a catalog offer that is gone.
	ErrOfferNotFound = fmt.Errorf("subscriptions: offer %w", apperr.ErrInvalid)
)

// StateError refuses an action the subscription's state does not allow
// (cancelled, deleted, window closed, past retention…). Reason is a message
// key that says why; it is a 422 (decision: every state refusal is 422).
type StateError struct {
	Action string
	Reason string
}

func (e *StateError) Error() string {
	return "subscriptions: " + e.Action + " refused: " + e.Reason
}

// Unwrap makes a StateError an apperr.ErrInvalid.
func (e *StateError) Unwrap() error { return apperr.ErrInvalid }
