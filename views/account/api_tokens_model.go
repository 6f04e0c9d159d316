package account

import (
	"time"

	"portal/views/components"
)

// APITokens is the account page's "API tokens" section (API-2).
type APITokens struct {
	Rows []APITokenRow
	// NewSecret is the token just made, shown this once.
	NewSecret string
	// Name and ExpiresIn are the form's values; Errors its problems.
	Name      string
	ExpiresIn string
	Lifetimes []components.Option
	Errors    components.FieldErrors
}

// APITokenRow is one token of the list.
type APITokenRow struct {
	ID        string
	Name      string
	Created   time.Time
	Expires   time.Time
	LastUsed  *time.Time
	Status    string // "active", "expired" or "revoked"
	Revocable bool
}
