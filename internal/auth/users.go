package auth

import (
	"context"
	"errors"
	"fmt"
	"net/mail"
	"strings"

	"github.com/google/uuid"
	"gorm.io/gorm"

	"portal/internal/activity"
	"portal/internal/perm"
	"portal/internal/platform/apperr"
	"portal/internal/platform/db"
)

// Errors of user management (AUTH-4).
var (
	// ErrLastUserManager refuses a role change that would leave the partner
	// with nobody who may manage users.
	ErrLastUserManager = fmt.Errorf("auth: the partner needs a user who manages users: %w", apperr.ErrInvalid)
	// ErrGlobalAdminOnly refuses giving or taking the global admin role by
	// someone who does not hold it.
	ErrGlobalAdminOnly = fmt.Errorf("auth: only a global admin may give or take the global admin role: %w", apperr.ErrForbidden)
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

// CheckRoleChange is the rule for who may give which roles: only a global
// admin may give or take the global admin role, so a user management admin
// cannot raise anyone, themselves included, above their own rights.
func CheckRoleChange(actor, before, after perm.Roles) error {
	if before.Has(perm.GlobalAdmin) != after.Has(perm.GlobalAdmin) && !actor.Has(perm.GlobalAdmin) {
		return ErrGlobalAdminOnly
	}
	return nil
}

// CreateUser adds a user to the partner with a hashed password, and records
// "user.created", in one transaction. The email is unique across partners:
// a taken one is ErrEmailTaken.
func (s *Service) CreateUser(ctx context.Context, partnerID string, actor activity.Actor, actorRoles perm.Roles, n NewUser) (User, error) {
	if err := CheckRoleChange(actorRoles, nil, n.Roles); err != nil {
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
// partner always keeps at least one enabled user who may manage users.
func (s *Service) SetRoles(ctx context.Context, partnerID string, actor activity.Actor, actorRoles perm.Roles, userID string, roles perm.Roles) (User, error) {
	var u User
	err := db.Tx(ctx, s.DB, func(ctx context.Context, tx *gorm.DB) error {
		var err error
		if u, err = s.PartnerUser(ctx, partnerID, userID); err != nil {
			return err
		}
		before := u.Roles()
		if err := CheckRoleChange(actorRoles, before, roles); err != nil {
			return err
		}
		if before.String() == roles.String() {
			return nil
		}
		if before.Can(perm.ManageUsers) && !roles.Can(perm.ManageUsers) {
			users, err := s.PartnerUsers(ctx, partnerID)
			if err != nil {
				return err
			}
			others := 0
			for _, o := range users {
				if o.ID != u.ID && !o.Disabled && o.Roles().Can(perm.ManageUsers) {
					others++
				}
			}
			if others == 0 {
				return ErrLastUserManager
			}
		}
		u.RoleNames = roles.String()
		if err := tx.Model(&User{}).Where("id = ?", u.ID).Update("roles", u.RoleNames).Error; err != nil {
			return err
		}
		return s.Activity.Record(ctx, s.Clock.Now(), activity.Change{
			PartnerID: partnerID, Actor: actor, ResourceType: "user", ResourceID: u.ID, Action: "user.roles_changed",
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
