package web

import (
	"errors"
	"log/slog"
	"net/http"
	"net/url"
	"runtime/debug"
	"strings"

	"github.com/labstack/echo/v4"

	"portal/internal/auth"
	"portal/internal/perm"
	"portal/internal/platform/clock"
	"portal/internal/platform/i18n"
)

// viewer is the signed-in user of a request, read from the database on every
// request (AUTH-2) so role changes and disabled accounts take effect at once.
type viewer struct {
	User    auth.User
	Partner auth.Partner
	Roles   perm.Roles
}

func viewerOf(c echo.Context) *viewer {
	v, _ := c.Get("viewer").(*viewer)
	return v
}

// mustViewer returns the signed-in user of a route behind requireUser.
func mustViewer(c echo.Context) *viewer { return viewerOf(c) }

func localizerOf(c echo.Context) *i18n.Localizer {
	l, _ := c.Get("l").(*i18n.Localizer)
	return l
}

// recoverPanics turns a panic into a logged 500 page.
func (s *Server) recoverPanics(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) (err error) {
		defer func() {
			if r := recover(); r != nil {
				s.log.Error("panic", "path", redactPath(c.Request().URL.Path), "panic", r, "stack", string(debug.Stack()))
				err = echo.NewHTTPError(http.StatusInternalServerError)
			}
		}()
		return next(c)
	}
}

// logRequests writes one line per request.
func (s *Server) logRequests(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		watch := clock.StartStopwatch()
		err := next(c)
		if err != nil {
			c.Error(err)
		}
		s.log.LogAttrs(c.Request().Context(), slog.LevelDebug, "request",
			slog.String("method", c.Request().Method), slog.String("path", redactPath(c.Request().URL.Path)),
			slog.Int("status", c.Response().Status), slog.Duration("took", watch.Elapsed()))
		return nil
	}
}

// secureHeaders sets the headers every page carries.
func secureHeaders(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		h := c.Response().Header()
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("X-Frame-Options", "DENY")
		h.Set("Referrer-Policy", "same-origin")
		h.Set("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; frame-ancestors 'none'; form-action 'self'")
		return next(c)
	}
}

// loadViewer reads the session, expires it after idleTimeout, loads the user
// and partner, picks the language, and makes sure a CSRF token exists.
func (s *Server) loadViewer(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		sess := s.session(c)
		now := s.sessionClock.Now()
		dirty := false
		if sess.csrfToken() == "" {
			sess.raw.Values["csrf"] = newToken(32)
			dirty = true
		}
		var v *viewer
		if uid := sess.userID(); uid != "" {
			if now.Sub(sess.seen()) > idleTimeout {
				sess = s.renewSession(c, "")
				sess.raw.AddFlash("login.expired")
				dirty = true
			} else {
				u, p, err := s.auth.SignedIn(c.Request().Context(), uid)
				switch {
				case err == nil && !u.Disabled:
					v = &viewer{User: u, Partner: p, Roles: u.Roles()}
					if now.Sub(sess.seen()) > seenRefresh {
						sess.raw.Values["seen"] = now.Unix()
						dirty = true
					}
				case err != nil && !errors.Is(err, auth.ErrNotFound):
					return err // the database failed: not a reason to sign out
				default: // the account is gone or disabled
					sess = s.renewSession(c, "")
					dirty = true
				}
			}
		}
		if dirty {
			if err := s.saveSession(c, sess); err != nil {
				return err
			}
		}
		saved := sess.lang()
		if v != nil {
			saved = v.User.Language
		}
		c.Set("viewer", v)
		c.Set("l", s.bundle.For(i18n.Negotiate(saved, c.Request().Header.Get("Accept-Language"))))
		return next(c)
	}
}

// checkCSRF refuses a state-changing request without the session's token
// (AUTH-3) before any handler runs, so nothing changes.
func (s *Server) checkCSRF(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		switch c.Request().Method {
		case http.MethodGet, http.MethodHead, http.MethodOptions:
			return next(c)
		}
		if !s.csrfValid(c) {
			return &pageError{status: http.StatusForbidden, titleKey: "error.403.title", bodyKey: "error.403.csrf"}
		}
		return next(c)
	}
}

// requireUser sends anonymous requests to the sign-in page (AUTH-6).
func (s *Server) requireUser(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		if viewerOf(c) == nil {
			target := "/login"
			if r := c.Request(); r.Method == http.MethodGet && r.URL.Path != "/" {
				target += "?next=" + url.QueryEscape(r.URL.RequestURI())
			}
			if c.Request().Header.Get("HX-Request") == "true" {
				c.Response().Header().Set("HX-Redirect", target)
			}
			return c.Redirect(http.StatusSeeOther, target)
		}
		return next(c)
	}
}

// require lets through only users whose roles may do a (AUTH-5); others get a
// 403 page that names the roles that may.
func require(a perm.Action) echo.MiddlewareFunc {
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			if v := viewerOf(c); v == nil || !v.Roles.Can(a) {
				return forbidden(a)
			}
			return next(c)
		}
	}
}

// safeNext returns next when it is a local path, else "/" (AUTH-6: no open
// redirect).
func safeNext(next string) string {
	if next == "" || !strings.HasPrefix(next, "/") || strings.HasPrefix(next, "//") || strings.HasPrefix(next, "/\\") || strings.ContainsAny(next, "\r\n\t") {
		return "/"
	}
	u, err := url.Parse(next)
	if err != nil || u.Scheme != "" || u.Host != "" {
		return "/"
	}
	return next
}
