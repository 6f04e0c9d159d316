package web

import (
	"github.com/labstack/echo/v4"

	"portal/internal/auth"
	userviews "portal/views/users"
)

// userSecurity gathers the sign-in panel of a user's page: the lock, the
// live sessions, two-step verification and a reset link just made.
func (s *Server) userSecurity(c echo.Context, u auth.User) (userviews.Security, error) {
	ctx := c.Request().Context()
	var sec userviews.Security
	var err error
	if sec.LockedUntil, err = s.auth.LockedUntil(ctx, u.Email); err != nil {
		return sec, err
	}
	live, err := s.auth.Sessions().Live(ctx, u.ID)
	if err != nil {
		return sec, err
	}
	sec.LiveSessions = len(live)
	if sec.MFAOn, err = s.auth.MFAEnabled(ctx, u.ID); err != nil {
		return sec, err
	}
	link, err := s.takeReveal(c, "reset:"+u.ID)
	if err != nil {
		return sec, err
	}
	if len(link) > 0 {
		sec.ResetLink = link[0]
	}
	return sec, nil
}
