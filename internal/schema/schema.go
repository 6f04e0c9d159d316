// Package schema lists every feature's tables and migrates them, so the
// program and the tests build the same database.
package schema

import (
	"fmt"

	"gorm.io/gorm"

	"portal/internal/activity"
	"portal/internal/auth"
	"portal/internal/customers"
	"portal/internal/platform/settings"
)

// Models returns every table's model, in dependency order.
func Models() []any {
	return []any{
		&settings.Setting{},
		&auth.Partner{}, &auth.User{}, &auth.LoginAttempt{},
		&activity.Entry{},
		&customers.Customer{}, &customers.SearchTerm{}, &customers.Invitation{},
	}
}

// Migrate creates or updates every table and index.
func Migrate(g *gorm.DB) error {
	if err := g.AutoMigrate(Models()...); err != nil {
		return fmt.Errorf("schema: migrate: %w", err)
	}
	return nil
}
