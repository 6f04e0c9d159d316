package schema

import (
	"context"

	"gorm.io/gorm"

	"portal/internal/platform/db"
)

// SearchPairs runs migration 18 up, or down.
var SearchPairs = searchPairs

// DownTo undoes the migrations after version, newest first.
func DownTo(ctx context.Context, g *gorm.DB, version int64) error {
	sqlDB, closePool, err := db.Maintenance(g)
	if err != nil {
		return err
	}
	defer closePool()
	p, err := provider(g, sqlDB)
	if err != nil {
		return err
	}
	_, err = p.DownTo(ctx, version)
	return err
}
