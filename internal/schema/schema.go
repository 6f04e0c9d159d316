// Package schema lists every feature's tables and migrates them, so the
// program and the tests build the same database.
package schema

import (
	"context"
	"fmt"

	"gorm.io/gorm"

	"portal/internal/activity"
	"portal/internal/auth"
	"portal/internal/billing"
	"portal/internal/cart"
	"portal/internal/catalog"
	"portal/internal/customers"
	"portal/internal/orders"
	"portal/internal/platform/settings"
	"portal/internal/reservations"
	"portal/internal/software"
	"portal/internal/subscriptions"
	"portal/internal/support"
)

// Models returns every table's model, in dependency order.
func Models() []any {
	return []any{
		&settings.Setting{},
		&auth.Partner{}, &auth.User{}, &auth.LoginAttempt{},
		&activity.Entry{},
		&customers.Customer{}, &customers.SearchTerm{}, &customers.Invitation{},
		&catalog.Offer{},
		&cart.Item{},
		&orders.Order{}, &orders.Line{},
		&subscriptions.Subscription{},
		&software.Purchase{},
		&software.DownloadLink{}, // software download links (SW-3)
		&reservations.Reservation{},
		&billing.Invoice{}, &billing.Line{},
		&reservations.Access{}, &reservations.Draft{},
		&support.Request{}, &support.Note{}, &support.Attachment{},
	}
}

// Migrate creates or updates every table and index.
func Migrate(g *gorm.DB) error {
	if err := g.AutoMigrate(Models()...); err != nil {
		return fmt.Errorf("schema: migrate: %w", err)
	}
	// AUTH-13: invitations made before tokens were hashed keep working.
	if err := customers.HashInvitationTokens(context.Background(), g); err != nil {
		return fmt.Errorf("schema: migrate: %w", err)
	}
	return nil
}
