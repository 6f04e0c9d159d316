// Package account holds the signed-in user's own pages: profile, password,
// two-step verification and sessions (AUTH-8 to AUTH-11).
package account

import (
	"time"

	"portal/internal/perm"
	"portal/views/components"
)

// SessionRow is one signed-in session of the account page (AUTH-8).
type SessionRow struct {
	ID       string
	Started  time.Time
	LastSeen time.Time
	Browser  string
	Address  string
	Current  bool // the session of this request
}

// Page is the account page's model.
type Page struct {
	Name     string
	Email    string
	Roles    perm.Roles
	Language string // "en", "fr", or "" for the browser's
	// MFAOn: two-step verification is on; RecoveryLeft unused recovery codes.
	MFAOn        bool
	RecoveryLeft int
	// PartnerRequiresMFA: the partner-wide switch (AUTH-9).
	PartnerRequiresMFA bool
	// CanSetSecurity: the viewer may change the switch (global admins).
	CanSetSecurity bool
	Sessions       []SessionRow
	// PasswordErrors are the password form's errors; DisableErrors those
	// of the form that turns two-step verification off.
	PasswordErrors components.FieldErrors
	DisableErrors  components.FieldErrors
	// APITokens is the "API tokens" section (API-2).
	APITokens APITokens
}

// MFASetup is the two-step verification page's model (AUTH-9).
type MFASetup struct {
	On bool // already on: the page shows the status (and new codes once)
	// QR is the otpauth URI drawn as a PNG data: URI; Secret the same key
	// as text, for typing into an app.
	QR     string
	Secret string
	// RecoveryCodes are shown once, right after set-up.
	RecoveryCodes []string
	// Required: the partner requires it and the user must finish first.
	Required bool
	Errors   components.FieldErrors
}
