package auth

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/google/uuid"
	"golang.org/x/crypto/bcrypt"
	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"portal/internal/activity"
	"portal/internal/platform/clock"
	"portal/internal/platform/db"
)

// Service signs users in and manages partners' users.
type Service struct {
	DB       *gorm.DB
	Clock    clock.Clock
	Activity activity.Recorder
	// BcryptCost is the hashing cost; zero means bcrypt.DefaultCost.
	BcryptCost int

	dummyOnce sync.Once
	dummy     string
}

// NormalizeEmail lower-cases and trims an address.
func NormalizeEmail(s string) string { return strings.ToLower(strings.TrimSpace(s)) }

// HashPassword hashes a password with bcrypt.
func (s *Service) HashPassword(pw string) (string, error) {
	cost := s.BcryptCost
	if cost == 0 {
		cost = bcrypt.DefaultCost
	}
	h, err := bcrypt.GenerateFromPassword([]byte(pw), cost)
	if err != nil {
		return "", fmt.Errorf("auth: hash: %w", err)
	}
	return string(h), nil
}

// Authenticate checks an email and password (AUTH-2), with the throttling of
// AUTH-7. Unknown addresses are counted like known ones, so the answers do not
// tell whether an account exists. Both outcomes are written to the activity
// log of the account's partner when there is one.
func (s *Service) Authenticate(ctx context.Context, email, password string) (User, error) {
	email = NormalizeEmail(email)
	now := s.Clock.Now()
	conn := db.Conn(ctx, s.DB)

	var att LoginAttempt
	if err := conn.Where("email = ?", email).Take(&att).Error; err != nil && !errors.Is(err, gorm.ErrRecordNotFound) {
		return User{}, fmt.Errorf("auth: read attempts: %w", err)
	}
	if att.LockedUntil != nil && now.Before(*att.LockedUntil) {
		return User{}, ErrLocked
	}
	if next := NextAttemptAt(att.Failures, att.LastFailedAt); now.Before(next) {
		return User{}, ErrThrottled
	}

	var u User
	err := conn.Where("email = ?", email).Take(&u).Error
	if err != nil && !errors.Is(err, gorm.ErrRecordNotFound) {
		return User{}, fmt.Errorf("auth: read user: %w", err)
	}
	found := err == nil
	hash := u.PasswordHash
	if !found {
		// Compare against a real hash so unknown addresses take as long.
		s.dummyOnce.Do(func() { s.dummy, _ = s.HashPassword("not-a-password") })
		hash = s.dummy
	}
	pwErr := bcrypt.CompareHashAndPassword([]byte(hash), []byte(password))
	if found && pwErr == nil && !u.Disabled {
		err := db.Tx(ctx, s.DB, func(ctx context.Context, tx *gorm.DB) error {
			if err := tx.Where("email = ?", email).Delete(&LoginAttempt{}).Error; err != nil {
				return err
			}
			return s.Activity.Record(ctx, now, activity.Change{
				PartnerID: u.PartnerID, Actor: activity.Actor{UserID: u.ID, Name: u.Email},
				ResourceType: "user", ResourceID: u.ID, Action: "auth.signed_in",
			})
		})
		if err != nil {
			return User{}, fmt.Errorf("auth: sign in %s: %w", u.ID, err)
		}
		return u, nil
	}

	failures := att.Failures + 1
	err = db.Tx(ctx, s.DB, func(ctx context.Context, tx *gorm.DB) error {
		rec := LoginAttempt{Email: email, Failures: failures, LastFailedAt: now, LockedUntil: LockedUntilAfter(failures, now)}
		if err := tx.Clauses(clause.OnConflict{
			Columns:   []clause.Column{{Name: "email"}},
			DoUpdates: clause.Assignments(map[string]any{"failures": gorm.Expr("login_attempts.failures + 1"), "last_failed_at": now, "locked_until": rec.LockedUntil}),
		}).Create(&rec).Error; err != nil {
			return err
		}
		if !found {
			return nil
		}
		return s.Activity.Record(ctx, now, activity.Change{
			PartnerID: u.PartnerID, Actor: activity.Actor{UserID: u.ID, Name: u.Email},
			ResourceType: "user", ResourceID: u.ID, Action: "auth.sign_in_failed",
			Details: fmt.Sprintf("failed attempts in a row: %d", failures),
		})
	})
	if err != nil {
		return User{}, fmt.Errorf("auth: count failure: %w", err)
	}
	if LockedUntilAfter(failures, now) != nil {
		return User{}, ErrLocked
	}
	return User{}, ErrBadCredentials
}

// Partner returns a partner by ID.
func (s *Service) Partner(ctx context.Context, id string) (Partner, error) {
	var p Partner
	if err := db.Conn(ctx, s.DB).Where("id = ?", id).Take(&p).Error; err != nil {
		if errors.Is(err, gorm.ErrRecordNotFound) {
			return Partner{}, ErrNotFound
		}
		return Partner{}, fmt.Errorf("auth: partner %s: %w", id, err)
	}
	return p, nil
}

// SetLanguage saves a user's language choice ("en", "fr", or "" for the browser's).
func (s *Service) SetLanguage(ctx context.Context, userID, lang string) error {
	if err := db.Conn(ctx, s.DB).Model(&User{}).Where("id = ?", userID).Update("language", lang).Error; err != nil {
		return fmt.Errorf("auth: set language %s: %w", userID, err)
	}
	return nil
}

// NewID returns a new random UUID string.
func NewID() string { return uuid.NewString() }

// SignedIn returns a user and their partner in one query: what every
// signed-in request reads (AUTH-2), so roles and the disabled flag are
// always current.
func (s *Service) SignedIn(ctx context.Context, userID string) (User, Partner, error) {
	var row struct {
		User        `gorm:"embedded"`
		PartnerName string
		PartnerAt   time.Time
	}
	err := db.Conn(ctx, s.DB).Table("users").
		Select("users.*, partners.name AS partner_name, partners.created_at AS partner_at").
		Joins("JOIN partners ON partners.id = users.partner_id").
		Where("users.id = ?", userID).Take(&row).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return User{}, Partner{}, ErrNotFound
	}
	if err != nil {
		return User{}, Partner{}, fmt.Errorf("auth: signed-in user %s: %w", userID, err)
	}
	return row.User, Partner{ID: row.User.PartnerID, Name: row.PartnerName, CreatedAt: row.PartnerAt}, nil
}
