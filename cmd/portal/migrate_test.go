package main

import (
	"bytes"
	"strings"
	"testing"

	"portal/internal/testkit"
)

// OPS-2: `portal migrate status` lists the migrations as pending on an empty
// database, `portal migrate up` applies them, and status then says applied.
func TestMigrateCommand_OPS2(t *testing.T) {
	url := testkit.EmptyURL(t)
	t.Setenv("DATABASE_URL", url)
	var out bytes.Buffer
	if err := runMigrate([]string{"status"}, &out); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "00001  00001_initial.sql") || !strings.Contains(out.String(), "pending") || strings.Contains(out.String(), "applied") {
		t.Fatalf("status of an empty database:\n%s", out.String())
	}
	out.Reset()
	if err := runMigrate([]string{"up"}, &out); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "migration(s) [1 2 3") || strings.Contains(out.String(), "pending") {
		t.Fatalf("up:\n%s", out.String())
	}
	out.Reset()
	if err := run([]string{"migrate", "status"}); err != nil {
		t.Fatal(err)
	}
	if err := runMigrate([]string{"up"}, &out); err != nil || !strings.Contains(out.String(), "applied 0 migration(s)") || strings.Contains(out.String(), "pending") {
		t.Fatalf("second up: %v\n%s", err, out.String())
	}
	if err := runMigrate([]string{"sideways"}, &out); err == nil {
		t.Fatal("an unknown action was accepted")
	}
}

// OPS-2: `portal migrate` with no action prints the state and applies what
// is missing.
func TestMigrateWithoutActionApplies_OPS2(t *testing.T) {
	t.Setenv("DATABASE_URL", testkit.EmptyURL(t))
	var out bytes.Buffer
	if err := runMigrate(nil, &out); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "migration(s) [1 2 3") || strings.Contains(out.String(), "pending") || !strings.Contains(out.String(), "00001  00001_initial.sql") {
		t.Fatalf("migrate without an action:\n%s", out.String())
	}
	out.Reset()
	if err := runMigrate([]string{"status"}, &out); err != nil || strings.Contains(out.String(), "pending") {
		t.Fatalf("status after: %v\n%s", err, out.String())
	}
	if err := runMigrate([]string{"up", "again"}, &out); err == nil {
		t.Fatal("an unknown action was accepted")
	}
}
