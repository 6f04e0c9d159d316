package auth

import (
	"context"
	"errors"
	"fmt"
	"net/mail"
	"slices"
	"strconv"
	"strings"

	"github.com/google/uuid"
	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"portal/internal/activity"
	"portal/internal/perm"
	"portal/internal/platform/apperr"
	"portal/internal/platform/db"
)

// Errors of user management (AUTH-4, AUTH-12).
var (
	// ErrLastUserManager refuses a role change that would leave the partner
	// with nobody who may manage users.
	ErrLastUserManager = fmt.Errorf("auth: the partner needs a user who manages users: %w", apperr.ErrInvalid)
	// ErrGlobalAdminOnly refuses giving or taking the global admin or user
	// management admin role, or disabling or enabling a user who holds one,
	// by someone who is not a global admin (AUTH-12).
	ErrGlobalAdminOnly = fmt.Errorf("auth: only a global admin may give or take the global admin and user management admin roles: %w", apperr.ErrForbidden)
	// ErrOwnRoles refuses a change of one's own roles (AUTH-12).
	ErrOwnRoles = fmt.Errorf("auth: nobody changes their own roles: %w", apperr.ErrForbidden)
	// ErrOwnAccount refuses disabling one's own account (AUTH-12).
	ErrOwnAccount = fmt.Errorf("auth: nobody disables their own account: %w", apperr.ErrForbidden)
	// ErrLastGlobalAdmin refuses disabling the partner's last enabled global
	// admin, or taking the role from them (AUTH-12).
	ErrLastGlobalAdmin = fmt.Errorf("auth: the partner needs an enabled global admin: %w", apperr.ErrInvalid)
)

// ValidEmail reports whether s is a plain address (name@domain.tld), with no
// display name or comments around it.
func ValidEmail(s string) bool {
	a, err := mail.ParseAddress(s)
	if err != nil || a.Address != s || a.Name != "" {
		return false
	}
	at := strings.LastIndexByte(s, '@')
	return at > 0 && strings.Contains(s[at+1:], ".") && !strings.ContainsAny(s, " <>\"")
}

// PartnerUsers returns the partner's users sorted by name, in one query.
func (s *Service) PartnerUsers(ctx context.Context, partnerID string) ([]User, error) {
	var users []User
	if err := db.Conn(ctx, s.DB).Where("partner_id = ?", partnerID).Order("name").Order("id").Find(&users).Error; err != nil {
		return nil, fmt.Errorf("auth: users of %s: %w", partnerID, err)
	}
	return users, nil
}

// PartnerUserNames returns the partner's users sorted by name, in one
// query, with only what names them: ID, partner, name and email. The
// activity log reads them on every view, for its user filter and its rows.
func (s *Service) PartnerUserNames(ctx context.Context, partnerID string) ([]User, error) {
	return s.Memo.namesMemo().Read(ctx, s.DB, partnerID, nil, func(ctx context.Context) ([]User, error) {
		users, err := db.Collect(db.Conn(ctx, s.DB).Model(&User{}).Select("id, partner_id, name, email").Where("partner_id = ?", partnerID).
			Order("name").Order("id"), 0, func(u *User) []any { return []any{&u.ID, &u.PartnerID, &u.Name, &u.Email} })
		if err != nil {
			return nil, fmt.Errorf("auth: user names of %s: %w", partnerID, err)
		}
		return users, nil
	})
}

// PartnerUser returns one of the partner's users; another partner's user is
// ErrNotFound (AUTH-1).
func (s *Service) PartnerUser(ctx context.Context, partnerID, id string) (User, error) {
	if _, err := uuid.Parse(id); err != nil {
		return User{}, ErrNotFound
	}
	var u User
	err := db.Conn(ctx, s.DB).Where("partner_id = ? AND id = ?", partnerID, id).Take(&u).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return User{}, ErrNotFound
	}
	if err != nil {
		return User{}, fmt.Errorf("auth: user %s: %w", id, err)
	}
	return u, nil
}

// NewUser is what adding a user takes (AUTH-4).
type NewUser struct {
	Name     string
	Email    string
	Password string
	Roles    perm.Roles
}

// RoleChange is one change of a user's roles: who acts, with which roles,
// on whom, from which roles to which. ActorID and TargetID are empty for a
// new user.
type RoleChange struct {
	ActorID  string
	Actor    perm.Roles
	TargetID string
	Before   perm.Roles
	After    perm.Roles
}

// CreateUser adds a user to the partner with a hashed password, and records
// "user.created", in one transaction. The email is unique across partners:
// a taken one is ErrEmailTaken.
func (s *Service) CreateUser(ctx context.Context, partnerID string, actor activity.Actor, actorRoles perm.Roles, n NewUser) (User, error) {
	if err := CheckRoleChange(RoleChange{ActorID: actor.UserID, Actor: actorRoles, After: n.Roles}); err != nil {
		return User{}, err
	}
	hash, err := s.HashPassword(n.Password)
	if err != nil {
		return User{}, err
	}
	now := s.Clock.Now()
	u := User{ID: uuid.NewString(), PartnerID: partnerID, Email: NormalizeEmail(n.Email), Name: n.Name,
		PasswordHash: hash, RoleNames: n.Roles.String(), CreatedAt: now}
	err = db.Tx(ctx, s.DB, func(ctx context.Context, tx *gorm.DB) error {
		var taken int64
		if err := tx.Model(&User{}).Where("email = ?", u.Email).Count(&taken).Error; err != nil {
			return err
		}
		if taken > 0 {
			return ErrEmailTaken
		}
		if err := tx.Create(&u).Error; err != nil {
			if db.IsUniqueViolation(err) {
				return ErrEmailTaken
			}
			return err
		}
		return s.Activity.Record(ctx, now, activity.Change{
			PartnerID: partnerID, Actor: actor, ResourceType: "user", ResourceID: u.ID, Action: "user.created",
			After: map[string]string{"name": u.Name, "email": u.Email, "roles": u.RoleNames},
		})
	})
	if err != nil {
		return User{}, fmt.Errorf("auth: create user %s: %w", u.Email, err)
	}
	return u, nil
}

