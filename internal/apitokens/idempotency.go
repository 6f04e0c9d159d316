package apitokens

import (
	"context"
	"errors"
	"fmt"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"portal/internal/platform/db"
)

// RequestHash names a request for its Idempotency-Key: the same key must
// come with the same method, path and body.
func RequestHash(method, path string, body []byte) string {
	return Hash(method + " " + path + "\n" + string(body))
}

// Recall returns the first answer given to the token for key within
// IdempotencyWindow; ok is false when there is none. The same key with
// another request is ErrKeyReused (API-3).
func (s *Store) Recall(ctx context.Context, tokenID, key, request string) (a Answer, ok bool, err error) {
	since := s.now().UTC().Add(-IdempotencyWindow)
	err = db.Conn(ctx, s.DB).Where("token_id = ? AND idem_key = ? AND created_at > ?", tokenID, key, since).First(&a).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return a, false, nil
	}
	if err != nil {
		return a, false, fmt.Errorf("apitokens: recall: %w", err)
	}
	if a.Request != request {
		return a, false, ErrKeyReused
	}
	return a, true, nil
}

// Remember keeps the first answer to a key, replacing one older than the
// window. Two requests racing with one key: the second's answer is not kept.
func (s *Store) Remember(ctx context.Context, a Answer) error {
	a.CreatedAt = s.now().UTC()
	since := a.CreatedAt.Add(-IdempotencyWindow)
	return db.Tx(ctx, s.DB, func(ctx context.Context, tx *gorm.DB) error {
		if err := tx.Where("token_id = ? AND idem_key = ? AND created_at <= ?", a.TokenID, a.Key, since).Delete(&Answer{}).Error; err != nil {
			return fmt.Errorf("apitokens: remember: %w", err)
		}
		if err := tx.Clauses(clause.OnConflict{DoNothing: true}).Create(&a).Error; err != nil {
			return fmt.Errorf("apitokens: remember: %w", err)
		}
		return nil
	})
}
