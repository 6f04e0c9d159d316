package web

import (
	"net/http"

	"github.com/labstack/echo/v4"

	userviews "portal/views/users"
)

// userDisable disables one of the partner's users (AUTH-12): they are
// signed out at their next request and cannot sign in.
func (s *Server) userDisable(c echo.Context) error { return s.userSetStatus(c, true) }

// userEnable enables a disabled user again (AUTH-12).
func (s *Server) userEnable(c echo.Context) error { return s.userSetStatus(c, false) }

// userSetStatus disables or enables a user; a refusal (oneself, a global
// admin's user for a user management admin, the last global admin) is the
// user's page again with 422 and the reason.
func (s *Server) userSetStatus(c echo.Context, disabled bool) error {
	v := mustViewer(c)
	ctx := c.Request().Context()
	u, err := s.auth.PartnerUser(ctx, v.Partner.ID, c.Param("id"))
	if err != nil {
		return err
	}
	_, err = s.auth.SetDisabled(ctx, v.Partner.ID, actorOf(c), v.Roles, u.ID, disabled)
	if key := userErrorKey(err); key != "" {
		d := userDetailModel(u, v)
		for _, r := range u.Roles() {
			d.Roles = append(d.Roles, string(r))
		}
		d.Errors.Add("status", key)
		return s.render(c, http.StatusUnprocessableEntity, userviews.DetailPage(d))
	} else if err != nil {
		return err
	}
	flash := "users.flash.enabled"
	if disabled {
		flash = "users.flash.disabled"
	}
	return s.redirect(c, "/users/"+u.ID, flash)
}
