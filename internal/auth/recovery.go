package auth

import (
	"context"
	"crypto/rand"
	"fmt"
	"math/big"
	"strings"

	"github.com/google/uuid"

	"portal/internal/platform/db"
)

// newRecoveryCodes replaces a user's recovery codes with ten new ones.
func (s *Service) newRecoveryCodes(ctx context.Context, userID string) ([]string, error) {
	tx := db.Conn(ctx, s.DB)
	if err := tx.Where("user_id = ?", userID).Delete(&RecoveryCode{}).Error; err != nil {
		return nil, err
	}
	codes := make([]string, RecoveryCodes)
	rows := make([]RecoveryCode, RecoveryCodes)
	for i := range codes {
		codes[i] = NewRecoveryCode()
		rows[i] = RecoveryCode{ID: uuid.NewString(), UserID: userID, CodeHash: HashToken(NormalizeRecoveryCode(codes[i]))}
	}
	if err := tx.Create(&rows).Error; err != nil {
		return nil, err
	}
	return codes, nil
}

// RecoveryCodesLeft counts a user's unused recovery codes.
func (s *Service) RecoveryCodesLeft(ctx context.Context, userID string) (int, error) {
	var n int64
	if err := db.Conn(ctx, s.DB).Model(&RecoveryCode{}).Where("user_id = ? AND used_at IS NULL", userID).Count(&n).Error; err != nil {
		return 0, fmt.Errorf("auth: recovery codes of %s: %w", userID, err)
	}
	return int(n), nil
}

// NewRecoveryCode returns a random code such as "k7qmx-p3rtw" (about 49 bits).
func NewRecoveryCode() string {
	b := make([]byte, 0, recoveryLen+1)
	for i := 0; i < recoveryLen; i++ {
		if i == recoveryLen/2 {
			b = append(b, '-')
		}
		n, err := rand.Int(rand.Reader, big.NewInt(int64(len(recoveryAlphabet))))
		if err != nil {
			panic(err) // the system's random source failing is not recoverable
		}
		b = append(b, recoveryAlphabet[n.Int64()])
	}
	return string(b)
}

// NormalizeRecoveryCode lower-cases a typed code and drops spaces and dashes.
func NormalizeRecoveryCode(s string) string {
	return strings.Map(func(r rune) rune {
		if r == ' ' || r == '-' {
			return -1
		}
		return r
	}, strings.ToLower(strings.TrimSpace(s)))
}
