// Package auth holds partners, users, their roles, the permission table and
// sign-in (AUTH-1 to AUTH-7).
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
}

// User is a partner's staff member.
type User struct {
	ID           string `gorm:"primaryKey;size:36"`
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

// LoginAttempt counts failed sign-ins for one email address, whether or not an
// account has it, so the answer never tells which accounts exist (AUTH-7). It
// lives in the database so every node of the portal shares it.
type LoginAttempt struct {
	Email        string `gorm:"primaryKey;size:254"`
	Failures     int    `gorm:"not null"`
	LastFailedAt time.Time
	LockedUntil  *time.Time
}

// Errors of the auth package.
var (
	ErrNotFound       = fmt.Errorf("auth: %w", apperr.ErrNotFound)
	ErrBadCredentials = errors.New("auth: wrong email or password")
	ErrThrottled      = errors.New("auth: too many attempts, wait")
	ErrLocked         = errors.New("auth: temporarily locked")
	ErrEmailTaken     = fmt.Errorf("auth: email already used: %w", apperr.ErrConflict)
)
