package web

import (
	"crypto/subtle"
	"net/http"
	"time"

	"github.com/gorilla/sessions"
	"github.com/labstack/echo/v4"

	"portal/internal/auth"
	"portal/internal/platform/clock"
)

const sessionCookie = "portal_session"

// session is what the cookie holds: the token of the signed-in session
// (whose record in the database names the user: never their roles, read on
// every request), when that session ends at the latest, the CSRF token, the
// language of an anonymous visitor and the flash message (AUTH-8).
type session struct {
	raw *sessions.Session
}

func (s *Server) session(c echo.Context) session {
	if v, ok := c.Get("session").(session); ok {
		return v
	}
	raw, _ := s.sessions.Get(c.Request(), sessionCookie) // a bad cookie yields a new session
	sess := session{raw: raw}
	c.Set("session", sess)
	return sess
}

func (sess session) token() string     { v, _ := sess.raw.Values["sid"].(string); return v }
func (sess session) csrfToken() string { v, _ := sess.raw.Values["csrf"].(string); return v }
func (sess session) lang() string      { v, _ := sess.raw.Values["lang"].(string); return v }

// ends is when the signed-in session ends at the latest (zero when nobody is
// signed in).
func (sess session) ends() time.Time {
	v, _ := sess.raw.Values["ends"].(int64)
	if v == 0 {
		return time.Time{}
	}
	return time.Unix(v, 0).UTC()
}

// saveSession writes the cookie. A signed-in session's cookie lives only
// until the session's absolute end: saving never extends it (AUTH-8).
func (s *Server) saveSession(c echo.Context, sess session) error {
	opts := *s.sessions.Options
	if end := sess.ends(); !end.IsZero() {
		left := int(end.Sub(s.sessionClock.Now()).Seconds())
		opts.MaxAge = max(left, 1)
	}
	sess.raw.Options = &opts
	return sess.raw.Save(c.Request(), c.Response())
}

// newToken returns n random bytes, URL-safe encoded.
func newToken(n int) string { return auth.NewToken(n) }

// renewSession replaces the cookie's contents at sign-in and sign-out: a new
// CSRF token, and the given session token and end (or nobody).
func (s *Server) renewSession(c echo.Context, token string, ends time.Time) session {
	sess := s.session(c)
	lang := sess.lang()
	for k := range sess.raw.Values {
		delete(sess.raw.Values, k)
	}
	sess.raw.Values["csrf"] = newToken(32)
	if lang != "" {
		sess.raw.Values["lang"] = lang
	}
	if token != "" {
		sess.raw.Values["sid"] = token
		sess.raw.Values["ends"] = ends.Unix()
	}
	return sess
}

func (s *Server) setFlash(c echo.Context, key string) {
	sess := s.session(c)
	sess.raw.AddFlash(key)
	_ = s.saveSession(c, sess)
}

func (s *Server) takeFlash(c echo.Context) string {
	sess := s.session(c)
	flashes := sess.raw.Flashes()
	if len(flashes) == 0 {
		return ""
	}
	_ = s.saveSession(c, sess)
	v, _ := flashes[len(flashes)-1].(string)
	return v
}

// csrfValid checks the token of a state-changing request (AUTH-3).
func (s *Server) csrfValid(c echo.Context) bool {
	want := s.session(c).csrfToken()
	if want == "" {
		return false
	}
	got := c.Request().Header.Get("X-CSRF-Token")
	if got == "" {
		got = c.FormValue("_csrf")
	}
	return subtle.ConstantTimeCompare([]byte(want), []byte(got)) == 1
}

func newCookieStore(key []byte, secure bool, clk clock.Clock) *sessions.CookieStore {
	store := &sessions.CookieStore{Codecs: cookieCodecs(key[:32], key[32:64], int(auth.SessionMaxAge.Seconds()), clk)}
	store.Options = &sessions.Options{
		Path:     "/",
		MaxAge:   int(auth.SessionMaxAge.Seconds()),
		HttpOnly: true,
		Secure:   secure,
		SameSite: http.SameSiteLaxMode,
	}
	store.MaxAge(store.Options.MaxAge)
	return store
}
