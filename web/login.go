package web

import (
	"errors"
	"net"
	"net/http"
	"net/url"
	"strings"
	"time"

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

// clientAddress is the address a request came from: the connection's peer,
// never a header a client can write (AUTH-10).
func clientAddress(c echo.Context) string {
	host, _, err := net.SplitHostPort(c.Request().RemoteAddr)
	if err != nil {
		return c.Request().RemoteAddr
	}
	return host
}

// login checks the credentials (AUTH-2, AUTH-7, AUTH-10), opens a session
// record (AUTH-8) and goes on to next (AUTH-6), or to the one-time code or
// its set-up first (AUTH-9).
func (s *Server) login(c echo.Context) error {
	ctx := c.Request().Context()
	if err := s.auth.AllowAddress(ctx, clientAddress(c)); errors.Is(err, auth.ErrAddressLimited) {
		f := authpages.LoginForm{Email: cleanText(c.FormValue("email")), Next: safeNext(c.FormValue("next")),
			Problem: "login.address_limited", Errors: components.FieldErrors{}}
		c.Response().Header().Set("Retry-After", "60")
		return s.render(c, http.StatusTooManyRequests, authpages.Login(f))
	} else if err != nil {
		return err
	}
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
	u, err := s.auth.Authenticate(ctx, email, password)
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
	hasMFA, err := s.auth.MFAEnabled(ctx, u.ID)
	if err != nil {
		return err
	}
	p, err := s.auth.Partner(ctx, u.PartnerID)
	if err != nil {
		return err
	}
	stage := auth.SignInStage(hasMFA, p.RequireMFA)
	if err := s.startSession(c, u, stage); err != nil {
		return err
	}
	switch stage {
	case auth.StageCode:
		return c.Redirect(http.StatusSeeOther, "/login/mfa?next="+url.QueryEscape(f.Next))
	case auth.StageSetup:
		return c.Redirect(http.StatusSeeOther, mfaSetupPath)
	}
	return c.Redirect(http.StatusSeeOther, f.Next)
}

// startSession opens a session record for u and puts its token in a renewed
// cookie, with a new CSRF token (AUTH-2, AUTH-8).
func (s *Server) startSession(c echo.Context, u auth.User, stage string) error {
	token, row, err := s.auth.Sessions().Start(c.Request().Context(), u, stage, c.Request().UserAgent(), clientAddress(c))
	if err != nil {
		return err
	}
	sess := s.renewSession(c, token, row.CreatedAt.Add(auth.SessionMaxAge))
	return s.saveSession(c, sess)
}

// logout ends the session record, so a copy of the cookie is useless, and
// clears the cookie (AUTH-2, AUTH-8).
func (s *Server) logout(c echo.Context) error {
	if cur := currentOf(c); cur != nil {
		if err := s.auth.SignOut(c.Request().Context(), *cur, false); err != nil {
			return err
		}
	}
	sess := s.renewSession(c, "", time.Time{})
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
