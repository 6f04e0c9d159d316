package apitokens

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/google/uuid"
	"gorm.io/gorm"

	"portal/internal/activity"
	"portal/internal/auth"
	"portal/internal/platform/clock"
	"portal/internal/platform/db"
)

// Prefix starts every token, so a leaked one is recognisable by secret
// scanners and in support requests.
const Prefix = "ppat_"

// Store makes, lists, revokes and checks tokens.
type Store struct {
	DB *gorm.DB
	// Clock dates activity entries, like every other change (the demo
	// clock in demo mode).
	Clock clock.Clock
	// SecurityClock measures expiry, last use and idempotency windows in
	// real time, like sessions (AUTH-8): moving the demo clock expires no
	// token. Nil means Clock.
	SecurityClock clock.Clock
	Activity      activity.Recorder
}

// now is the security clock's time.
func (s *Store) now() time.Time {
	if s.SecurityClock != nil {
		return s.SecurityClock.Now()
	}
	return s.Clock.Now()
}

// Hash is the stored form of a token's secret. The secret has 256 random
// bits, so a plain SHA-256 cannot be guessed back (unlike a password).
func Hash(secret string) string {
	sum := sha256.Sum256([]byte(secret))
	return hex.EncodeToString(sum[:])
}

// Create makes a token for the user, valid until expires (at most
// MaxLifetime ahead), and returns it with its secret, shown only once.
func (s *Store) Create(ctx context.Context, u auth.User, name string, expires time.Time) (Token, string, error) {
	raw := make([]byte, 32)
	if _, err := rand.Read(raw); err != nil {
		return Token{}, "", fmt.Errorf("apitokens: random: %w", err)
	}
	secret := Prefix + base64.RawURLEncoding.EncodeToString(raw)
	now := s.Clock.Now().UTC()
	t := Token{ID: uuid.NewString(), PartnerID: u.PartnerID, UserID: u.ID, Name: name, Hash: Hash(secret),
		CreatedAt: s.now().UTC(), ExpiresAt: expires.UTC()}
	err := db.Tx(ctx, s.DB, func(ctx context.Context, tx *gorm.DB) error {
		if err := tx.Create(&t).Error; err != nil {
			return fmt.Errorf("apitokens: create: %w", err)
		}
		return s.Activity.Record(ctx, now, activity.Change{PartnerID: u.PartnerID, Actor: activity.Actor{UserID: u.ID, Name: u.Email},
			ResourceType: "api_token", ResourceID: t.ID, Action: "api_token.create", Details: name,
			After: map[string]any{"name": name, "expires_at": t.ExpiresAt}})
	})
	return t, secret, err
}

// List returns the user's tokens, newest first, revoked ones included.
func (s *Store) List(ctx context.Context, userID string) ([]Token, error) {
	var out []Token
	if err := db.Conn(ctx, s.DB).Where("user_id = ?", userID).Order("created_at DESC, id").Find(&out).Error; err != nil {
		return nil, fmt.Errorf("apitokens: list: %w", err)
	}
	return out, nil
}

// Revoke ends one of the user's tokens; another user's token is not found.
func (s *Store) Revoke(ctx context.Context, u auth.User, id string) error {
	now := s.Clock.Now().UTC()
	return db.Tx(ctx, s.DB, func(ctx context.Context, tx *gorm.DB) error {
		var t Token
		err := tx.Where("id = ? AND user_id = ?", id, u.ID).First(&t).Error
		if errors.Is(err, gorm.ErrRecordNotFound) {
			return ErrNotFound
		}
		if err != nil {
			return fmt.Errorf("apitokens: revoke %s: %w", id, err)
		}
		if t.RevokedAt != nil {
			return nil
		}
		if err := tx.Model(&t).Update("revoked_at", now).Error; err != nil {
			return fmt.Errorf("apitokens: revoke %s: %w", id, err)
		}
		return s.Activity.Record(ctx, now, activity.Change{PartnerID: u.PartnerID, Actor: activity.Actor{UserID: u.ID, Name: u.Email},
			ResourceType: "api_token", ResourceID: t.ID, Action: "api_token.revoke", Details: t.Name})
	})
}

// Caller is who a token speaks for: the token, its user and partner as they
// are now (API-2: roles are read at each call).
type Caller struct {
	Token   Token
	User    auth.User
	Partner auth.Partner
}

// Authenticate returns the caller of a secret, or ErrUnauthenticated when
// it is unknown, revoked, expired, or its user is disabled (API-2).
func (s *Store) Authenticate(ctx context.Context, secret string) (Caller, error) {
	var c Caller
	if !strings.HasPrefix(secret, Prefix) || len(secret) > 100 {
		return c, ErrUnauthenticated
	}
	conn := db.Conn(ctx, s.DB)
	err := conn.Where("hash = ?", Hash(secret)).First(&c.Token).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return c, ErrUnauthenticated
	}
	if err != nil {
		return c, fmt.Errorf("apitokens: authenticate: %w", err)
	}
	now := s.now()
	if !c.Token.Live(now) {
		return c, ErrUnauthenticated
	}
	if err := conn.Where("id = ?", c.Token.UserID).First(&c.User).Error; err != nil {
		if errors.Is(err, gorm.ErrRecordNotFound) {
			return c, ErrUnauthenticated
		}
		return c, fmt.Errorf("apitokens: authenticate: %w", err)
	}
	if c.User.Disabled || c.User.PartnerID != c.Token.PartnerID {
		return c, ErrUnauthenticated
	}
	if err := conn.Where("id = ?", c.User.PartnerID).First(&c.Partner).Error; err != nil {
		return c, fmt.Errorf("apitokens: authenticate: %w", err)
	}
	// The last use is shown on the account page; written at most once a
	// minute so a busy script does not write on every call.
	if c.Token.LastUsedAt == nil || now.Sub(*c.Token.LastUsedAt) > time.Minute {
		t := now.UTC()
		if err := conn.Model(&Token{}).Where("id = ?", c.Token.ID).Update("last_used_at", t).Error; err != nil {
			return c, fmt.Errorf("apitokens: authenticate: %w", err)
		}
		c.Token.LastUsedAt = &t
	}
	return c, nil
}
