package db_test

import (
	"context"
	"testing"

	"portal/internal/platform/clock"
	"portal/internal/platform/db"
	"portal/internal/testkit"
)

// PERF-2: GenericPlans runs its reads, on PostgreSQL, in one read-only
// transaction that forces generic plans for itself only: the reads inside
// see the setting and share the transaction, a write is refused, and the
// connection is back to PostgreSQL's own choice afterwards. On SQLite it
// runs them as they are.
func TestGenericPlansForOneTransaction_PERF2(t *testing.T) {
	g := testkit.OpenDB(t, clock.NewManual(testkit.Start))
	ctx := context.Background()
	if err := g.Exec("CREATE TABLE generic_probe (id INTEGER PRIMARY KEY)").Error; err != nil {
		t.Fatal(err)
	}
	var mode string
	var backends [2]int64
	err := db.GenericPlans(ctx, g, func(ctx context.Context) error {
		if !db.Postgres(g) {
			return db.Conn(ctx, g).Exec("INSERT INTO generic_probe (id) VALUES (1)").Error
		}
		if err := db.Conn(ctx, g).Raw("SHOW plan_cache_mode").Scan(&mode).Error; err != nil {
			return err
		}
		for i := range backends {
			if err := db.Conn(ctx, g).Raw("SELECT pg_backend_pid()").Scan(&backends[i]).Error; err != nil {
				return err
			}
		}
		if err := db.Conn(ctx, g).Exec("INSERT INTO generic_probe (id) VALUES (1)").Error; err == nil {
			t.Error("a write inside GenericPlans succeeded; the transaction is not read-only")
		}
		return nil
	})
	if !db.Postgres(g) {
		if err != nil {
			t.Fatalf("SQLite: %v", err)
		}
		return
	}
	if err == nil {
		t.Fatal("GenericPlans returned no error after its transaction's write failed")
	}
	if mode != "force_generic_plan" {
		t.Errorf("plan_cache_mode inside = %q, want force_generic_plan", mode)
	}
	if backends[0] == 0 || backends[0] != backends[1] {
		t.Errorf("the reads ran on backends %v, want one transaction's", backends)
	}
	// Every pooled connection is back to the default afterwards.
	sqlDB, err := g.DB()
	if err != nil {
		t.Fatal(err)
	}
	sqlDB.SetMaxOpenConns(1)
	if err := g.Raw("SHOW plan_cache_mode").Scan(&mode).Error; err != nil {
		t.Fatal(err)
	}
	if mode != "auto" {
		t.Errorf("plan_cache_mode after = %q, want auto", mode)
	}
}
