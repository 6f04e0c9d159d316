// Package settings stores small portal-wide values (the session key, the demo
// clock's shift) in the database, so every node of the portal shares them.
package settings

import (
	"context"
	"errors"
	"fmt"
	"strconv"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"portal/internal/platform/db"
)

// Setting is one stored value.
type Setting struct {
	Key   string `gorm:"primaryKey;size:64"`
	Value string `gorm:"size:4000;not null"`
}

// Store reads and writes settings.
type Store struct{ DB *gorm.DB }

// Get returns the value of key and whether it is set.
func (s Store) Get(ctx context.Context, key string) (string, bool, error) {
	var row Setting
	err := db.Conn(ctx, s.DB).Where("key = ?", key).Take(&row).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return "", false, nil
	}
	if err != nil {
		return "", false, fmt.Errorf("settings: get %s: %w", key, err)
	}
	return row.Value, true, nil
}

// Set writes key's value.
func (s Store) Set(ctx context.Context, key, value string) error {
	err := db.Conn(ctx, s.DB).Clauses(clause.OnConflict{UpdateAll: true}).Create(&Setting{Key: key, Value: value}).Error
	if err != nil {
		return fmt.Errorf("settings: set %s: %w", key, err)
	}
	return nil
}

// GetOrCreate returns key's value, storing make()'s result first when the key
// is not set. Of two nodes racing, both end up with the stored value.
func (s Store) GetOrCreate(ctx context.Context, key string, make func() string) (string, error) {
	if v, ok, err := s.Get(ctx, key); err != nil || ok {
		return v, err
	}
	err := db.Conn(ctx, s.DB).Clauses(clause.OnConflict{DoNothing: true}).Create(&Setting{Key: key, Value: make()}).Error
	if err != nil {
		return "", fmt.Errorf("settings: create %s: %w", key, err)
	}
	v, _, err := s.Get(ctx, key)
	return v, err
}

// Add adds delta to the whole number stored at key (0 when not set) in one
// UPDATE, so concurrent adds from any node all count (OPS-3), and returns the
// sum it wrote. Inside the caller's transaction the row stays held until it
// commits.
func (s Store) Add(ctx context.Context, key string, delta int) (int, error) {
	var sum int
	err := db.Tx(ctx, s.DB, func(ctx context.Context, tx *gorm.DB) error {
		if err := tx.Clauses(clause.OnConflict{DoNothing: true}).Create(&Setting{Key: key, Value: "0"}).Error; err != nil {
			return err
		}
		if err := tx.Model(&Setting{}).Where("key = ?", key).
			Update("value", gorm.Expr("CAST(CAST(value AS INTEGER) + ? AS TEXT)", delta)).Error; err != nil {
			return err
		}
		var v string
		if err := tx.Model(&Setting{}).Where("key = ?", key).Select("value").Scan(&v).Error; err != nil {
			return err
		}
		n, err := strconv.Atoi(v)
		if err != nil {
			return fmt.Errorf("not a whole number: %q", v)
		}
		sum = n
		return nil
	})
	if err != nil {
		return 0, fmt.Errorf("settings: add to %s: %w", key, err)
	}
	return sum, nil
}
