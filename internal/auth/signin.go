package auth

import (
	"context"
	"errors"
	"fmt"
	"time"

	"golang.org/x/crypto/bcrypt"
	"gorm.io/gorm"

	"portal/internal/activity"
	"portal/internal/platform/clock"
	"portal/internal/platform/db"
)

// securityClock is the clock of throttling, sessions and codes.
func (s *Service) securityClock() clock.Clock {
	if s.SecurityClock != nil {
		return s.SecurityClock
	}
	return s.Clock
}

// claimAttempt counts one attempt on an account and returns its number in
// the row, the time of the attempt before it and the lock's end, in one
// statement: concurrent attempts each get their own number (AUTH-10). A lock
// that has ended starts the count again.
func (s *Service) claimAttempt(ctx context.Context, email string, now time.Time) (n int, prev, lockedUntil time.Time, err error) {
	var row struct {
		Failures    int
		PrevAt      int64
		LockedUntil int64
	}
	sec := now.Unix()
	err = db.Returning(ctx, s.DB, &row, `INSERT INTO login_attempts (email, failures, last_at, prev_at, locked_until) VALUES (?, 1, ?, 0, 0)
ON CONFLICT (email) DO UPDATE SET
  failures = CASE WHEN login_attempts.locked_until > 0 AND login_attempts.locked_until <= ? THEN 1 ELSE login_attempts.failures + 1 END,
  locked_until = CASE WHEN login_attempts.locked_until > 0 AND login_attempts.locked_until <= ? THEN 0 ELSE login_attempts.locked_until END,
  prev_at = login_attempts.last_at,
  last_at = ?
RETURNING failures, prev_at, locked_until`, email, sec, sec, sec, sec)
	if err != nil {
		return 0, time.Time{}, time.Time{}, fmt.Errorf("auth: count attempt: %w", err)
	}
	if row.PrevAt > 0 {
		prev = time.Unix(row.PrevAt, 0).UTC()
	}
	if row.LockedUntil > 0 {
		lockedUntil = time.Unix(row.LockedUntil, 0).UTC()
	}
	return row.Failures, prev, lockedUntil, nil
}

// lock locks an account for LockFor unless a lock is already running.
func (s *Service) lock(ctx context.Context, email string, now time.Time) error {
	err := db.Conn(ctx, s.DB).Model(&LoginAttempt{}).Where("email = ? AND locked_until = 0", email).
		Update("locked_until", now.Add(LockFor).Unix()).Error
	if err != nil {
		return fmt.Errorf("auth: lock: %w", err)
	}
	return nil
}

// AllowAddress counts one sign-in attempt from an address and refuses the
// attempts past AddressLimit in the same minute (AUTH-10). The count is one
// statement in the database, so it holds across nodes.
func (s *Service) AllowAddress(ctx context.Context, address string) error {
	if len(address) > 64 {
		address = address[:64]
	}
	minute := s.securityClock().Now().Unix() / 60
	var n int
	conn := db.Conn(ctx, s.DB)
	err := db.Returning(ctx, s.DB, &n, `INSERT INTO sign_in_addresses (address, window_minute, attempts) VALUES (?, ?, 1)
ON CONFLICT (address, window_minute) DO UPDATE SET attempts = sign_in_addresses.attempts + 1
RETURNING attempts`, address, minute)
	if err != nil {
		return fmt.Errorf("auth: count address: %w", err)
	}
	if n == 1 { // a new minute for this address: forget every earlier minute
		if err := conn.Where("window_minute < ?", minute).Delete(&AddressAttempts{}).Error; err != nil {
			return fmt.Errorf("auth: forget old address counts: %w", err)
		}
	}
	if n > AddressLimit {
		return ErrAddressLimited
	}
	return nil
}

