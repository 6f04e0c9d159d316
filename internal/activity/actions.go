package activity

import "strings"

// The actions recorded by the foundation's features. Other features name
// their own actions "<area>.<verb>" where they record them, and give each a
// label under "activity.action.<name>" in their message catalogs.
const (
	ActionSignedIn              = "auth.signed_in"
	ActionSignInFailed          = "auth.sign_in_failed"
	ActionCustomerCreated       = "customer.created"
	ActionRelationshipRequested = "customer.relationship_requested"
	ActionRelationshipAccepted  = "customer.relationship_accepted"
	ActionUserCreated           = "user.created"
	ActionUserRolesChanged      = "user.roles_changed"
)

// maxActionLen is the size of Entry.Action.
const maxActionLen = 60

// KnownActions lists the actions registered in code, in display order: the
// activity page's type filter offers them (together with every action the
// catalogs label), without scanning the log for distinct values.
func KnownActions() []string {
	return []string{
		ActionSignedIn, ActionSignInFailed,
		ActionCustomerCreated, ActionRelationshipRequested, ActionRelationshipAccepted,
		ActionUserCreated, ActionUserRolesChanged,
	}
}

// ValidActionName reports whether s has the form of an action name: lower-case
// letters, digits, '_' and '.', at most the column's size.
func ValidActionName(s string) bool {
	if s == "" || len(s) > maxActionLen {
		return false
	}
	return !strings.ContainsFunc(s, func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '_' || r == '.')
	})
}
