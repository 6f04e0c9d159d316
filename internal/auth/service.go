package auth

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"

	"github.com/google/uuid"
	"golang.org/x/crypto/bcrypt"
	"gorm.io/gorm"

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
	// SecurityClock times sign-in throttling, sessions, reset links and
	// one-time codes: the real clock even in demo mode, so moving the demo
	// clock neither ends sessions nor lifts locks. Nil means Clock.
	SecurityClock clock.Clock
	// Memo, when set, keeps the sessions looked up and the partners' user
	// names while nothing is written (Memo).
	Memo *Memo

	// onPasswordCheck, when set, is called each time a password is compared
	// (tests count the checks of AUTH-10 with it).
	onPasswordCheck func()

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
