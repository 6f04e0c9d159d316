package web

import (
	"errors"
	"log/slog"
	"net/http"
	"net/url"
	"runtime/debug"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"portal/internal/auth"
	"portal/internal/perm"
	"portal/internal/platform/clock"
	"portal/internal/platform/db"
	"portal/internal/platform/i18n"
)

// viewer is the signed-in user of a request, read from the database on every
// request (AUTH-2) so role changes and disabled accounts take effect at once.
type viewer struct {
	User    auth.User
	Partner auth.Partner
	Roles   perm.Roles
	// Session is the signed-in session (AUTH-8).
	Session auth.Session
	// SetupOnly: the partner requires two-step verification and this user
	// must set it up before any other page (AUTH-9).
	SetupOnly bool
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
				s.log.ErrorContext(c.Request().Context(), "panic", "path", redactPath(c.Request().URL.Path), "panic", r, "stack", string(debug.Stack()))
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

// loadViewer reads the cookie's session record with its user and partner
// in one query (AUTH-2, AUTH-8), ends it when it has run out of time or its
// user is disabled, picks the language, and makes sure a CSRF token exists.
// A session half-way through sign-in (AUTH-9) is kept apart: it is no viewer.
func (s *Server) loadViewer(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		sess := s.session(c)
		if db.Postgres(s.db) {
			// Room for the snapshot the session lookup reads, which the
			// page's memos compare against (db.WithSnapshot).
			c.SetRequest(c.Request().WithContext(db.WithSnapshot(c.Request().Context())))
		}
		ctx := c.Request().Context()
		dirty := false
		if sess.csrfToken() == "" {
			sess.raw.Values["csrf"] = newToken(32)
			dirty = true
		}
		var v *viewer
		if token := sess.token(); token != "" {
			now := s.sessionClock.Now()
			cur, err := s.auth.Sessions().Lookup(ctx, token)
			switch {
			case err != nil && !errors.Is(err, auth.ErrNotFound):
				return err // the database failed: not a reason to sign out
			case err != nil || cur.User.Disabled:
				// Ended (signed out, everywhere, by an admin, a password
				// change) or the account is gone or disabled.
				sess = s.renewSession(c, "", time.Time{})
				dirty = true
			case !auth.SessionLive(cur.Session, now):
				if err := s.auth.Sessions().End(ctx, cur.Session.ID); err != nil {
					return err
				}
				sess = s.renewSession(c, "", time.Time{})
				sess.raw.AddFlash("login.expired")
				dirty = true
			default:
				if auth.NeedsTouch(cur.Session.LastSeenAt, now) {
					if err := s.auth.Sessions().Touch(ctx, cur.Session.ID, now); err != nil {
						return err
					}
				}
				c.Set("current", &cur)
				if cur.Session.Stage != auth.StageCode {
					v = &viewer{User: cur.User, Partner: cur.Partner, Roles: cur.User.Roles(), Session: cur.Session,
						SetupOnly: cur.Session.Stage == auth.StageSetup}
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

// currentOf returns the request's live session record, signed in or half-way.
func currentOf(c echo.Context) *auth.Current {
	cur, _ := c.Get("current").(*auth.Current)
	return cur
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

// requireUser sends anonymous requests to the sign-in page (AUTH-6); a
// sign-in waiting for its one-time code to the code page, and a user who must
// set up two-step verification to its set-up page (AUTH-9): nothing else gets
// through a half-finished sign-in.
func (s *Server) requireUser(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		v := viewerOf(c)
		if v != nil && v.SetupOnly && c.Path() != mfaSetupPath {
			return s.seeOther(c, mfaSetupPath)
		}
		if cur := currentOf(c); v == nil && cur != nil && cur.Session.Stage == auth.StageCode {
			return s.seeOther(c, "/login/mfa")
		}
		if v == nil {
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

// seeOther redirects with 303, telling htmx to follow with a full page.
func (s *Server) seeOther(c echo.Context, target string) error {
	if c.Request().Header.Get("HX-Request") == "true" {
		c.Response().Header().Set("HX-Redirect", target)
	}
	return c.Redirect(http.StatusSeeOther, target)
}
