package web

import "github.com/labstack/echo/v4"

// userSessionsEnd is an admin's "end sessions": every session of one of the
// partner's users ends at its next request (AUTH-8).
func (s *Server) userSessionsEnd(c echo.Context) error {
	v := mustViewer(c)
	if err := s.auth.EndUserSessions(c.Request().Context(), v.Partner.ID, viewerActor(v), c.Param("id")); err != nil {
		return err
	}
	return s.redirect(c, "/users/"+c.Param("id"), "users.flash.sessions_ended")
}
