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

// pendingCode returns the session waiting for its one-time code (AUTH-9).
func pendingCode(c echo.Context) *auth.Current {
	if cur := currentOf(c); cur != nil && cur.Session.Stage == auth.StageCode {
		return cur
	}
	return nil
}

// mfaLoginForm is the second sign-in page: the one-time code or a recovery
// code (AUTH-9). Without a password step waiting for it, it goes back to the
// sign-in page.
func (s *Server) mfaLoginForm(c echo.Context) error {
	if pendingCode(c) == nil {
		return c.Redirect(http.StatusSeeOther, "/login")
	}
	f := authpages.CodeForm{Next: safeNext(c.QueryParam("next")), Errors: components.FieldErrors{}}
	return s.render(c, http.StatusOK, authpages.Code(f))
}

// mfaLogin checks the code. A right one replaces the half-signed-in session
// with a new, signed-in one; five wrong ones end the attempt (AUTH-9).
func (s *Server) mfaLogin(c echo.Context) error {
	cur := pendingCode(c)
	if cur == nil {
		return c.Redirect(http.StatusSeeOther, "/login")
	}
	ctx := c.Request().Context()
	f := authpages.CodeForm{Next: safeNext(c.FormValue("next")), Errors: components.FieldErrors{}}
	code := cleanText(c.FormValue("code"))
	checkText(f.Errors, "code", code, 40, true)
	if f.Errors.Any() {
		return s.render(c, http.StatusUnprocessableEntity, authpages.Code(f))
	}
	_, err := s.auth.VerifySecondStep(ctx, cur.User, code)
	switch {
	case errors.Is(err, auth.ErrBadCode):
		n, err := s.auth.Sessions().CountCodeFailure(ctx, cur.Session.ID)
		if err != nil {
			return err
		}
		if n == 0 || n >= auth.MaxCodeFailures {
			if err := s.auth.CodeFailuresEnd(ctx, *cur); err != nil {
				return err
			}
			sess := s.renewSession(c, "", time.Time{})
			sess.raw.AddFlash("login.mfa_too_many")
			if err := s.saveSession(c, sess); err != nil {
				return err
			}
			return c.Redirect(http.StatusSeeOther, "/login")
		}
		f.Errors.Add("code", "login.mfa_wrong", auth.MaxCodeFailures-n)
		return s.render(c, http.StatusUnprocessableEntity, authpages.Code(f))
	case err != nil:
		return err
	}
	if err := s.auth.Sessions().End(ctx, cur.Session.ID); err != nil {
		return err
	}
	if err := s.startSession(c, cur.User, auth.StageSignedIn); err != nil {
		return err
	}
	return c.Redirect(http.StatusSeeOther, f.Next)
}
