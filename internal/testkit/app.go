// Package testkit builds a real database for tests: a SQLite file in a temp
// folder, or a schema of its own in the PostgreSQL database named by
// TEST_DATABASE_URL (OPS-1), migrated and seeded with the demo data, and a
// manual clock. The
// page-test kit on top of it, with the real router, is web/webtest.
package testkit

import (
	"context"
	"testing"
	"time"

	"golang.org/x/crypto/bcrypt"
	"gorm.io/gorm"

	"portal/internal/demo"
	"portal/internal/platform/clock"
	"portal/internal/schema"
)

// Start is the time every test app starts at: a fixed, ordinary weekday.
var Start = time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC)

// App is one migrated (and usually seeded) database under test, with the
// manual clock its data was made on.
type App struct {
	T     testing.TB
	DB    *gorm.DB
	Clock *clock.Manual
	Path  string // the SQLite file, or the PostgreSQL schema
}

// Options change how an App is built.
type Options struct {
	NoDemo bool // skip the demo data
	// Dump is an SQL dump of a database made by an earlier release, one
	// per engine: "<Dump>.sqlite.sql" or "<Dump>.postgres.sql". It is
	// loaded into the empty database before the migrations run, in place
	// of the demo data (OPS-2's upgrade).
	Dump string
}

// New builds an App with the demo data.
func New(t testing.TB) *App { return NewWith(t, Options{}) }

// NewWith builds an App with options.
func NewWith(t testing.TB, o Options) *App {
	t.Helper()
	clk := clock.NewManual(Start)
	g, path := OpenEmpty(t, clk)
	if o.Dump != "" {
		LoadDump(t, g, path, o.Dump)
		o.NoDemo = true
	}
	if err := schema.Migrate(g); err != nil {
		t.Fatalf("migrate: %v", err)
	}
	if !o.NoDemo {
		if err := demo.SeedWith(context.Background(), g, clk, demo.Options{BcryptCost: bcrypt.MinCost}); err != nil {
			t.Fatalf("seed: %v", err)
		}
	}
	return &App{T: t, DB: g, Clock: clk, Path: path}
}
