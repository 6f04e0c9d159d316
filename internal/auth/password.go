package auth

import (
	"bufio"
	"context"
	_ "embed"
	"errors"
	"fmt"
	"strings"
	"sync"
	"unicode/utf8"

	"golang.org/x/crypto/bcrypt"
	"gorm.io/gorm"

	"portal/internal/activity"
	"portal/internal/platform/apperr"
	"portal/internal/platform/db"
)

// Password rules (AUTH-11).
const (
	// MinPasswordLength is the shortest password accepted, in characters.
	MinPasswordLength = 12
	// MaxPasswordBytes is bcrypt's limit: longer passwords are refused, not cut.
	MaxPasswordBytes = 72
)

// The problems CheckPassword finds; each is a message key of the catalogs.
const (
	PasswordTooShort  = "password.too_short"
	PasswordTooLong   = "password.too_long"
	PasswordCommon    = "password.common"
	PasswordHasName   = "password.has_name"
	PasswordBadText   = "field.bad_text"
	PasswordRequired  = "field.required"
	PasswordWrong     = "password.wrong_current"
	PasswordsDiffer   = "password.mismatch"
	PasswordUnchanged = "password.unchanged"
)

// ErrWrongPassword refuses a password change whose current password is wrong.
var ErrWrongPassword = fmt.Errorf("auth: current password is wrong: %w", apperr.ErrInvalid)

// commonPasswords is the list of the 10,000 most common passwords, most
// common first (the first 10,000 of zxcvbn's password list, MIT licence;
// see docs/decisions.md).
//
//go:embed common-passwords.txt
var commonPasswords string

var commonSet = sync.OnceValue(func() map[string]struct{} {
	set := make(map[string]struct{}, 10000)
	sc := bufio.NewScanner(strings.NewReader(commonPasswords))
	for sc.Scan() {
		if w := strings.TrimSpace(sc.Text()); w != "" {
			set[w] = struct{}{}
		}
	}
	return set
})

// CommonPassword reports whether pw (compared lower-cased) is one of the
// 10,000 most common passwords.
func CommonPassword(pw string) bool {
	_, ok := commonSet()[strings.ToLower(pw)]
	return ok
}

// CheckPassword returns the first rule of AUTH-11 that a new password for
// email breaks, as a message key, or "" when it keeps them all: at least 12
// characters, at most bcrypt's 72 bytes, not a common password, not
// containing the name part of the email (before the @, when it has 3
// characters or more).
func CheckPassword(pw, email string) string {
	switch {
	case pw == "":
		return PasswordRequired
	case !utf8.ValidString(pw):
		return PasswordBadText
	case utf8.RuneCountInString(pw) < MinPasswordLength:
		return PasswordTooShort
	case len(pw) > MaxPasswordBytes:
		return PasswordTooLong
	case CommonPassword(pw):
		return PasswordCommon
	}
	name, _, _ := strings.Cut(NormalizeEmail(email), "@")
	if utf8.RuneCountInString(name) >= 3 && strings.Contains(strings.ToLower(pw), name) {
		return PasswordHasName
	}
	return ""
}

// setPassword stores a new password hash for a user.
func (s *Service) setPassword(ctx context.Context, userID, pw string) error {
	hash, err := s.HashPassword(pw)
	if err != nil {
		return err
	}
	if err := db.Conn(ctx, s.DB).Model(&User{}).Where("id = ?", userID).Update("password_hash", hash).Error; err != nil {
		return fmt.Errorf("auth: set password of %s: %w", userID, err)
	}
	return nil
}

// ChangePassword changes the user's own password after checking the current
// one, ends every other session of the user and records it (AUTH-8,
// AUTH-11). The new password must already pass CheckPassword.
func (s *Service) ChangePassword(ctx context.Context, cur Current, current, next string) error {
	var u User
	if err := db.Conn(ctx, s.DB).Where("id = ?", cur.User.ID).Take(&u).Error; err != nil {
		if errors.Is(err, gorm.ErrRecordNotFound) {
			return ErrNotFound
		}
		return fmt.Errorf("auth: read user %s: %w", cur.User.ID, err)
	}
	if bcrypt.CompareHashAndPassword([]byte(u.PasswordHash), []byte(current)) != nil {
		return ErrWrongPassword
	}
	if p := CheckPassword(next, u.Email); p != "" {
		return fmt.Errorf("auth: new password: %s: %w", p, apperr.ErrInvalid)
	}
	return db.Tx(ctx, s.DB, func(ctx context.Context, tx *gorm.DB) error {
		if err := s.setPassword(ctx, u.ID, next); err != nil {
			return err
		}
		if err := s.Sessions().EndOthers(ctx, u.ID, cur.Session.ID); err != nil {
			return err
		}
		return s.Activity.Record(ctx, s.Clock.Now(), activity.Change{
			PartnerID: u.PartnerID, Actor: actorOf(u), ResourceType: "user", ResourceID: u.ID, Action: ActionPasswordChanged,
		})
	})
}

// CommonPasswordCount is the size of the shipped list.
func CommonPasswordCount() int { return len(commonSet()) }
