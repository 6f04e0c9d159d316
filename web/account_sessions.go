package web

import (
	"time"

	"github.com/labstack/echo/v4"
)

// accountSessionEnd ends one of the user's own sessions (AUTH-8); ending the
// current one signs out.
func (s *Server) accountSessionEnd(c echo.Context) error {
	v := mustViewer(c)
	if err := s.auth.EndOwnSession(c.Request().Context(), v.User, c.Param("id")); err != nil {
		return err
	}
	if c.Param("id") == v.Session.ID {
		return s.signedOutRedirect(c)
	}
	return s.redirect(c, "/account", "account.flash.session_ended")
}

// accountSessionsEndAll is "sign out everywhere": every session of the user
// ends, this one too (AUTH-8).
func (s *Server) accountSessionsEndAll(c echo.Context) error {
	v := mustViewer(c)
	if err := s.auth.SignOut(c.Request().Context(), viewerCurrent(v), true); err != nil {
		return err
	}
	return s.signedOutRedirect(c)
}

// signedOutRedirect clears the cookie and goes to the sign-in page.
func (s *Server) signedOutRedirect(c echo.Context) error {
	sess := s.renewSession(c, "", time.Time{})
	sess.raw.AddFlash("login.signed_out")
	if err := s.saveSession(c, sess); err != nil {
		return err
	}
	return s.seeOther(c, "/login")
}
