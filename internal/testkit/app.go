// Package testkit builds a real portal for tests: a SQLite file in a temp
// folder, migrated and seeded with the demo data, a manual clock, and the
// real router; and an HTTP client that signs in and carries CSRF tokens.
package testkit

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"testing"
	"time"

	"golang.org/x/crypto/bcrypt"
	"gorm.io/gorm"

	"portal/internal/demo"
	"portal/internal/i18n"
	"portal/internal/platform/clock"
	"portal/internal/platform/db"
	"portal/internal/schema"
	"portal/web"
)

// Start is the time every test app starts at: a fixed, ordinary weekday.
var Start = time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC)

// App is one portal under test.
type App struct {
	T      testing.TB
	DB     *gorm.DB
	Clock  *clock.Manual
	Server *web.Server
	Bundle *i18n.Bundle
	Path   string // the SQLite file
}

// Options change how an App is built.
type Options struct {
	NoDemo bool // skip the demo data
}

// New builds an App with the demo data.
func New(t testing.TB) *App { return NewWith(t, Options{}) }

// NewWith builds an App with options.
func NewWith(t testing.TB, o Options) *App {
	t.Helper()
	path := filepath.Join(t.TempDir(), "portal.db")
	clk := clock.NewManual(Start)
	g, err := db.Open(path, clk)
	if err != nil {
		t.Fatalf("open db: %v", err)
	}
	t.Cleanup(func() {
		if s, err := g.DB(); err == nil {
			_ = s.Close()
		}
	})
	if err := schema.Migrate(g); err != nil {
		t.Fatalf("migrate: %v", err)
	}
	if !o.NoDemo {
		if err := demo.SeedWith(context.Background(), g, clk, demo.Options{BcryptCost: bcrypt.MinCost}); err != nil {
			t.Fatalf("seed: %v", err)
		}
	}
	bundle := i18n.MustLoad()
	key := make([]byte, 64)
	for i := range key {
		key[i] = byte(i + 1)
	}
	// The demo clock (LIFE-3) follows the manual clock, shifted by the days
	// a test moves it.
	demoClock := clock.NewOffset(clk, 0)
	srv, err := web.New(web.Config{
		DB: g, Clock: demoClock, SessionClock: clk, DemoClock: demoClock, Bundle: bundle, SessionKey: key, Demo: true,
		Logger: slog.New(slog.NewTextHandler(io.Discard, nil)), BcryptCost: bcrypt.MinCost,
	})
	if err != nil {
		t.Fatalf("server: %v", err)
	}
	return &App{T: t, DB: g, Clock: clk, Server: srv, Bundle: bundle, Path: path}
}

// HTTPServer starts a real listener on 127.0.0.1 for browser tests.
func (a *App) HTTPServer() *httptest.Server {
	ts := httptest.NewServer(a.Server)
	a.T.Cleanup(ts.Close)
	return ts
}

// Handler returns the app's handler.
func (a *App) Handler() http.Handler { return a.Server }
