package schema_test

import (
	"context"
	"io/fs"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/logger"

	"portal/internal/platform/clock"
	"portal/internal/schema"
	"portal/internal/testkit"
)

// ddlRecorder is a GORM logger that keeps the statements that would change
// the schema.
type ddlRecorder struct {
	logger.Interface
	mu   sync.Mutex
	ddls []string
}

var ddl = regexp.MustCompile(`(?i)^\s*(CREATE|ALTER|DROP)\b`)

func (r *ddlRecorder) Trace(_ context.Context, _ time.Time, fc func() (string, int64), _ error) {
	sql, _ := fc()
	if ddl.MatchString(sql) {
		r.mu.Lock()
		r.ddls = append(r.ddls, sql)
		r.mu.Unlock()
	}
}

func (r *ddlRecorder) LogMode(logger.LogLevel) logger.Interface { return r }

// OPS-2: the migrated schema is the one GORM's models describe: AutoMigrate
// over the migrated database finds nothing to create or change (no table,
// column, type or index missing). A model added or changed without its
// migration fails here, on each engine.
func TestModelsMatchMigrations_OPS2(t *testing.T) {
	g := testkit.OpenDB(t, clock.NewManual(testkit.Start))
	rec := &ddlRecorder{Interface: logger.Discard}
	if err := g.Session(&gorm.Session{Logger: rec}).AutoMigrate(schema.Models()...); err != nil {
		t.Fatal(err)
	}
	if len(rec.ddls) > 0 {
		t.Errorf("the models differ from the %s migrations; add a migration to internal/schema/migrations/%s (and the other engine's folder) that makes:\n%s",
			schema.Engine(g), schema.Engine(g), strings.Join(rec.ddls, ";\n"))
	}
}

// OPS-2: both engines have the same migrations, version for version, each
// with an Up and a Down part.
func TestMigrationsSameVersions_OPS2(t *testing.T) {
	names := map[string][]string{}
	for _, engine := range []string{"sqlite", "postgres"} {
		files, err := schema.Migrations(engine)
		if err != nil {
			t.Fatal(err)
		}
		entries, err := fs.ReadDir(files, ".")
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range entries {
			names[engine] = append(names[engine], e.Name())
			b, err := fs.ReadFile(files, e.Name())
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(string(b), "-- +goose Up") || !strings.Contains(string(b), "-- +goose Down") {
				t.Errorf("%s/%s: no Up or Down part", engine, e.Name())
			}
		}
	}
	if len(names["sqlite"]) == 0 || !slices.Equal(names["sqlite"], names["postgres"]) {
		t.Errorf("migrations differ between engines: sqlite %v, postgres %v", names["sqlite"], names["postgres"])
	}
}

// OPS-2: Migrate applies every migration once; status then says so, and a
// second run applies nothing.
func TestMigrateStatus_OPS2(t *testing.T) {
	g, _ := testkit.OpenEmpty(t, clock.NewManual(testkit.Start))
	ctx := context.Background()
	st, err := schema.Status(ctx, g)
	if err != nil {
		t.Fatal(err)
	}
	if len(st) == 0 || slices.ContainsFunc(st, func(s schema.MigrationStatus) bool { return s.Applied }) {
		t.Fatalf("status of an empty database: %+v", st)
	}
	if ok, err := schema.Current(ctx, g); err != nil || ok {
		t.Fatalf("an empty database is current: %v %v", ok, err)
	}
	applied, err := schema.Up(ctx, g)
	if err != nil {
		t.Fatal(err)
	}
	if len(applied) != len(st) {
		t.Errorf("applied %v of %d migrations", applied, len(st))
	}
	if ok, err := schema.Current(ctx, g); err != nil || !ok {
		t.Fatalf("not current after Up: %v %v", ok, err)
	}
	if again, err := schema.Up(ctx, g); err != nil || len(again) != 0 {
		t.Fatalf("second Up applied %v: %v", again, err)
	}
	st, err = schema.Status(ctx, g)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range st {
		if !s.Applied || s.AppliedAt.IsZero() || s.Name == "" {
			t.Errorf("after Up: %+v", s)
		}
	}
}
