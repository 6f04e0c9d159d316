// Package apitokens holds the personal access tokens that authenticate calls
// to the JSON API (API-2), and the answers kept for repeated
// Idempotency-Key requests (API-3).
package apitokens

import (
	"fmt"
	"time"

	"portal/internal/platform/apperr"
)

// MaxLifetime is the longest a token may live (API-2): one year.
const MaxLifetime = 366 * 24 * time.Hour

// IdempotencyWindow is how long a POST's first answer is repeated for the
// same Idempotency-Key (API-3).
const IdempotencyWindow = 24 * time.Hour

// Errors of this package, each of a kind the web layer maps to a status.
var (
	ErrNotFound = fmt.Errorf("apitokens: %w", apperr.ErrNotFound)
	// ErrUnauthenticated: no such token, or revoked, expired, or its user
	// disabled (401).
	ErrUnauthenticated = fmt.Errorf("apitokens: the token is unknown, revoked or expired")
	// ErrKeyReused: the same Idempotency-Key came with another request (422).
	ErrKeyReused = fmt.Errorf("apitokens: idempotency key used for another request: %w", apperr.ErrInvalid)
)

// Token is one personal access token. Only the SHA-256 of the secret is
// kept: the secret itself is shown once, when it is made.
type Token struct {
	ID         string    `gorm:"primaryKey;size:36"`
	PartnerID  string    `gorm:"size:36;not null"`
	UserID     string    `gorm:"size:36;not null;index"`
	Name       string    `gorm:"size:100;not null"`
	Hash       string    `gorm:"size:64;not null;uniqueIndex"`
	CreatedAt  time.Time `gorm:"not null"`
	ExpiresAt  time.Time `gorm:"not null"`
	RevokedAt  *time.Time
	LastUsedAt *time.Time
}

// TableName names the table.
func (Token) TableName() string { return "api_tokens" }

// Live reports whether t may authenticate a call at now.
func (t Token) Live(now time.Time) bool {
	return t.RevokedAt == nil && now.Before(t.ExpiresAt)
}

// Answer is the first answer to a POST with an Idempotency-Key, repeated to
// the same token's repeats for IdempotencyWindow (API-3).
type Answer struct {
	TokenID string `gorm:"primaryKey;size:36"`
	Key     string `gorm:"column:idem_key;primaryKey;size:200"`
	// Request is the SHA-256 of the method, path and body: the same key with
	// another request is refused.
	Request   string    `gorm:"size:64;not null"`
	Status    int       `gorm:"not null"`
	Body      string    `gorm:"type:text;not null"`
	CreatedAt time.Time `gorm:"not null;index"`
}

// TableName names the table.
func (Answer) TableName() string { return "api_idempotent_answers" }
