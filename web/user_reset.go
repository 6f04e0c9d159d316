package web

import (
	"github.com/labstack/echo/v4"

	"portal/internal/activity"
)

// viewerActor is the viewer as the actor of an activity entry.
func viewerActor(v *viewer) activity.Actor {
	return activity.Actor{UserID: v.User.ID, Name: v.User.Email}
}

// userReset makes a single-use password reset link for one of the partner's
// users (AUTH-11), shown once to the admin on the user's page to pass on.
func (s *Server) userReset(c echo.Context) error {
	v := mustViewer(c)
	token, u, err := s.auth.CreateReset(c.Request().Context(), v.Partner.ID, viewerActor(v), c.Param("id"))
	if err != nil {
		return err
	}
	if err := s.reveal(c, "reset:"+u.ID, []string{s.absURL("/password-reset/" + token)}); err != nil {
		return err
	}
	return s.redirect(c, "/users/"+u.ID, "users.flash.reset_link")
}
