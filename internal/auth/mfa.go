package auth

import (
	"context"
	"crypto/subtle"
	"encoding/base32"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/pquerna/otp"
	"github.com/pquerna/otp/totp"
	"gorm.io/gorm"

	"portal/internal/activity"
	"portal/internal/platform/apperr"
	"portal/internal/platform/db"
)

// Two-step verification (AUTH-9): time-based one-time codes of RFC 6238.
const (
	// Issuer names the portal in authenticator apps.
	Issuer = "Partner Center"
	// CodeStep is the life of one code; CodeSkew steps either side are
	// accepted for clocks that drift.
	CodeStep = 30 * time.Second
	CodeSkew = 1
	// RecoveryCodes is how many single-use recovery codes are made.
	RecoveryCodes = 10
	// MaxCodeFailures wrong codes end a sign-in attempt.
	MaxCodeFailures = 5
)

// Errors of two-step verification.
var (
	ErrBadCode     = fmt.Errorf("auth: wrong or used code: %w", apperr.ErrInvalid)
	ErrMFAOn       = fmt.Errorf("auth: two-step verification is already on: %w", apperr.ErrConflict)
	ErrMFAOff      = fmt.Errorf("auth: two-step verification is off: %w", apperr.ErrConflict)
	ErrMFARequired = fmt.Errorf("auth: the partner requires two-step verification: %w", apperr.ErrInvalid)
)

// MFA is a user's one-time code secret (AUTH-9). It is on only once
// EnabledAt is set, after a correct code; before that it is a set-up in
// progress. LastStep is the time step of the last code accepted, so a code
// works once.
type MFA struct {
	UserID    string `gorm:"primaryKey;size:36"`
	Secret    string `gorm:"size:64;not null"` // base32, as authenticator apps read it
	EnabledAt *time.Time
	LastStep  int64 `gorm:"not null;default:0"`
	CreatedAt time.Time
}

// TableName names the table of MFA.
func (MFA) TableName() string { return "user_mfa" }

// RecoveryCode is one single-use recovery code, stored hashed (AUTH-9).
type RecoveryCode struct {
	ID       string `gorm:"primaryKey;size:36"`
	UserID   string `gorm:"size:36;not null;index"`
	CodeHash string `gorm:"size:64;not null"`
	UsedAt   *time.Time
}

// TableName names the table of RecoveryCode.
func (RecoveryCode) TableName() string { return "user_recovery_codes" }

var codeOpts = totp.ValidateOpts{Period: uint(CodeStep / time.Second), Digits: otp.DigitsSix, Algorithm: otp.AlgorithmSHA1}

// MatchCode finds the time step of now (or CodeSkew steps either side) whose
// code is code, later than lastStep so a code is never accepted twice. It is
// the rule of AUTH-9's codes: 6 digits, 30 s, SHA-1.
func MatchCode(secret, code string, now time.Time, lastStep int64) (int64, bool) {
	code = strings.TrimSpace(code)
	if len(code) != 6 {
		return 0, false
	}
	step := now.Unix() / int64(CodeStep/time.Second)
	for d := int64(-CodeSkew); d <= CodeSkew; d++ {
		s := step + d
		if s <= lastStep {
			continue
		}
		want, err := totp.GenerateCodeCustom(secret, time.Unix(s*int64(CodeStep/time.Second), 0), codeOpts)
		if err == nil && subtle.ConstantTimeCompare([]byte(want), []byte(code)) == 1 {
			return s, true
		}
	}
	return 0, false
}

// MFASetup is what the set-up page shows: the secret as text and the URI the
// QR code carries.
type MFASetup struct {
	Secret string
	URI    string
	Key    *otp.Key
}

// MFAStatus returns the user's two-step verification row, if any.
func (s *Service) MFAStatus(ctx context.Context, userID string) (MFA, bool, error) {
	var m MFA
	err := db.Conn(ctx, s.DB).Where("user_id = ?", userID).Take(&m).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return MFA{}, false, nil
	}
	if err != nil {
		return MFA{}, false, fmt.Errorf("auth: mfa of %s: %w", userID, err)
	}
	return m, true, nil
}

