// Package perm is the permission table of AUTH-5: the nine roles of AUTH-4,
// the actions, and which roles may do each. It has no database code, so the
// views read it too.
package perm

import (
	"slices"
	"strings"
)

// Role is one of the nine partner roles of AUTH-4.
type Role string

// The roles of AUTH-4.
const (
	GlobalAdmin           Role = "global_admin"
	AdminAgent            Role = "admin_agent"
	SalesAgent            Role = "sales_agent"
	HelpdeskAgent         Role = "helpdesk_agent"
	BillingAdmin          Role = "billing_admin"
	UserManagementAdmin   Role = "user_management_admin"
	AccountAdmin          Role = "account_admin"
	ReferralAdmin         Role = "referral_admin"
	MarketingContentAdmin Role = "marketing_content_admin"
)

// AllRoles lists every role in the order the permission table shows them.
func AllRoles() []Role {
	return []Role{GlobalAdmin, AdminAgent, SalesAgent, HelpdeskAgent, BillingAdmin,
		UserManagementAdmin, AccountAdmin, ReferralAdmin, MarketingContentAdmin}
}

// ParseRole returns the role named s, and whether it is one.
func ParseRole(s string) (Role, bool) {
	r := Role(s)
	return r, slices.Contains(AllRoles(), r)
}

// Roles is the set of roles a user holds.
type Roles []Role

// ParseRoles reads the stored comma-separated form, skipping unknown names.
func ParseRoles(s string) Roles {
	var out Roles
	for _, part := range strings.Split(s, ",") {
		if r, ok := ParseRole(strings.TrimSpace(part)); ok && !slices.Contains(out, r) {
			out = append(out, r)
		}
	}
	return out
}

// String returns the stored comma-separated form, in table order.
func (rs Roles) String() string {
	var names []string
	for _, r := range AllRoles() {
		if slices.Contains(rs, r) {
			names = append(names, string(r))
		}
	}
	return strings.Join(names, ",")
}

// Has reports whether the set holds r.
func (rs Roles) Has(r Role) bool { return slices.Contains(rs, r) }

// Can reports whether any role of the set may do a.
func (rs Roles) Can(a Action) bool {
	for _, r := range permissionTable[a] {
		if rs.Has(r) {
			return true
		}
	}
	return false
}
