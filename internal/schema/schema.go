// Package schema lists every feature's tables and builds them with the
// versioned migrations embedded in the binary (OPS-2), so the program and
// the tests build the same database. A model added or changed needs a
// migration in both engines' folders: TestModelsMatchMigrations_OPS2 fails
// until it has one.
package schema

import (
	"portal/internal/activity"
	"portal/internal/apitokens"
	"portal/internal/auth"
	"portal/internal/billing"
	"portal/internal/cart"
	"portal/internal/catalog"
	"portal/internal/customers"
	"portal/internal/dashboard"
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
		&auth.AddressAttempts{}, &auth.Session{}, &auth.MFA{}, &auth.RecoveryCode{}, &auth.PasswordReset{}, // AUTH-8 to AUTH-11
		&activity.Entry{},
		&customers.Customer{}, &customers.SearchTerm{}, &customers.SearchPrefix{}, &customers.Invitation{},
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
		&dashboard.LicenseSummary{}, &dashboard.BilledSummary{}, &dashboard.CountSummary{}, // PERF-6
		&apitokens.Token{}, &apitokens.Answer{}, // JSON API (API-2, API-3)
	}
}