// MFAEnabled reports whether the user has two-step verification on.
func (s *Service) MFAEnabled(ctx context.Context, userID string) (bool, error) {
	m, ok, err := s.MFAStatus(ctx, userID)
	return ok && m.EnabledAt != nil, err
}

// BeginMFA returns the set-up of a user's two-step verification: the secret
// in progress, made now when there is none (AUTH-9).
func (s *Service) BeginMFA(ctx context.Context, u User) (MFASetup, error) {
	m, ok, err := s.MFAStatus(ctx, u.ID)
	if err != nil {
		return MFASetup{}, err
	}
	if ok && m.EnabledAt != nil {
		return MFASetup{}, ErrMFAOn
	}
	opts := totp.GenerateOpts{Issuer: Issuer, AccountName: u.Email, Period: codeOpts.Period, Digits: otp.DigitsSix, Algorithm: otp.AlgorithmSHA1}
	if ok {
		raw, err := base32.StdEncoding.WithPadding(base32.NoPadding).DecodeString(m.Secret)
		if err != nil {
			return MFASetup{}, fmt.Errorf("auth: stored secret of %s: %w", u.ID, err)
		}
		opts.Secret = raw
	}
	key, err := totp.Generate(opts)
	if err != nil {
		return MFASetup{}, fmt.Errorf("auth: make secret: %w", err)
	}
	if !ok {
		row := MFA{UserID: u.ID, Secret: key.Secret(), CreatedAt: s.securityClock().Now().UTC()}
		if err := db.Conn(ctx, s.DB).Create(&row).Error; err != nil && !db.IsUniqueViolation(err) {
			return MFASetup{}, fmt.Errorf("auth: save secret of %s: %w", u.ID, err)
		} else if err != nil {
			return s.BeginMFA(ctx, u) // a concurrent request made one: use it
		}
	}
	return MFASetup{Secret: key.Secret(), URI: key.URL(), Key: key}, nil
}

// EnableMFA turns two-step verification on once code matches the secret in
// progress, and returns the ten recovery codes, to be shown once (AUTH-9).
func (s *Service) EnableMFA(ctx context.Context, u User, code string) ([]string, error) {
	now := s.securityClock().Now()
	var codes []string
	err := db.Tx(ctx, s.DB, func(ctx context.Context, tx *gorm.DB) error {
		m, ok, err := s.MFAStatus(ctx, u.ID)
		if err != nil {
			return err
		}
		if !ok {
			return ErrBadCode
		}
		if m.EnabledAt != nil {
			return ErrMFAOn
		}
		step, match := MatchCode(m.Secret, code, now, m.LastStep)
		if !match {
			return ErrBadCode
		}
		at := now.UTC()
		res := tx.Model(&MFA{}).Where("user_id = ? AND enabled_at IS NULL", u.ID).Updates(map[string]any{"enabled_at": at, "last_step": step})
		if res.Error != nil {
			return res.Error
		}
		if res.RowsAffected != 1 {
			return ErrMFAOn
		}
		if codes, err = s.newRecoveryCodes(ctx, u.ID); err != nil {
			return err
		}
		return s.Activity.Record(ctx, s.Clock.Now(), activity.Change{
			PartnerID: u.PartnerID, Actor: actorOf(u), ResourceType: "user", ResourceID: u.ID, Action: ActionMFAEnabled,
		})
	})
	if err != nil {
		return nil, fmt.Errorf("auth: enable mfa for %s: %w", u.ID, err)
	}
	return codes, nil
}