// Authenticate checks an email and password (AUTH-2) with the throttling of
// AUTH-7 and AUTH-10: the attempt is counted before the password is read, so
// at most LockAfter wrong passwords are ever compared before the lock.
// Unknown addresses are counted like known ones, so the answers do not tell
// whether an account exists. Both outcomes are written to the activity log
// of the account's partner when there is one.
func (s *Service) Authenticate(ctx context.Context, email, password string) (User, error) {
	email = NormalizeEmail(email)
	now := s.securityClock().Now()
	n, prev, lockedUntil, err := s.claimAttempt(ctx, email, now)
	if err != nil {
		return User{}, err
	}
	switch AttemptVerdict(n, prev, lockedUntil, now) {
	case Locked:
		if lockedUntil.IsZero() {
			if err := s.lock(ctx, email, now); err != nil {
				return User{}, err
			}
		}
		return User{}, ErrLocked
	case Throttled:
		return User{}, ErrThrottled
	}

	conn := db.Conn(ctx, s.DB)
	var u User
	err = conn.Where("email = ?", email).Take(&u).Error
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
	if s.onPasswordCheck != nil {
		s.onPasswordCheck()
	}
	pwErr := bcrypt.CompareHashAndPassword([]byte(hash), []byte(password))
	at := s.Clock.Now()
	if found && pwErr == nil && !u.Disabled {
		err := db.Tx(ctx, s.DB, func(ctx context.Context, tx *gorm.DB) error {
			if err := tx.Where("email = ?", email).Delete(&LoginAttempt{}).Error; err != nil {
				return err
			}
			return s.Activity.Record(ctx, at, activity.Change{
				PartnerID: u.PartnerID, Actor: activity.Actor{UserID: u.ID, Name: u.Email},
				ResourceType: "user", ResourceID: u.ID, Action: activity.ActionSignedIn,
			})
		})
		if err != nil {
			return User{}, fmt.Errorf("auth: sign in %s: %w", u.ID, err)
		}
		return u, nil
	}

	locked := LockedUntilAfter(n, now) != nil
	err = db.Tx(ctx, s.DB, func(ctx context.Context, tx *gorm.DB) error {
		if locked {
			if err := s.lock(ctx, email, now); err != nil {
				return err
			}
		}
		if !found {
			return nil
		}
		return s.Activity.Record(ctx, at, activity.Change{
			PartnerID: u.PartnerID, Actor: activity.Actor{UserID: u.ID, Name: u.Email},
			ResourceType: "user", ResourceID: u.ID, Action: activity.ActionSignInFailed,
			Details: fmt.Sprintf("failed attempts in a row: %d", n),
		})
	})
	if err != nil {
		return User{}, fmt.Errorf("auth: count failure: %w", err)
	}
	if locked {
		return User{}, ErrLocked
	}
	return User{}, ErrBadCredentials
}

// Unlock lifts the sign-in lock and the count of failures of one of the
// partner's users (AUTH-10), and records "user.unlocked".
func (s *Service) Unlock(ctx context.Context, partnerID string, actor activity.Actor, userID string) error {
	return db.Tx(ctx, s.DB, func(ctx context.Context, tx *gorm.DB) error {
		u, err := s.PartnerUser(ctx, partnerID, userID)
		if err != nil {
			return err
		}
		if err := tx.Where("email = ?", u.Email).Delete(&LoginAttempt{}).Error; err != nil {
			return fmt.Errorf("auth: unlock %s: %w", userID, err)
		}
		return s.Activity.Record(ctx, s.Clock.Now(), activity.Change{
			PartnerID: partnerID, Actor: actor, ResourceType: "user", ResourceID: u.ID,
			Action: ActionUnlocked, Details: u.Email,
		})
	})
}

// LockedUntil returns when the sign-in lock of an email ends, or the zero
// time when it is not locked now.
func (s *Service) LockedUntil(ctx context.Context, email string) (time.Time, error) {
	var att LoginAttempt
	err := db.Conn(ctx, s.DB).Where("email = ?", NormalizeEmail(email)).Take(&att).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return time.Time{}, nil
	}
	if err != nil {
		return time.Time{}, fmt.Errorf("auth: read lock: %w", err)
	}
	end := time.Unix(att.LockedUntil, 0).UTC()
	if att.LockedUntil == 0 || !s.securityClock().Now().Before(end) {
		return time.Time{}, nil
	}
	return end, nil
}
