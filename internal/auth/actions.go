package auth

// The activity actions of sign-in, sessions, passwords and two-step
// verification (AUTH-8 to AUTH-11); each has a label under
// "activity.action.<name>" in the message catalogs.
const (
	ActionSignedOut           = "auth.signed_out"
	ActionSignedOutEverywhere = "auth.signed_out_everywhere"
	ActionSessionEnded        = "auth.session_ended"
	ActionPasswordChanged     = "auth.password_changed"
	ActionPasswordReset       = "auth.password_reset"
	ActionMFAEnabled          = "auth.mfa_enabled"
	ActionMFADisabled         = "auth.mfa_disabled"
	ActionMFAFailed           = "auth.mfa_failed"
	ActionRecoveryCodeUsed    = "auth.recovery_code_used"
	ActionUnlocked            = "user.unlocked"
	ActionResetLinkCreated    = "user.reset_link_created"
	ActionSessionsEnded       = "user.sessions_ended"
	ActionSecurityChanged     = "partner.security_changed"
)

// Actions lists the actions above, for the catalogs' label check.
func Actions() []string {
	return []string{ActionSignedOut, ActionSignedOutEverywhere, ActionSessionEnded, ActionPasswordChanged,
		ActionPasswordReset, ActionMFAEnabled, ActionMFADisabled, ActionMFAFailed, ActionRecoveryCodeUsed,
		ActionUnlocked, ActionResetLinkCreated, ActionSessionsEnded, ActionSecurityChanged}
}