// DisableMFA turns two-step verification off, after the current password,
// unless the partner requires it (AUTH-9).
func (s *Service) DisableMFA(ctx context.Context, u User, p Partner) error {
	if p.RequireMFA {
		return ErrMFARequired
	}
	return db.Tx(ctx, s.DB, func(ctx context.Context, tx *gorm.DB) error {
		res := tx.Where("user_id = ?", u.ID).Delete(&MFA{})
		if res.Error != nil {
			return res.Error
		}
		if res.RowsAffected == 0 {
			return ErrMFAOff
		}
		if err := tx.Where("user_id = ?", u.ID).Delete(&RecoveryCode{}).Error; err != nil {
			return err
		}
		return s.Activity.Record(ctx, s.Clock.Now(), activity.Change{
			PartnerID: u.PartnerID, Actor: actorOf(u), ResourceType: "user", ResourceID: u.ID, Action: ActionMFADisabled,
		})
	})
}

// VerifySecondStep checks a one-time code, or else a recovery code, of a user
// whose two-step verification is on; each works once (AUTH-9). It reports
// whether a recovery code was used.
func (s *Service) VerifySecondStep(ctx context.Context, u User, code string) (recovery bool, err error) {
	now := s.securityClock().Now()
	m, ok, err := s.MFAStatus(ctx, u.ID)
	if err != nil {
		return false, err
	}
	if !ok || m.EnabledAt == nil {
		return false, ErrMFAOff
	}
	conn := db.Conn(ctx, s.DB)
	if step, match := MatchCode(m.Secret, code, now, m.LastStep); match {
		// Claim the step in one statement, so a code is used once even when
		// sent twice at the same moment.
		res := conn.Model(&MFA{}).Where("user_id = ? AND last_step < ?", u.ID, step).Update("last_step", step)
		if res.Error != nil {
			return false, fmt.Errorf("auth: use code: %w", res.Error)
		}
		if res.RowsAffected == 1 {
			return false, nil
		}
		return false, ErrBadCode
	}
	norm := NormalizeRecoveryCode(code)
	if len(norm) != recoveryLen {
		return false, ErrBadCode
	}
	res := conn.Model(&RecoveryCode{}).Where("user_id = ? AND code_hash = ? AND used_at IS NULL", u.ID, HashToken(norm)).Update("used_at", now.UTC())
	if res.Error != nil {
		return false, fmt.Errorf("auth: use recovery code: %w", res.Error)
	}
	if res.RowsAffected != 1 {
		return false, ErrBadCode
	}
	if err := s.Activity.Record(ctx, s.Clock.Now(), activity.Change{
		PartnerID: u.PartnerID, Actor: actorOf(u), ResourceType: "user", ResourceID: u.ID, Action: ActionRecoveryCodeUsed,
	}); err != nil {
		return false, err
	}
	return true, nil
}

// recoveryLen is the length of a recovery code without its dash.
const recoveryLen = 10

const recoveryAlphabet = "abcdefghjkmnpqrstuvwxyz23456789" // no 0/o, 1/l/i

// CodeFailuresEnd ends a sign-in attempt after MaxCodeFailures wrong codes
// (AUTH-9): the session ends and the account is locked for LockFor like
// after wrong passwords, so someone who has the password cannot try codes
// without end by signing in again; it is recorded.
func (s *Service) CodeFailuresEnd(ctx context.Context, cur Current) error {
	now := s.securityClock().Now()
	return db.Tx(ctx, s.DB, func(ctx context.Context, tx *gorm.DB) error {
		if err := s.Sessions().End(ctx, cur.Session.ID); err != nil {
			return err
		}
		err := tx.Exec(`INSERT INTO login_attempts (email, failures, last_at, prev_at, locked_until) VALUES (?, 0, ?, 0, ?)
ON CONFLICT (email) DO UPDATE SET locked_until = excluded.locked_until`, cur.User.Email, now.Unix(), now.Add(LockFor).Unix()).Error
		if err != nil {
			return fmt.Errorf("auth: lock after wrong codes: %w", err)
		}
		return s.Activity.Record(ctx, s.Clock.Now(), activity.Change{
			PartnerID: cur.User.PartnerID, Actor: actorOf(cur.User), ResourceType: "user", ResourceID: cur.User.ID, Action: ActionMFAFailed,
			Details: fmt.Sprintf("wrong codes: %d", MaxCodeFailures),
		})
	})
}
