package testkit

import (
	"os"
	"testing"
)

// PostgresURL returns TEST_DATABASE_URL for a test that only means
// something on PostgreSQL (several nodes on one server, advisory locks). It
// skips on the SQLite pass of `make test` (TEST_PASS=sqlite) and on a
// developer machine without PostgreSQL; anywhere else under CI=true a
// missing URL fails the test, so CI never silently leaves it out (OPS-1).
func PostgresURL(t testing.TB) string {
	t.Helper()
	u := os.Getenv("TEST_DATABASE_URL")
	switch {
	case u != "":
		return u
	case os.Getenv("TEST_PASS") == "sqlite":
		t.Skip("PostgreSQL only: runs in the PostgreSQL pass")
	case os.Getenv("CI") == "true":
		t.Fatal("TEST_DATABASE_URL is required under CI=true")
	default:
		t.Skip("TEST_DATABASE_URL not set: this test needs PostgreSQL")
	}
	return ""
}
