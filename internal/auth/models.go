// Package auth holds partners, users, their roles, the permission table and
// sign-in, sessions, passwords and two-step verification (AUTH-1 to AUTH-11).
package auth

import (
	"errors"
	"fmt"
	"time"

	"portal/internal/perm"
	"portal/internal/platform/apperr"
)

// Partner is a partner organization; every other record belongs to one.
type Partner struct {
	ID        string `gorm:"primaryKey;size:36"`
	Name      string `gorm:"size:200;not null"`
	CreatedAt time.Time
	// RequireMFA sends every user without two-step verification to set it
	// up right after the password (AUTH-9).
	RequireMFA bool `gorm:"column:require_mfa;not null;default:false"`
}

// User is a partner's staff member.
type User struct {
	ID           string `gorm:"primaryKey;size:36;index:idx_users_partner_email,priority:3"`
	PartnerID    string `gorm:"size:36;not null;index:idx_users_partner_email,priority:1"`
	Email        string `gorm:"size:254;not null;uniqueIndex"`
	Name         string `gorm:"size:200;not null;index:idx_users_partner_email,priority:2"`
	PasswordHash string `gorm:"size:100;not null"`
	RoleNames    string `gorm:"column:roles;size:400;not null"`
	Disabled     bool   `gorm:"not null;default:false"`
	Language     string `gorm:"size:5;not null;default:''"`
	CreatedAt    time.Time
}

// Roles returns the roles the user holds.
func (u User) Roles() perm.Roles { return perm.ParseRoles(u.RoleNames) }

// LoginAttempt counts the sign-in attempts in a row for one email address,
// whether or not an account has it, so the answer never tells which accounts
// exist (AUTH-7). It lives in the database so every node of the portal shares
// it, and it is counted and read in one statement (AUTH-10). Times are Unix
// seconds so the statement compares numbers the same way on every engine.
type LoginAttempt struct {
	Email string `gorm:"primaryKey;size:254"`
	// Failures counts the attempts since the last success or the last lock's end.
	Failures int `gorm:"not null;default:0"`
	// LastAt and PrevAt are the last two attempts; LockedUntil is 0 when unlocked.
	LastAt      int64 `gorm:"not null;default:0"`
	PrevAt      int64 `gorm:"not null;default:0"`
	LockedUntil int64 `gorm:"not null;default:0"`
}

// AddressAttempts counts the sign-in attempts from one address in one minute
// (AUTH-10), in the database so the limit holds across nodes.
type AddressAttempts struct {
	Address  string `gorm:"primaryKey;size:64"`
	Minute   int64  `gorm:"column:window_minute;primaryKey;autoIncrement:false"` // Unix time / 60
	Attempts int    `gorm:"not null;default:0"`
}

// TableName names the table of AddressAttempts.
func (AddressAttempts) TableName() string { return "sign_in_addresses" }

// Errors of the auth package.
var (
	ErrNotFound       = fmt.Errorf("auth: %w", apperr.ErrNotFound)
	ErrBadCredentials = errors.New("auth: wrong email or password")
	ErrThrottled      = errors.New("auth: too many attempts, wait")
	ErrLocked         = errors.New("auth: temporarily locked")
	// ErrAddressLimited refuses an address past AddressLimit attempts a minute.
	ErrAddressLimited = errors.New("auth: too many sign-in attempts from this address")
	ErrEmailTaken     = fmt.Errorf("auth: email already used: %w", apperr.ErrConflict)
)
