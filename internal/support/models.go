// Package support holds support requests, their notes and attachments
// (SUP-1, SUP-2), and the requests that carry reservation refunds and
// exchanges (RES-4).
package support

import (
	"fmt"
	"slices"
	"time"

	"portal/internal/platform/apperr"
	"portal/internal/platform/money"
)

// Problem types of a request (SUP-1).
const (
	ProblemCSPPurchaseRefund     = "csp_purchase_refund" // CSP purchase/refund on behalf of customers
	ProblemReservationManagement = "reservation_management"
	ProblemBilling               = "billing"
	ProblemSubscription          = "subscription_management"
	ProblemTechnical             = "technical"
	ProblemAccount               = "account"
)

// ProblemTypes lists the problem types in display order.
func ProblemTypes() []string {
	return []string{ProblemCSPPurchaseRefund, ProblemReservationManagement, ProblemBilling,
		ProblemSubscription, ProblemTechnical, ProblemAccount}
}

// Issue types of the wizard's first step (RES-4).
const (
	IssueBilling   = "billing"
	IssueTechnical = "technical"
	IssueQuota     = "quota"
	IssueSubMgmt   = "subscription_management"
)

// IssueTypes lists the issue types in display order.
func IssueTypes() []string { return []string{IssueBilling, IssueTechnical, IssueQuota, IssueSubMgmt} }

// Categories of a reservation-management problem (RES-4).
const (
	CategoryExchangesRefunds = "exchanges_refunds"
	CategoryScope            = "scope"
	CategoryUtilization      = "utilization"
	CategoryOther            = "other"
)

// Categories lists the categories in display order.
func Categories() []string {
	return []string{CategoryExchangesRefunds, CategoryScope, CategoryUtilization, CategoryOther}
}

// Severities (impact) of a request, most urgent first (SUP-2).
const (
	Critical = "critical"
	Moderate = "moderate"
	Minimal  = "minimal"
)

// Severities lists the severities, most urgent first.
func Severities() []string { return []string{Critical, Moderate, Minimal} }

// Statuses of a request (SUP-2).
const (
	Open            = "open"
	AttentionNeeded = "attention_needed"
	Closed          = "closed"
)

// Statuses lists the statuses in display order.
func Statuses() []string { return []string{Open, AttentionNeeded, Closed} }

// Valid reports whether v is one of list.
func Valid(list []string, v string) bool { return slices.Contains(list, v) }

// Request is a support request a partner user opened.
type Request struct {
	ID        string `gorm:"primaryKey;size:36;index:idx_support_partner_created,priority:3;index:idx_support_partner_status_created,priority:4;index:idx_support_partner_severity_created,priority:4"`
	PartnerID string `gorm:"size:36;not null;uniqueIndex:idx_support_partner_number,priority:1;index:idx_support_partner_reservation,priority:1;index:idx_support_partner_created,priority:1;index:idx_support_partner_status_created,priority:1;index:idx_support_partner_severity_created,priority:1"`
	// Number is the short reference people quote: SR-YYMMDD-NNNN.
	Number      string `gorm:"size:20;not null;uniqueIndex:idx_support_partner_number,priority:2"`
	ProblemType string `gorm:"size:40;not null"`
	IssueType   string `gorm:"size:30;not null;default:''"`
	Category    string `gorm:"size:40;not null;default:''"`
	Severity    string `gorm:"size:10;not null;index:idx_support_partner_severity_created,priority:2"`
	Title       string `gorm:"size:200;not null"`
	Description string `gorm:"size:4000;not null;default:''"`
	// CustomerRef is what the user typed (tenant ID or domain); CustomerID
	// and CustomerName the partner's customer it names.
	CustomerRef           string      `gorm:"size:253;not null;default:''"`
	CustomerID            string      `gorm:"size:36;not null;default:''"`
	CustomerName          string      `gorm:"size:200;not null;default:''"`
	OrderOrSubscriptionID string      `gorm:"size:64;not null;default:''"`
	Reason                string      `gorm:"size:500;not null;default:''"`
	AmountRequested       money.Cents `gorm:"not null;default:0"`
	ContactName           string      `gorm:"size:200;not null"`
	ContactEmail          string      `gorm:"size:254;not null"`
	ContactPhone          string      `gorm:"size:40;not null;default:''"`
	Status                string      `gorm:"size:20;not null;index:idx_support_partner_status_created,priority:2"`
	// ReservationID and ReservationOrderID link a refund or exchange
	// request to its reservation (RES-4).
	ReservationID      string    `gorm:"size:36;not null;default:'';index:idx_support_partner_reservation,priority:2"`
	ReservationOrderID string    `gorm:"size:36;not null;default:''"`
	CreatedBy          string    `gorm:"size:36;not null"`
	CreatedByName      string    `gorm:"size:200;not null;default:''"`
	CreatedAt          time.Time `gorm:"not null;index:idx_support_partner_created,priority:2;index:idx_support_partner_status_created,priority:3;index:idx_support_partner_severity_created,priority:3;index:idx_support_partner_reservation,priority:3"`
	UpdatedAt          time.Time
}

// TableName names the requests' table.
func (Request) TableName() string { return "support_requests" }

// Note is one message of a request's thread.
type Note struct {
	ID        string    `gorm:"primaryKey;size:36;index:idx_support_notes_request,priority:3"`
	RequestID string    `gorm:"size:36;not null;index:idx_support_notes_request,priority:1"`
	Author    string    `gorm:"size:200;not null"`
	AuthorID  string    `gorm:"size:36;not null;default:''"`
	Body      string    `gorm:"size:4000;not null"`
	CreatedAt time.Time `gorm:"not null;index:idx_support_notes_request,priority:2"`
}

// TableName names the notes' table.
func (Note) TableName() string { return "support_notes" }

// Attachment is a file sent with a request. Files are small (at most 5 MB)
// and few, so they live in the database: one place to back up, shared by
// every node.
type Attachment struct {
	ID          string    `gorm:"primaryKey;size:36"`
	RequestID   string    `gorm:"size:36;not null;index:idx_support_attachments_request_id,priority:1"`
	FileName    string    `gorm:"size:200;not null;index:idx_support_attachments_request_id,priority:3"`
	ContentType string    `gorm:"size:60;not null"`
	Size        int64     `gorm:"not null"`
	Data        []byte    `gorm:"not null"`
	CreatedAt   time.Time `gorm:"index:idx_support_attachments_request_id,priority:2"`
}

// TableName names the attachments' table.
func (Attachment) TableName() string { return "support_attachments" }

// Errors of the support package.
var (
	ErrNotFound = fmt.Errorf("support: request %w", apperr.ErrNotFound)
	// ErrUnknownCustomer is a customer reference that names none of the
	// partner's customers.
	ErrUnknownCustomer = fmt.Errorf("support: unknown customer: %w", apperr.ErrInvalid)
	ErrInvalid         = fmt.Errorf("support: %w", apperr.ErrInvalid)
)
