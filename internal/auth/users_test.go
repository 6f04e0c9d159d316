package auth_test

import (
	"errors"
	"testing"

	"portal/internal/auth"
	"portal/internal/perm"
)

// AUTH-12: who may give which roles, at its edges: nobody changes their
// own roles (a global admin included), and only a global admin gives or
// takes global admin and user management admin.
func TestCheckRoleChange_AUTH12(t *testing.T) {
	ga, um := perm.Roles{perm.GlobalAdmin}, perm.Roles{perm.UserManagementAdmin}
	cases := []struct {
		name          string
		actor         perm.Roles
		self          bool
		newUser       bool
		before, after perm.Roles
		want          error
	}{
		{"global admin gives global admin", ga, false, false, nil, perm.Roles{perm.GlobalAdmin}, nil},
		{"global admin takes global admin", ga, false, false, perm.Roles{perm.GlobalAdmin}, perm.Roles{perm.SalesAgent}, nil},
		{"global admin gives user management", ga, false, false, perm.Roles{perm.SalesAgent}, perm.Roles{perm.UserManagementAdmin}, nil},
		{"user management gives ordinary roles", um, false, false, perm.Roles{perm.SalesAgent}, perm.Roles{perm.SalesAgent, perm.BillingAdmin}, nil},
		{"user management gives global admin", um, false, false, nil, perm.Roles{perm.GlobalAdmin}, auth.ErrGlobalAdminOnly},
		{"user management takes global admin", um, false, false, perm.Roles{perm.GlobalAdmin}, perm.Roles{perm.SalesAgent}, auth.ErrGlobalAdminOnly},
		{"user management gives user management", um, false, false, perm.Roles{perm.SalesAgent}, perm.Roles{perm.SalesAgent, perm.UserManagementAdmin}, auth.ErrGlobalAdminOnly},
		{"user management takes user management", um, false, false, perm.Roles{perm.UserManagementAdmin}, perm.Roles{perm.SalesAgent}, auth.ErrGlobalAdminOnly},
		{"user management keeps a global admin's role", um, false, false, perm.Roles{perm.GlobalAdmin}, perm.Roles{perm.GlobalAdmin, perm.SalesAgent}, nil},
		{"user management adds a user management admin", um, false, true, nil, perm.Roles{perm.UserManagementAdmin}, auth.ErrGlobalAdminOnly},
		{"own roles, user management", um, true, false, um, perm.Roles{perm.UserManagementAdmin, perm.AdminAgent, perm.BillingAdmin}, auth.ErrOwnRoles},
		{"own roles, global admin drops it", ga, true, false, ga, perm.Roles{perm.SalesAgent}, auth.ErrOwnRoles},
		{"own roles unchanged", ga, true, false, ga, ga, nil},
	}
	for _, c := range cases {
		ch := auth.RoleChange{ActorID: "actor", Actor: c.actor, TargetID: "target", Before: c.before, After: c.after}
		if c.self {
			ch.TargetID = "actor"
		}
		if c.newUser {
			ch.TargetID = ""
		}
		if err := auth.CheckRoleChange(ch); !errors.Is(err, c.want) || (err == nil) != (c.want == nil) {
			t.Errorf("%s: %v, want %v", c.name, err, c.want)
		}
	}
}

// AUTH-12: who may disable or enable whom.
func TestCheckStatusChange_AUTH12(t *testing.T) {
	user := func(id string, roles ...perm.Role) auth.User {
		return auth.User{ID: id, RoleNames: perm.Roles(roles).String()}
	}
	ga, um := perm.Roles{perm.GlobalAdmin}, perm.Roles{perm.UserManagementAdmin}
	cases := []struct {
		name   string
		actor  perm.Roles
		target auth.User
		want   error
	}{
		{"global admin disables a global admin", ga, user("t", perm.GlobalAdmin), nil},
		{"user management disables a sales agent", um, user("t", perm.SalesAgent), nil},
		{"user management disables a global admin", um, user("t", perm.GlobalAdmin), auth.ErrGlobalAdminOnly},
		{"user management disables a user management admin", um, user("t", perm.UserManagementAdmin), auth.ErrGlobalAdminOnly},
		{"oneself", ga, user("actor", perm.GlobalAdmin), auth.ErrOwnAccount},
	}
	for _, c := range cases {
		if err := auth.CheckStatusChange("actor", c.actor, c.target); !errors.Is(err, c.want) || (err == nil) != (c.want == nil) {
			t.Errorf("%s: %v, want %v", c.name, err, c.want)
		}
	}
}

// AUTH-12: the partner keeps an enabled global admin and an enabled user
// who manages users; disabled users do not count.
func TestCheckKeepsAdmins_AUTH12(t *testing.T) {
	u := func(disabled bool, roles ...perm.Role) auth.User {
		return auth.User{RoleNames: perm.Roles(roles).String(), Disabled: disabled}
	}
	cases := []struct {
		name  string
		users []auth.User
		want  error
	}{
		{"one enabled global admin", []auth.User{u(false, perm.GlobalAdmin)}, nil},
		{"the last global admin is disabled", []auth.User{u(true, perm.GlobalAdmin), u(false, perm.UserManagementAdmin)}, auth.ErrLastGlobalAdmin},
		{"no global admin left", []auth.User{u(false, perm.SalesAgent), u(false, perm.UserManagementAdmin)}, auth.ErrLastGlobalAdmin},
		{"two global admins, one disabled", []auth.User{u(true, perm.GlobalAdmin), u(false, perm.GlobalAdmin)}, nil},
		{"nobody", nil, auth.ErrLastGlobalAdmin},
	}
	for _, c := range cases {
		if err := auth.CheckKeepsAdmins(c.users); !errors.Is(err, c.want) || (err == nil) != (c.want == nil) {
			t.Errorf("%s: %v, want %v", c.name, err, c.want)
		}
	}
}
