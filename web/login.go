package web

import (
	"errors"
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"

	"portal/internal/auth"
	"portal/views/authpages"
	"portal/views/components"
)

// loginForm shows the sign-in page; a signed-in user goes on to next.
func (s *Server) loginForm(c echo.Context) error {
	next := safeNext(c.QueryParam("next"))
	if viewerOf(c) != nil {
		return c.Redirect(http.StatusSeeOther, next)
	}
	f := authpages.LoginForm{Next: next, Errors: components.FieldErrors{}}
	if msgs := s.session(c).raw.Flashes(); len(msgs) > 0 {
		f.Notice, _ = msgs[len(msgs)-1].(string)
		_ = s.saveSession(c, s.session(c))
	}
	return s.render(c, http.StatusOK, authpages.Login(f))
}

// login checks the credentials (AUTH-2, AUTH-7), renews the session and goes
// on to next (AUTH-6).
func (s *Server) login(c echo.Context) error {
	email := cleanText(c.FormValue("email"))
	password := c.FormValue("password")
	f := authpages.LoginForm{Email: email, Next: safeNext(c.FormValue("next")), Errors: components.FieldErrors{}}
	checkText(f.Errors, "email", email, 254, true)
	if password == "" {
		f.Errors.Add("password", "field.required")
	}
	if len(password) > 200 {
		f.Errors.Add("password", "field.too_long", 200)
	}
	if f.Errors.Any() {
		return s.render(c, http.StatusUnprocessableEntity, authpages.Login(f))
	}
	u, err := s.auth.Authenticate(c.Request().Context(), email, password)
	switch {
	case errors.Is(err, auth.ErrBadCredentials):
		f.Problem = "login.failed"
	case errors.Is(err, auth.ErrThrottled):
		f.Problem = "login.throttled"
	case errors.Is(err, auth.ErrLocked):
		f.Problem = "login.locked"
	case err != nil:
		return err
	}
	if f.Problem != "" {
		s.metrics.signInFailed(strings.TrimPrefix(f.Problem, "login.")) // OPS-4
		return s.render(c, http.StatusUnauthorized, authpages.Login(f))
	}
	sess := s.renewSession(c, u.ID)
	if err := s.saveSession(c, sess); err != nil {
		return err
	}
	return c.Redirect(http.StatusSeeOther, f.Next)
}

// logout clears the session (AUTH-2).
func (s *Server) logout(c echo.Context) error {
	sess := s.renewSession(c, "")
	sess.raw.AddFlash("login.signed_out")
	if err := s.saveSession(c, sess); err != nil {
		return err
	}
	return c.Redirect(http.StatusSeeOther, "/login")
}

// setLanguage saves the language choice: on the user when signed in, in the
// session otherwise (I18N-1).
func (s *Server) setLanguage(c echo.Context) error {
	lang := c.FormValue("lang")
	if lang != "en" && lang != "fr" {
		return &pageError{status: http.StatusUnprocessableEntity, titleKey: "error.422.title", bodyKey: "error.422.body"}
	}
	sess := s.session(c)
	sess.raw.Values["lang"] = lang
	if v := viewerOf(c); v != nil {
		if err := s.auth.SetLanguage(c.Request().Context(), v.User.ID, lang); err != nil {
			return err
		}
		sess.raw.AddFlash("flash.language_saved")
	}
	if err := s.saveSession(c, sess); err != nil {
		return err
	}
	return c.Redirect(http.StatusSeeOther, safeNext(c.FormValue("next")))
}

// cleanText trims a form value. Invalid UTF-8 is kept so checkText can refuse it.
func cleanText(s string) string { return strings.TrimSpace(s) }
