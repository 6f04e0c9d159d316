package web

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"net/http"
	"time"

	"github.com/gorilla/sessions"
	"github.com/labstack/echo/v4"
)

const (
	sessionCookie = "portal_session"
	// idleTimeout ends a session after this long without a request (AUTH-2).
	idleTimeout = 2 * time.Hour
	// seenRefresh is how stale the last-seen stamp may get before the cookie
	// is written again, so not every request rewrites it.
	seenRefresh = time.Minute
)

// session is what the cookie holds: who is signed in (never their roles:
// those are read from the database on every request), the CSRF token, the
// last-seen time and the flash message.
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

func (sess session) userID() string    { v, _ := sess.raw.Values["uid"].(string); return v }
func (sess session) csrfToken() string { v, _ := sess.raw.Values["csrf"].(string); return v }
func (sess session) lang() string      { v, _ := sess.raw.Values["lang"].(string); return v }
func (sess session) seen() time.Time {
	v, _ := sess.raw.Values["seen"].(int64)
	return time.Unix(v, 0).UTC()
}

func (s *Server) saveSession(c echo.Context, sess session) error {
	return sess.raw.Save(c.Request(), c.Response())
}

// newToken returns n random bytes, URL-safe encoded.
func newToken(n int) string {
	b := make([]byte, n)
	if _, err := rand.Read(b); err != nil {
		panic(err) // the system's random source failing is not recoverable
	}
	return base64.RawURLEncoding.EncodeToString(b)
}

// renewSession replaces the session's contents at sign-in and sign-out: a new
// CSRF token, and the given user (or nobody).
func (s *Server) renewSession(c echo.Context, userID string) session {
	sess := s.session(c)
	lang := sess.lang()
	for k := range sess.raw.Values {
		delete(sess.raw.Values, k)
	}
	sess.raw.Values["csrf"] = newToken(32)
	if lang != "" {
		sess.raw.Values["lang"] = lang
	}
	if userID != "" {
		sess.raw.Values["uid"] = userID
		sess.raw.Values["seen"] = s.sessionClock.Now().Unix()
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

func newCookieStore(key []byte, secure bool) *sessions.CookieStore {
	store := sessions.NewCookieStore(key[:32], key[32:64])
	store.Options = &sessions.Options{
		Path:     "/",
		MaxAge:   int((12 * time.Hour).Seconds()),
		HttpOnly: true,
		Secure:   secure,
		SameSite: http.SameSiteLaxMode,
	}
	store.MaxAge(store.Options.MaxAge)
	return store
}
