package db_test

import (
	"context"
	"testing"

	"gorm.io/gorm"

	"portal/internal/platform/clock"
	"portal/internal/platform/db"
	"portal/internal/testkit"
)

// PERF-2: GenericPlans runs its reads, on PostgreSQL, on a pool of its own
// whose connections force generic plans and are read-only: the reads inside
// see the setting, a write is refused, and the database's own pool keeps
// PostgreSQL's own choice. On SQLite it runs them as they are.
func TestGenericPlansOnTheirOwnPool_PERF2(t *testing.T) {
	g := testkit.OpenDB(t, clock.NewManual(testkit.Start))
	ctx := context.Background()
	if err := g.Exec("CREATE TABLE generic_probe (id INTEGER PRIMARY KEY)").Error; err != nil {
		t.Fatal(err)
	}
	var mode string
	var wrote error
	err := db.GenericPlans(ctx, g, func(ctx context.Context) error {
		if !db.Postgres(g) {
			return db.Conn(ctx, g).Exec("INSERT INTO generic_probe (id) VALUES (1)").Error
		}
		if err := db.Conn(ctx, g).Raw("SHOW plan_cache_mode").Scan(&mode).Error; err != nil {
			return err
		}
		wrote = db.Conn(ctx, g).Exec("INSERT INTO generic_probe (id) VALUES (1)").Error
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if !db.Postgres(g) {
		return
	}
	if mode != "force_generic_plan" {
		t.Errorf("plan_cache_mode inside = %q, want force_generic_plan", mode)
	}
	if wrote == nil {
		t.Error("a write inside GenericPlans succeeded; its connections are not read-only")
	}
	var n int64
	if err := g.Raw("SELECT COUNT(*) FROM generic_probe").Scan(&n).Error; err != nil || n != 0 {
		t.Errorf("generic_probe holds %d rows (%v), want none", n, err)
	}
	// The database's own connections keep the default.
	if err := g.Raw("SHOW plan_cache_mode").Scan(&mode).Error; err != nil {
		t.Fatal(err)
	}
	if mode != "auto" {
		t.Errorf("plan_cache_mode outside = %q, want auto", mode)
	}
	// Inside a transaction the reads join it, as any read does.
	err = db.Tx(ctx, g, func(ctx context.Context, tx *gorm.DB) error {
		return db.GenericPlans(ctx, g, func(ctx context.Context) error {
			if db.Conn(ctx, g) != tx {
				t.Error("GenericPlans inside a transaction left it")
			}
			return nil
		})
	})
	if err != nil {
		t.Fatal(err)
	}
}
