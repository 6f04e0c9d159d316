package schema

import (
	"context"
	"database/sql"
	"embed"
	"errors"

	"fmt"
	"io/fs"
	"time"

	"github.com/pressly/goose/v3"
	"github.com/pressly/goose/v3/database"
	"gorm.io/gorm"

	"portal/internal/platform/db"
)

// migrations holds the versioned SQL of each engine (OPS-2): one folder
// per engine, the same versions in both.
//
//go:embed migrations
var migrations embed.FS

// versionTable is goose's record of the applied migrations.
const versionTable = "goose_db_version"

// baselineTable is a table every release has made: a database that has it
// without versionTable was made by a release before versioned migrations.
const baselineTable = "settings"

// MigrationStatus is one migration and whether the database has it.
type MigrationStatus struct {
	Version   int64
	Name      string
	Applied   bool
	AppliedAt time.Time
}

// Engine names the database's engine: "sqlite" or "postgres", the folder of
// its migrations.
func Engine(g *gorm.DB) string {
	if db.Postgres(g) {
		return "postgres"
	}
	return "sqlite"
}

// Migrations returns the engine's migration files.
func Migrations(engine string) (fs.FS, error) {
	return fs.Sub(migrations, "migrations/"+engine)
}

// provider runs the migrations on sqlDB.
func provider(g *gorm.DB, sqlDB *sql.DB) (*goose.Provider, error) {
	files, err := Migrations(Engine(g))
	if err != nil {
		return nil, err
	}
	p, err := goose.NewProvider(dialect(g), sqlDB, files, goose.WithDisableGlobalRegistry(true), goose.WithGoMigrations(dataMigrations(g)...))
	if err != nil {
		return nil, fmt.Errorf("schema: migrations: %w", err)
	}
	return p, nil
}

func dialect(g *gorm.DB) goose.Dialect {
	if Engine(g) == "postgres" {
		return goose.DialectPostgres
	}
	return goose.DialectSQLite3
}

// Migrate applies every migration the database lacks (OPS-2). A database
// made by a release before versioned migrations (the tables, no version
// table) is first marked as having the initial migration, which is the
// schema those releases made. On PostgreSQL the whole step holds an
// advisory lock, so nodes starting together migrate one after the other.
func Migrate(g *gorm.DB) error {
	_, err := Up(context.Background(), g)
	return err
}

// Up is Migrate, returning the versions it applied.
func Up(ctx context.Context, g *gorm.DB) (applied []int64, err error) {
	// A migration that builds an index sorts the whole table: on a
	// maintenance pool, in temporary files on SQLite rather than in the
	// portal's memory (db.Maintenance).
	sqlDB, closePool, err := db.Maintenance(g)
	if err != nil {
		return nil, err
	}
	defer closePool()
	p, err := provider(g, sqlDB)
	if err != nil {
		return nil, err
	}
	if Engine(g) == "postgres" {
		conn, err := sqlDB.Conn(ctx)
		if err != nil {
			return nil, fmt.Errorf("schema: migrate: %w", err)
		}
		defer conn.Close()
		// One lock per schema: the tests' schemas in one database do not wait
		// for each other.
		const key = "hashtext('portal.migrate.' || current_schema())"
		if _, err := conn.ExecContext(ctx, "SELECT pg_advisory_lock("+key+")"); err != nil {
			return nil, fmt.Errorf("schema: migrate: lock: %w", err)
		}
		defer func() {
			if _, uerr := conn.ExecContext(context.WithoutCancel(ctx), "SELECT pg_advisory_unlock("+key+")"); uerr != nil && err == nil {
				err = fmt.Errorf("schema: migrate: unlock: %w", uerr)
			}
		}()
	}
	if err := baseline(ctx, g); err != nil {
		return nil, err
	}
	results, err := p.Up(ctx)
	if err != nil {
		return nil, fmt.Errorf("schema: migrate: %w", err)
	}
	for _, r := range results {
		applied = append(applied, r.Source.Version)
	}
	return applied, nil
}

// baseline marks the initial migration applied on a database made by a
// release before versioned migrations, so its tables and rows are kept and
// only the later migrations run.
func baseline(ctx context.Context, g *gorm.DB) error {
	m := g.WithContext(ctx).Migrator()
	if m.HasTable(versionTable) || !m.HasTable(baselineTable) {
		return nil
	}
	store, err := database.NewStore(dialect(g), versionTable)
	if err != nil {
		return err
	}
	sqlDB, err := g.DB()
	if err != nil {
		return err
	}
	tx, err := sqlDB.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("schema: baseline: %w", err)
	}
	defer func() { _ = tx.Rollback() }()
	if err := store.CreateVersionTable(ctx, tx); err != nil {
		return fmt.Errorf("schema: baseline: %w", err)
	}
	for _, v := range []int64{0, 1} { // goose's own row 0, then the initial schema
		if err := store.Insert(ctx, tx, database.InsertRequest{Version: v}); err != nil {
			return fmt.Errorf("schema: baseline: %w", err)
		}
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("schema: baseline: %w", err)
	}
	return nil
}

// Status lists every migration and whether the database has it. A
// database without the version table has none (an earlier release's
// database gets the initial one marked at its first Up).
func Status(ctx context.Context, g *gorm.DB) ([]MigrationStatus, error) {
	sqlDB, err := g.DB()
	if err != nil {
		return nil, err
	}
	p, err := provider(g, sqlDB)
	if err != nil {
		return nil, err
	}
	hasTable := g.WithContext(ctx).Migrator().HasTable(versionTable)
	var out []MigrationStatus
	if !hasTable {
		for _, s := range p.ListSources() {
			out = append(out, MigrationStatus{Version: s.Version, Name: migrationName(s.Version, s.Path)})
		}
		return out, nil
	}
	st, err := p.Status(ctx)
	if err != nil {
		return nil, fmt.Errorf("schema: status: %w", err)
	}
	for _, s := range st {
		out = append(out, MigrationStatus{Version: s.Source.Version, Name: migrationName(s.Source.Version, s.Source.Path),
			Applied: s.State == goose.StateApplied, AppliedAt: s.AppliedAt})
	}
	return out, nil
}

// Current reports whether every migration is applied.
func Current(ctx context.Context, g *gorm.DB) (bool, error) {
	st, err := Status(ctx, g)
	if err != nil {
		return false, err
	}
	for _, s := range st {
		if !s.Applied {
			return false, nil
		}
	}
	return true, nil
}

// ErrPending is the readiness failure of a database with migrations not
// yet applied.
var ErrPending = errors.New("schema: migrations pending")

// Ready is the readiness check (OPS-4): nil when every migration is
// applied, ErrPending when one is not.
func Ready(ctx context.Context, g *gorm.DB) error {
	ok, err := Current(ctx, g)
	if err != nil {
		return err
	}
	if !ok {
		return ErrPending
	}
	return nil
}

func baseName(path string) string {
	for i := len(path) - 1; i >= 0; i-- {
		if path[i] == '/' {
			return path[i+1:]
		}
	}
	return path
}
