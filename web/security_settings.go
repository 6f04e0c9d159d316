package web

import (
	"github.com/labstack/echo/v4"
)

// securitySettings is the global admins' partner-wide switch "require
// two-step verification for everyone" (AUTH-9), shown on the account page.
func (s *Server) securitySettings(c echo.Context) error {
	v := mustViewer(c)
	on := c.FormValue("require_mfa") == "on"
	if err := s.auth.SetRequireMFA(c.Request().Context(), v.Partner.ID, viewerActor(v), on); err != nil {
		return err
	}
	return s.redirect(c, "/account", "account.flash.security_saved")
}
