package auth

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/google/uuid"
	"gorm.io/gorm"

	"portal/internal/activity"
	"portal/internal/platform/apperr"
	"portal/internal/platform/db"
)

// ResetValidFor is how long a password reset link works (AUTH-11).
const ResetValidFor = 24 * time.Hour

// ErrResetInvalid is a reset link that is unknown, used or expired.
var ErrResetInvalid = fmt.Errorf("auth: reset link unknown, used or expired: %w", apperr.ErrGone)

// PasswordReset is a single-use link an admin made for a user (AUTH-11).
// Only the token's hash is kept.
type PasswordReset struct {
	ID        string     `gorm:"primaryKey;size:36"`
	TokenHash string     `gorm:"size:64;not null;uniqueIndex"`
	UserID    string     `gorm:"size:36;not null;index"`
	PartnerID string     `gorm:"size:36;not null"`
	CreatedBy string     `gorm:"size:36;not null"`
	CreatedAt time.Time  `gorm:"not null"`
	ExpiresAt time.Time  `gorm:"not null"`
	UsedAt    *time.Time // also set when a newer link replaces this one
}

// ResetUsable reports whether a reset link still works at now: unused and
// less than 24 hours old (AUTH-11).
func ResetUsable(r PasswordReset, now time.Time) bool {
	return r.UsedAt == nil && now.Before(r.ExpiresAt)
}

// CreateReset makes a reset link for one of the partner's users and returns
// its token, to be shown once to the admin (AUTH-11). Earlier unused links
// of that user stop working.
func (s *Service) CreateReset(ctx context.Context, partnerID string, actor activity.Actor, userID string) (string, User, error) {
	now := s.securityClock().Now().UTC()
	token := NewToken(32)
	var u User
	err := db.Tx(ctx, s.DB, func(ctx context.Context, tx *gorm.DB) error {
		var err error
		if u, err = s.PartnerUser(ctx, partnerID, userID); err != nil {
			return err
		}
		if err := tx.Model(&PasswordReset{}).Where("user_id = ? AND used_at IS NULL", u.ID).Update("used_at", now).Error; err != nil {
			return err
		}
		r := PasswordReset{ID: uuid.NewString(), TokenHash: HashToken(token), UserID: u.ID, PartnerID: partnerID,
			CreatedBy: actor.UserID, CreatedAt: now, ExpiresAt: now.Add(ResetValidFor)}
		if err := tx.Create(&r).Error; err != nil {
			return err
		}
		return s.Activity.Record(ctx, s.Clock.Now(), activity.Change{
			PartnerID: partnerID, Actor: actor, ResourceType: "user", ResourceID: u.ID, Action: ActionResetLinkCreated, Details: u.Email,
		})
	})
	if err != nil {
		return "", User{}, fmt.Errorf("auth: reset link for %s: %w", userID, err)
	}
	return token, u, nil
}

// ResetUser returns the user a usable reset token is for.
func (s *Service) ResetUser(ctx context.Context, token string) (PasswordReset, User, error) {
	var r PasswordReset
	err := db.Conn(ctx, s.DB).Where("token_hash = ?", HashToken(token)).Take(&r).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return PasswordReset{}, User{}, ErrResetInvalid
	}
	if err != nil {
		return PasswordReset{}, User{}, fmt.Errorf("auth: read reset link: %w", err)
	}
	if !ResetUsable(r, s.securityClock().Now()) {
		return PasswordReset{}, User{}, ErrResetInvalid
	}
	var u User
	if err := db.Conn(ctx, s.DB).Where("id = ? AND partner_id = ?", r.UserID, r.PartnerID).Take(&u).Error; err != nil {
		if errors.Is(err, gorm.ErrRecordNotFound) {
			return PasswordReset{}, User{}, ErrResetInvalid
		}
		return PasswordReset{}, User{}, fmt.Errorf("auth: reset link user: %w", err)
	}
	if u.Disabled {
		return PasswordReset{}, User{}, ErrResetInvalid
	}
	return r, u, nil
}

// UseReset sets a new password through a reset link, once: the link is
// spent, every session of the user ends and any sign-in lock is lifted
// (AUTH-8, AUTH-11). The password must already pass CheckPassword.
func (s *Service) UseReset(ctx context.Context, token, password string) (User, error) {
	now := s.securityClock().Now().UTC()
	var u User
	err := db.Tx(ctx, s.DB, func(ctx context.Context, tx *gorm.DB) error {
		r, user, err := s.ResetUser(ctx, token)
		if err != nil {
			return err
		}
		u = user
		if p := CheckPassword(password, u.Email); p != "" {
			return fmt.Errorf("auth: new password: %s: %w", p, apperr.ErrInvalid)
		}
		res := tx.Model(&PasswordReset{}).Where("id = ? AND used_at IS NULL", r.ID).Update("used_at", now)
		if res.Error != nil {
			return res.Error
		}
		if res.RowsAffected != 1 {
			return ErrResetInvalid // spent by a concurrent request
		}
		if err := s.setPassword(ctx, u.ID, password); err != nil {
			return err
		}
		if err := s.Sessions().EndAll(ctx, u.ID); err != nil {
			return err
		}
		if err := tx.Where("email = ?", u.Email).Delete(&LoginAttempt{}).Error; err != nil {
			return err
		}
		return s.Activity.Record(ctx, s.Clock.Now(), activity.Change{
			PartnerID: u.PartnerID, Actor: actorOf(u), ResourceType: "user", ResourceID: u.ID, Action: ActionPasswordReset,
		})
	})
	if err != nil {
		return User{}, fmt.Errorf("auth: reset password: %w", err)
	}
	return u, nil
}
