package web

import "github.com/labstack/echo/v4"

// userUnlock lifts the sign-in lock of one of the partner's users (AUTH-10).
func (s *Server) userUnlock(c echo.Context) error {
	v := mustViewer(c)
	if err := s.auth.Unlock(c.Request().Context(), v.Partner.ID, viewerActor(v), c.Param("id")); err != nil {
		return err
	}
	return s.redirect(c, "/users/"+c.Param("id"), "users.flash.unlocked")
}
