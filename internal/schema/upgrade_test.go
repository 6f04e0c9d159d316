package schema_test

import (
	"context"
	"fmt"
	"maps"
	"reflect"
	"slices"
	"testing"

	"gorm.io/gorm"

	"portal/internal/platform/clock"
	"portal/internal/platform/db"
	"portal/internal/schema"
	"portal/internal/testkit"
)

// beforeMigrations is the database of the release before versioned
// migrations (AutoMigrate and the demo data), one dump per engine.
const beforeMigrations = "testdata/before-migrations"

// OPS-2: a database made by the release before versioned migrations (its
// tables, no version table) is upgraded: the initial migration is marked
// applied, not run, the later ones run, and every row of every table is
// still there with the same values.
func TestUpgradeKeepsEveryRow_OPS2(t *testing.T) {
	g, url := testkit.OpenEmpty(t, clock.NewManual(testkit.Start))
	testkit.LoadDump(t, g, url, beforeMigrations)
	ctx := context.Background()
	// The fixture's tables: later migrations add others.
	var tables []string
	for _, name := range tableNames(t, g) {
		if g.Migrator().HasTable(name) && !resetByMigration[name] {
			tables = append(tables, name)
		}
	}
	before := map[string][]string{}
	columns := map[string][]string{}
	total := 0
	for _, name := range tables {
		cols, err := g.Migrator().ColumnTypes(name)
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range cols {
			columns[name] = append(columns[name], c.Name())
		}
		before[name] = rows(t, g, name, columns[name])
		total += len(before[name])
	}
	if total < 500 || len(before["customers"]) == 0 || len(before["invoice_lines"]) == 0 {
		t.Fatalf("the fixture holds too little: %d rows", total)
	}
	applied, err := schema.Up(ctx, g)
	if err != nil {
		t.Fatal(err)
	}
	if slices.Contains(applied, 1) || len(applied) == 0 {
		t.Errorf("applied %v: the initial migration must be marked, the later ones run", applied)
	}
	if ok, err := schema.Current(ctx, g); err != nil || !ok {
		t.Fatalf("not current after the upgrade: %v %v", ok, err)
	}
	// A new pool reads the result: pgx's statement cache of the old one
	// still describes the columns as they were before the migrations.
	fresh, err := db.Open(url, clock.System{})
	if err != nil {
		t.Fatal(err)
	}
	defer func() {
		if s, err := fresh.DB(); err == nil {
			_ = s.Close()
		}
	}()
	for _, name := range tables {
		if after := rows(t, fresh, name, columns[name]); !reflect.DeepEqual(after, before[name]) {
			t.Errorf("%s: %d rows before the upgrade, %d after, or their values changed", name, len(before[name]), len(after))
		}
	}
}

// tableNames lists the models' tables.
func tableNames(t *testing.T, g *gorm.DB) []string {
	var out []string
	for _, m := range schema.Models() {
		stmt := &gorm.Statement{DB: g}
		if err := stmt.Parse(m); err != nil {
			t.Fatal(err)
		}
		out = append(out, stmt.Schema.Table)
	}
	return out
}

// resetByMigration lists the tables a migration makes again empty on
// purpose: 00003 gives the sign-in failure counts a new shape, and they are
// only temporary counts.
var resetByMigration = map[string]bool{"login_attempts": true}

// rows reads a table's rows, the given columns of each printed in order,
// sorted: columns a later migration adds are left out.
func rows(t *testing.T, g *gorm.DB, name string, columns []string) []string {
	t.Helper()
	var found []map[string]any
	if err := g.Table(name).Select(columns).Find(&found).Error; err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	out := make([]string, 0, len(found))
	for _, m := range found {
		keys := slices.Sorted(maps.Keys(m))
		line := ""
		for _, k := range keys {
			line += fmt.Sprintf("%s=%v;", k, m[k])
		}
		out = append(out, line)
	}
	slices.Sort(out)
	return out
}
