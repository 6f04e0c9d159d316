package testkit

import (
	"crypto/rand"
	"encoding/hex"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"gorm.io/gorm"

	"portal/internal/platform/clock"
	"portal/internal/platform/db"
	"portal/internal/schema"
)

// DatabaseURLEnv names the PostgreSQL database the tests run on (OPS-1);
// without it they run on a SQLite file.
const DatabaseURLEnv = "TEST_DATABASE_URL"

// pgPoolSize bounds each test's connections, so hundreds of tests in a
// run stay well under the server's max_connections.
const pgPoolSize = 4

// Postgres reports whether the tests run on PostgreSQL.
func Postgres() bool { return os.Getenv(DatabaseURLEnv) != "" }

// OpenEmpty opens an empty database for one test: a schema of its own in
// the PostgreSQL database named by TEST_DATABASE_URL (dropped when the test
// ends), else a new SQLite file in the test's temp folder. It returns the
// database and its URL (the SQLite file's path, or a URL that names the
// schema), which db.Open and the portal's --db and DATABASE_URL accept.
func OpenEmpty(t testing.TB, clk clock.Clock) (*gorm.DB, string) {
	t.Helper()
	url := EmptyURL(t)
	g, err := db.Open(url, clk)
	if err != nil {
		t.Fatalf("open db: %v", err)
	}
	if Postgres() {
		if s, err := g.DB(); err == nil {
			s.SetMaxOpenConns(pgPoolSize)
			s.SetMaxIdleConns(pgPoolSize)
		}
	}
	t.Cleanup(func() { closeDB(g) })
	return g, url
}

// EmptyURL makes an empty database for one test and returns its URL: a new
// schema in TEST_DATABASE_URL's database, reached through the URL's
// search_path (pgx passes unknown URL parameters to the server as
// settings) and dropped when the test ends, else a SQLite file path in the
// test's temp folder.
func EmptyURL(t testing.TB) string {
	t.Helper()
	base := os.Getenv(DatabaseURLEnv)
	if base == "" {
		return filepath.Join(t.TempDir(), "portal.db")
	}
	b := make([]byte, 8)
	_, _ = rand.Read(b)
	name := "t_" + hex.EncodeToString(b)
	admin, err := db.Open(base, clock.System{})
	if err != nil {
		t.Fatalf("open %s: %v", DatabaseURLEnv, err)
	}
	defer closeDB(admin)
	if err := admin.Exec("CREATE SCHEMA " + name).Error; err != nil {
		t.Fatalf("create schema %s: %v", name, err)
	}
	t.Cleanup(func() {
		admin, err := db.Open(base, clock.System{})
		if err != nil {
			t.Errorf("open %s: %v", DatabaseURLEnv, err)
			return
		}
		defer closeDB(admin)
		if err := admin.Exec("DROP SCHEMA " + name + " CASCADE").Error; err != nil {
			t.Errorf("drop schema %s: %v", name, err)
		}
	})
	sep := "?"
	if strings.Contains(base, "?") {
		sep = "&"
	}
	return base + sep + "search_path=" + name
}

// OpenDB opens a migrated, empty database for one test (see OpenEmpty).
func OpenDB(t testing.TB, clk clock.Clock) *gorm.DB {
	t.Helper()
	g, _ := OpenEmpty(t, clk)
	if err := schema.Migrate(g); err != nil {
		t.Fatalf("migrate: %v", err)
	}
	return g
}

func closeDB(g *gorm.DB) { _ = db.Close(g) }

// LoadDump runs the engine's SQL dump "<dump>.sqlite.sql" or
// "<dump>.postgres.sql" on the database g opened at url.
func LoadDump(t testing.TB, g *gorm.DB, url, dump string) {
	t.Helper()
	engine := schema.Engine(g)
	sql, err := os.ReadFile(dump + "." + engine + ".sql")
	if err != nil {
		t.Fatal(err)
	}
	if engine == "sqlite" {
		// go-sqlite3 runs every statement of the text.
		if err := g.Exec(string(sql)).Error; err != nil {
			t.Fatalf("load %s: %v", dump, err)
		}
		return
	}
	// pgx sends many statements at once only with the simple protocol.
	loader, err := db.Open(url+"&default_query_exec_mode=simple_protocol", clock.System{})
	if err != nil {
		t.Fatal(err)
	}
	defer closeDB(loader)
	if err := loader.Exec(string(sql)).Error; err != nil {
		t.Fatalf("load %s: %v", dump, err)
	}
}
