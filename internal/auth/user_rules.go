package auth

import (
	"portal/internal/perm"
)

// protectedRoles are the roles only a global admin gives or takes
// (AUTH-12): with them a user could raise others, or themselves through
// another account, above their own rights.
func protectedRoles() []perm.Role {
	return []perm.Role{perm.GlobalAdmin, perm.UserManagementAdmin}
}

// CheckRoleChange is the rule for who may give which roles (AUTH-12):
// nobody changes their own roles, and only a global admin gives or takes
// global admin or user management admin.
func CheckRoleChange(ch RoleChange) error {
	if ch.Before.String() == ch.After.String() {
		return nil
	}
	if ch.TargetID != "" && ch.TargetID == ch.ActorID {
		return ErrOwnRoles
	}
	if !ch.Actor.Has(perm.GlobalAdmin) {
		for _, r := range protectedRoles() {
			if ch.Before.Has(r) != ch.After.Has(r) {
				return ErrGlobalAdminOnly
			}
		}
	}
	return nil
}

// CheckStatusChange is the rule for disabling and enabling a user
// (AUTH-12): nobody disables their own account, and only a global admin
// disables or enables a user who holds a role only a global admin gives.
func CheckStatusChange(actorID string, actor perm.Roles, target User) error {
	if target.ID == actorID {
		return ErrOwnAccount
	}
	if !actor.Has(perm.GlobalAdmin) {
		for _, r := range protectedRoles() {
			if target.Roles().Has(r) {
				return ErrGlobalAdminOnly
			}
		}
	}
	return nil
}

// CheckKeepsAdmins is the rule that a partner keeps an enabled global admin
// and an enabled user who manages users (AUTH-12): users is the partner's
// users after the change.
func CheckKeepsAdmins(users []User) error {
	admins, managers := 0, 0
	for _, u := range users {
		if u.Disabled {
			continue
		}
		if u.Roles().Has(perm.GlobalAdmin) {
			admins++
		}
		if u.Roles().Can(perm.ManageUsers) {
			managers++
		}
	}
	switch {
	case admins == 0:
		return ErrLastGlobalAdmin
	case managers == 0:
		return ErrLastUserManager
	}
	return nil
}