// SetRoles replaces a user's roles and records "user.roles_changed" with the
// roles before and after, in one transaction. The new roles apply at the
// user's next request, since roles are read on every request (AUTH-2). The
// rules of CheckRoleChange apply, and the partner always keeps an enabled
// global admin and an enabled user who may manage users (AUTH-12).
func (s *Service) SetRoles(ctx context.Context, partnerID string, actor activity.Actor, actorRoles perm.Roles, userID string, roles perm.Roles) (User, error) {
	var u User
	err := db.Tx(ctx, s.DB, func(ctx context.Context, tx *gorm.DB) error {
		users, err := s.lockedUsers(ctx, tx, partnerID)
		if err != nil {
			return err
		}
		i := slices.IndexFunc(users, func(o User) bool { return o.ID == userID })
		if i < 0 {
			return ErrNotFound
		}
		u = users[i]
		before := u.Roles()
		if err := CheckRoleChange(RoleChange{ActorID: actor.UserID, Actor: actorRoles, TargetID: u.ID, Before: before, After: roles}); err != nil {
			return err
		}
		if before.String() == roles.String() {
			return nil
		}
		u.RoleNames = roles.String()
		users[i] = u
		if err := CheckKeepsAdmins(users); err != nil {
			return err
		}
		if err := tx.Model(&User{}).Where("id = ?", u.ID).Update("roles", u.RoleNames).Error; err != nil {
			return err
		}
		return s.Activity.Record(ctx, s.Clock.Now(), activity.Change{
			PartnerID: partnerID, Actor: actor, ResourceType: "user", ResourceID: u.ID, Action: activity.ActionUserRolesChanged,
			Details: u.Email,
			Before:  map[string]string{"roles": before.String()},
			After:   map[string]string{"roles": u.RoleNames},
		})
	})
	if err != nil {
		return User{}, fmt.Errorf("auth: set roles of %s: %w", userID, err)
	}
	return u, nil
}

// SetDisabled disables or enables one of the partner's users and records
// "user.disabled" or "user.enabled" (who, whom, when), in one transaction
// (AUTH-12). A disabled user is signed out at their next request, since the
// status is read on every request (AUTH-2), and cannot sign in. The rules of
// CheckStatusChange apply, and the partner keeps an enabled global admin.
// Setting the status a user already has changes nothing.
func (s *Service) SetDisabled(ctx context.Context, partnerID string, actor activity.Actor, actorRoles perm.Roles, userID string, disabled bool) (User, error) {
	var u User
	err := db.Tx(ctx, s.DB, func(ctx context.Context, tx *gorm.DB) error {
		users, err := s.lockedUsers(ctx, tx, partnerID)
		if err != nil {
			return err
		}
		i := slices.IndexFunc(users, func(o User) bool { return o.ID == userID })
		if i < 0 {
			return ErrNotFound
		}
		u = users[i]
		if err := CheckStatusChange(actor.UserID, actorRoles, u); err != nil {
			return err
		}
		if u.Disabled == disabled {
			return nil
		}
		u.Disabled = disabled
		users[i] = u
		if err := CheckKeepsAdmins(users); err != nil {
			return err
		}
		if err := tx.Model(&User{}).Where("id = ?", u.ID).Update("disabled", disabled).Error; err != nil {
			return err
		}
		// AUTH-8: a disabled user's sessions end with the change, on every node.
		if disabled {
			if err := s.Sessions().EndAll(ctx, u.ID); err != nil {
				return err
			}
		}
		action := ActionUserEnabled
		if disabled {
			action = ActionUserDisabled
		}
		return s.Activity.Record(ctx, s.Clock.Now(), activity.Change{
			PartnerID: partnerID, Actor: actor, ResourceType: "user", ResourceID: u.ID, Action: action,
			Details: u.Email,
			Before:  map[string]string{"disabled": strconv.FormatBool(!disabled)},
			After:   map[string]string{"disabled": strconv.FormatBool(disabled)},
		})
	})
	if err != nil {
		return User{}, fmt.Errorf("auth: set status of %s: %w", userID, err)
	}
	return u, nil
}

// The actions SetDisabled records (AUTH-12); their labels are in the
// message catalogs under "activity.action.<name>".
const (
	ActionUserDisabled = "user.disabled"
	ActionUserEnabled  = "user.enabled"
)

// lockedUsers locks the partner's row, so changes of its users' roles and
// status run one at a time (two admins disabling each other at once cannot
// leave none), and returns its users.
func (s *Service) lockedUsers(ctx context.Context, tx *gorm.DB, partnerID string) ([]User, error) {
	var p Partner
	err := tx.Clauses(clause.Locking{Strength: "UPDATE"}).Where("id = ?", partnerID).Take(&p).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return nil, ErrNotFound
	}
	if err != nil {
		return nil, err
	}
	return s.PartnerUsers(ctx, partnerID)
}
