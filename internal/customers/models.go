// Package customers holds a partner's customers, their search, and the
// delegated-admin relationship requests (CUST-1, CUST-2, CUST-5).
package customers

import (
	"fmt"
	"time"

	"portal/internal/platform/apperr"
)

// Segments a customer may belong to (CUST-2).
const (
	Commercial = "commercial"
	Education  = "education"
	Government = "government"
	Nonprofit  = "nonprofit"
)

// Segments lists the segments in display order.
func Segments() []string { return []string{Commercial, Education, Government, Nonprofit} }

// Relationship states of the delegated-admin relationship (CUST-5).
const (
	RelationshipNone    = "none"
	RelationshipPending = "pending"
	RelationshipActive  = "active"
)

// Customer is one of a partner's customers.
type Customer struct {
	ID        string `gorm:"primaryKey;size:36;index:idx_customers_partner_name,priority:3;index:idx_customers_partner_segment_name,priority:4;index:idx_customers_partner_country_name,priority:4;index:idx_customers_partner_segment_country_name,priority:5"`
	PartnerID string `gorm:"size:36;not null;uniqueIndex:idx_customers_partner_domain,priority:1;index:idx_customers_partner_name,priority:1;index:idx_customers_partner_segment_name,priority:1;index:idx_customers_partner_country_name,priority:1;index:idx_customers_partner_segment_country_name,priority:1"`
	Name      string `gorm:"size:200;not null"`
	// NameKey is the lower-cased name: the sort key of the list.
	NameKey      string `gorm:"size:200;not null;index:idx_customers_partner_name,priority:2;index:idx_customers_partner_segment_name,priority:3;index:idx_customers_partner_country_name,priority:3;index:idx_customers_partner_segment_country_name,priority:4"`
	Domain       string `gorm:"size:253;not null;uniqueIndex:idx_customers_partner_domain,priority:2"`
	TenantID     string `gorm:"size:36;not null;uniqueIndex"`
	Country      string `gorm:"size:2;not null;index:idx_customers_partner_country_name,priority:2;index:idx_customers_partner_segment_country_name,priority:3"`
	Segment      string `gorm:"size:20;not null;index:idx_customers_partner_segment_name,priority:2;index:idx_customers_partner_segment_country_name,priority:2"`
	ContactName  string `gorm:"size:200;not null"`
	ContactEmail string `gorm:"size:254;not null"`
	ContactPhone string `gorm:"size:40;not null"`
	// OpenedAt is the account-opening date (CUST-2); the retention rule of
	// SUB-4 counts from it.
	OpenedAt     time.Time `gorm:"not null"`
	Relationship string    `gorm:"size:10;not null;default:'none'"`
	CreatedAt    time.Time
}

// SearchTerm is one word of a customer's name or domain, for the indexed
// prefix search of CUST-1 (PERF-2): the list looks terms up by prefix in an
// index instead of scanning names. The (partner, term) order finds the
// customers of a rare word; the (customer, term) index checks one customer's
// words when a common word makes reading in name order cheaper.
type SearchTerm struct {
	PartnerID  string `gorm:"size:36;primaryKey;index:idx_search_terms_lookup,priority:1"`
	Term       string `gorm:"size:253;primaryKey;index:idx_search_terms_lookup,priority:2;index:idx_search_terms_customer,priority:2"`
	CustomerID string `gorm:"size:36;primaryKey;index:idx_search_terms_customer,priority:1"`
}

// Invitation is a delegated-admin relationship request (CUST-5). The token
// alone opens the public acceptance page, so it is random and long; only
// its SHA-256 is stored (AUTH-13), in the column that held the token
// itself (HashInvitationTokens converts the old rows).
type Invitation struct {
	TokenHash  string `gorm:"column:token;primaryKey;size:64"`
	PartnerID  string `gorm:"size:36;not null"`
	CustomerID string `gorm:"size:36;not null;index"`
	CreatedBy  string `gorm:"size:36;not null"`
	CreatedAt  time.Time
	AcceptedAt *time.Time
}

// Errors of the customers package.
var (
	ErrNotFound    = fmt.Errorf("customers: %w", apperr.ErrNotFound)
	ErrDomainTaken = fmt.Errorf("customers: domain already used: %w", apperr.ErrConflict)
	// ErrRelationshipActive refuses a relationship request for a customer
	// whose relationship is already active.
	ErrRelationshipActive = fmt.Errorf("customers: relationship already active: %w", apperr.ErrConflict)
	// ErrInvitationExpired is an invitation not accepted within
	// InvitationLifetime (AUTH-13).
	ErrInvitationExpired = fmt.Errorf("customers: invitation expired: %w", apperr.ErrGone)
	// ErrAlreadyAccepted is the answer to accepting an invitation twice.
	ErrAlreadyAccepted = fmt.Errorf("customers: invitation already accepted: %w", apperr.ErrConflict)
)

// SearchPrefix is one prefix, up to PrefixLen letters, of one of a
// customer's search terms, with the customer's sort key, segment and
// country (CUST-1, PERF-2). Its key (partner, prefix, name, customer)
// holds a word's customers in the list's order, so the first page of a
// search reads one range of that key from the cursor and stops after one
// page, whatever the word's frequency; segment and country are checked in
// the same row, and the other words of a search against the customer's
// Signature (SigA, SigB; -1 when unknown: it passes every filter).
// Customers are only created or imported, never renamed, so the rows are
// written once, with the customer.
type SearchPrefix struct {
	PartnerID  string `gorm:"size:36;primaryKey"`
	Prefix     string `gorm:"size:10;primaryKey"`
	NameKey    string `gorm:"size:200;primaryKey"`
	CustomerID string `gorm:"size:36;primaryKey"`
	Segment    string `gorm:"size:20;not null"`
	Country    string `gorm:"size:2;not null"`
	SigA       int64  `gorm:"not null;default:-1"`
	SigB       int64  `gorm:"not null;default:-1"`
}
