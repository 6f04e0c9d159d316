package web

import (
	"errors"
	"net/http"
	"time"

	"github.com/labstack/echo/v4"

	"portal/internal/auth"
	"portal/views/authpages"
	"portal/views/components"
)

// resetGone is the page of an unknown, used or expired reset link.
func resetGone(err error) error {
	return &pageError{status: http.StatusGone, titleKey: "error.410.title", bodyKey: "reset.gone", cause: err}
}

// passwordResetForm shows the new-password form of a reset link (AUTH-11).
func (s *Server) passwordResetForm(c echo.Context) error {
	_, u, err := s.auth.ResetUser(c.Request().Context(), c.Param("token"))
	if errors.Is(err, auth.ErrResetInvalid) {
		return resetGone(err)
	} else if err != nil {
		return err
	}
	f := authpages.ResetForm{Token: c.Param("token"), Email: u.Email, Errors: components.FieldErrors{}}
	return s.render(c, http.StatusOK, authpages.Reset(f))
}

// passwordReset sets the new password through the link, once; every session
// of the user ends (AUTH-8, AUTH-11), and the browser is signed out too.
func (s *Server) passwordReset(c echo.Context) error {
	ctx := c.Request().Context()
	token := c.Param("token")
	_, u, err := s.auth.ResetUser(ctx, token)
	if errors.Is(err, auth.ErrResetInvalid) {
		return resetGone(err)
	} else if err != nil {
		return err
	}
	f := authpages.ResetForm{Token: token, Email: u.Email, Errors: components.FieldErrors{}}
	pw, confirm := c.FormValue("new_password"), c.FormValue("confirm_password")
	checkNewPassword(f.Errors, pw, confirm, u.Email)
	if f.Errors.Any() {
		return s.render(c, http.StatusUnprocessableEntity, authpages.Reset(f))
	}
	if _, err := s.auth.UseReset(ctx, token, pw); errors.Is(err, auth.ErrResetInvalid) {
		return resetGone(err)
	} else if err != nil {
		return err
	}
	sess := s.renewSession(c, "", time.Time{})
	sess.raw.AddFlash("login.password_reset")
	if err := s.saveSession(c, sess); err != nil {
		return err
	}
	return c.Redirect(http.StatusSeeOther, "/login")
}
