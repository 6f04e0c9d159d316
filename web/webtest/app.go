// Package webtest builds a real portal for page and browser tests: the
// database of internal/testkit behind the real router, an HTTP client that
// signs in and carries CSRF tokens, and a headless browser.
package webtest

import (
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"

	"golang.org/x/crypto/bcrypt"

	"portal/internal/platform/clock"
	"portal/internal/platform/i18n"
	"portal/internal/testkit"
	"portal/web"
)

// Start is the time every test app starts at.
var Start = testkit.Start

// Options change how an App is built.
type Options = testkit.Options

// App is one portal under test: its database, clock and server.
type App struct {
	*testkit.App
	Server *web.Server
	Bundle *i18n.Bundle
	// cfg is what Server was built from, to build it again on a listener's
	// address (HTTPServer).
	cfg web.Config
	// listener is the one browser tests share (httpServer).
	listener *sharedListener
}

// sharedListener is an App's listener for browser tests, started once.
type sharedListener struct {
	once sync.Once
	ts   *httptest.Server
}

// New builds an App with the demo data.
func New(t testing.TB) *App { return NewWith(t, Options{}) }

// NewWith builds an App with options.
func NewWith(t testing.TB, o Options) *App {
	t.Helper()
	base := testkit.NewWith(t, o)
	bundle := i18n.MustLoad()
	key := make([]byte, 64)
	for i := range key {
		key[i] = byte(i + 1)
	}
	// The demo clock (LIFE-3) follows the manual clock, shifted by the days
	// a test moves it.
	demoClock := clock.NewOffset(base.Clock, 0)
	cfg := web.Config{
		DB: base.DB, Clock: demoClock, SessionClock: base.Clock, DemoClock: demoClock, Bundle: bundle, SessionKey: key, Demo: true,
		Logger: slog.New(slog.NewTextHandler(io.Discard, nil)), BcryptCost: bcrypt.MinCost, BaseURL: "http://portal.test",
	}
	srv, err := web.New(cfg)
	if err != nil {
		t.Fatalf("server: %v", err)
	}
	return &App{App: base, Server: srv, Bundle: bundle, cfg: cfg, listener: &sharedListener{}}
}

// DemoClock is the server's business clock (demo mode): SetDays moves it
// without a write, where the demo clock's form stores the shift.
func (a *App) DemoClock() *clock.Offset { return a.cfg.DemoClock }

// HTTPServer starts a real listener on 127.0.0.1 for browser tests. The
// server is built again with the listener's address as its public address
// (AUTH-13), so absolute links lead back to it; it shares the database and
// session key, so clients signed in before keep their sessions.
func (a *App) HTTPServer() *httptest.Server {
	ts := httptest.NewUnstartedServer(nil)
	cfg := a.cfg
	cfg.BaseURL = "http://" + ts.Listener.Addr().String()
	srv, err := web.New(cfg)
	if err != nil {
		a.T.Fatalf("server: %v", err)
	}
	a.Server = srv
	ts.Config.Handler = srv
	ts.Start()
	a.T.Cleanup(ts.Close)
	return ts
}

// httpServer is HTTPServer started once per app, so parallel subtests
// browsers share one listener.
func (a *App) httpServer() *httptest.Server {
	l := a.listener
	l.once.Do(func() { l.ts = a.HTTPServer() })
	return l.ts
}

// Handler returns the app's handler.
func (a *App) Handler() http.Handler { return a.Server }
