package web

import (
	"errors"
	"net/http"

	"github.com/labstack/echo/v4"

	"portal/internal/auth"
	"portal/internal/perm"
	"portal/views/components"
	userviews "portal/views/users"
)

// userDetail shows one of the partner's users with the roles form (AUTH-4);
// another partner's user is a 404 (AUTH-1).
func (s *Server) userDetail(c echo.Context) error {
	v := mustViewer(c)
	u, err := s.auth.PartnerUser(c.Request().Context(), v.Partner.ID, c.Param("id"))
	if err != nil {
		return err
	}
	d := userDetailModel(u, v)
	for _, r := range u.Roles() {
		d.Roles = append(d.Roles, string(r))
	}
	if d.Security, err = s.userSecurity(c, u); err != nil {
		return err
	}
	return s.render(c, http.StatusOK, userviews.DetailPage(d))
}

func userDetailModel(u auth.User, v *viewer) userviews.Detail {
	return userviews.Detail{ID: u.ID, Name: u.Name, Email: u.Email, Disabled: u.Disabled, CreatedAt: u.CreatedAt,
		Self: u.ID == v.User.ID, Errors: components.FieldErrors{},
		// The page offers only what the rules allow (AUTH-12).
		CanChangeRoles:  u.ID != v.User.ID,
		CanChangeStatus: auth.CheckStatusChange(v.User.ID, v.Roles, u) == nil,
		GlobalAdmin:     v.Roles.Has(perm.GlobalAdmin),
	}
}

// userSetRoles replaces a user's roles (AUTH-4); they apply at the user's
// next request (AUTH-2).
func (s *Server) userSetRoles(c echo.Context) error {
	v := mustViewer(c)
	ctx := c.Request().Context()
	u, err := s.auth.PartnerUser(ctx, v.Partner.ID, c.Param("id"))
	if err != nil {
		return err
	}
	d := userDetailModel(u, v)
	roles, names := formRoles(c, d.Errors)
	d.Roles = names
	if !d.Errors.Any() {
		_, err = s.auth.SetRoles(ctx, v.Partner.ID, actorOf(c), v.Roles, u.ID, roles)
		if key := userErrorKey(err); key != "" {
			d.Errors.Add("roles", key)
		} else if err != nil {
			return err
		} else {
			return s.redirect(c, "/users/"+u.ID, "users.flash.roles_changed")
		}
	}
	return s.render(c, http.StatusUnprocessableEntity, userviews.DetailPage(d))
}

// userErrorKey is the message of a refused user change (AUTH-12), shown
// on the user's page with 422; "" for any other error.
func userErrorKey(err error) string {
	switch {
	case errors.Is(err, auth.ErrOwnRoles):
		return "users.error.own_roles"
	case errors.Is(err, auth.ErrOwnAccount):
		return "users.error.own_account"
	case errors.Is(err, auth.ErrGlobalAdminOnly):
		return "users.error.global_admin_only"
	case errors.Is(err, auth.ErrLastGlobalAdmin):
		return "users.error.last_global_admin"
	case errors.Is(err, auth.ErrLastUserManager):
		return "users.error.last_manager"
	}
	return ""
}
