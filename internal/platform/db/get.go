package db

import (
	"context"
	"errors"
	"fmt"

	"github.com/google/uuid"
	"gorm.io/gorm"

	"portal/internal/platform/apperr"
)

// Get returns the row of T with the given ID that belongs to the partner: the
// one way a store reads one row by the ID a URL or a form carries. A
// malformed ID, a missing row and another partner's row are the same answer,
// notFound (AUTH-1), so a guessed ID tells nothing. notFound is the store's
// own sentinel (it wraps apperr.ErrNotFound, which the web layer shows as a
// 404); nil means apperr.ErrNotFound itself. The read joins the transaction
// ctx carries, if any.
func Get[T any](ctx context.Context, conn *gorm.DB, partnerID, id string, notFound error) (T, error) {
	var row T
	if notFound == nil {
		notFound = apperr.ErrNotFound
	}
	if _, err := uuid.Parse(id); err != nil {
		return row, notFound
	}
	err := Conn(ctx, conn).Where("partner_id = ? AND id = ?", partnerID, id).Take(&row).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return row, notFound
	}
	if err != nil {
		return row, fmt.Errorf("get %T %s: %w", row, id, err)
	}
	return row, nil
}
