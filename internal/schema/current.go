package schema

import (
	"context"
	"fmt"

	"gorm.io/gorm"
)

// Current reports whether the database's schema is the one this program
// expects, for the readiness check (OPS-4): nil when it is. Today that means
// every model's table exists; versioned migrations replace this check with
// "no migration is pending".
func Current(ctx context.Context, g *gorm.DB) error {
	m := g.WithContext(ctx).Migrator()
	for _, model := range Models() {
		if !m.HasTable(model) {
			return fmt.Errorf("schema: table of %T missing: migrations not applied", model)
		}
	}
	return nil
}
