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
	ID          string `gorm:"primaryKey;size:36;index:idx_software_partner_customer,priority:4"`
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

// DownloadLink is one issued download link (SW-3). Only a SHA-256 of its
// token is stored: the token itself is shown once, to the agent who asked.
type DownloadLink struct {
	ID         string `gorm:"primaryKey;size:36;index:idx_download_links_purchase_issued,priority:3"`
	PartnerID  string `gorm:"size:36;not null"`
	PurchaseID string `gorm:"size:36;not null;index:idx_download_links_purchase_issued,priority:1"`
	// TokenHash is the hex SHA-256 of the link's token.
	TokenHash string    `gorm:"size:64;not null;uniqueIndex"`
	Version   string    `gorm:"size:60;not null"`
	Language  string    `gorm:"size:40;not null"`
	FileType  string    `gorm:"size:60;not null"`
	IssuedAt  time.Time `gorm:"not null;index:idx_download_links_purchase_issued,priority:2"`
	ExpiresAt time.Time `gorm:"not null"`
	Downloads int       `gorm:"not null;default:0"`
	Revoked   bool      `gorm:"not null;default:false"`
}

// TableName names the links' table.
func (DownloadLink) TableName() string { return "download_links" }

// More errors of the software package.
var (
	// ErrLinkNotFound is an unknown download token (404).
	ErrLinkNotFound = fmt.Errorf("software: download link %w", apperr.ErrNotFound)
	// ErrNotActive refuses keys for a cancelled purchase (SW-7).
	ErrNotActive = fmt.Errorf("software: purchase is not active: %w", apperr.ErrForbidden)
	// ErrBadChoice is a version, language or file type the offer does not have.
	ErrBadChoice = fmt.Errorf("software: choice not offered: %w", apperr.ErrInvalid)
	// ErrOrderMismatch is a cancellation naming an order that does not hold
	// the purchase.
	ErrOrderMismatch = fmt.Errorf("software: order does not hold the purchase: %w", apperr.ErrInvalid)
)

// GoneError says why a download link no longer works (SW-3, SW-7); it wraps
// apperr.ErrGone (410).
type GoneError struct {
	Reason string // LinkExpired, LinkUsedUp or LinkRevoked
	Link   DownloadLink
}

func (e *GoneError) Error() string { return "software: download link " + e.Reason }

// Unwrap makes a GoneError an apperr.ErrGone.
func (e *GoneError) Unwrap() error { return apperr.ErrGone }

// RefusedError says why a purchase cannot be cancelled here (SW-5, SW-6); it
// wraps apperr.ErrForbidden (403).
type RefusedError struct {
	Reason string // a Refused* constant
}

func (e *RefusedError) Error() string { return "software: cancellation refused: " + e.Reason }

// Unwrap makes a RefusedError an apperr.ErrForbidden.
func (e *RefusedError) Unwrap() error { return apperr.ErrForbidden }
