package db_test

import (
	"context"
	"fmt"
	"sync"
	"testing"

	"gorm.io/gorm"

	"portal/internal/platform/clock"
	"portal/internal/platform/db"
	"portal/internal/testkit"
)

// PERF-2: the write version moves with every write that ends, lone or in a
// transaction, alone or in a group commit, and by the time it has moved
// the write can be read; reads leave it where it is. A result read at a
// version is current as long as the version stays (dashboard.Memo).
func TestWriteVersionMovesWithEveryWrite_PERF2(t *testing.T) {
	g := openStamps(t)
	version := func() uint64 {
		t.Helper()
		v, ok := db.WriteVersion(g)
		if !ok {
			t.Fatal("no write version on SQLite")
		}
		return v
	}
	v0 := version()
	stampIDs(t, g)
	if v := version(); v != v0 {
		t.Errorf("a read moved the version from %d to %d", v0, v)
	}
	if err := g.Create(&stamp{ID: "lone"}).Error; err != nil {
		t.Fatal(err)
	}
	v1 := version()
	if v1 == v0 {
		t.Error("a lone write left the version where it was")
	}
	// Writers at once, joined in group commits: each sees the version move
	// past the one it read before it began, and then reads its own row.
	var wg sync.WaitGroup
	errs := make(chan error, 16)
	for i := range 16 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			before := version()
			id := fmt.Sprintf("tx%02d", i)
			err := db.Tx(context.Background(), g, func(ctx context.Context, tx *gorm.DB) error {
				return tx.Create(&stamp{ID: id}).Error
			})
			if err != nil {
				errs <- err
				return
			}
			if after := version(); after == before {
				errs <- fmt.Errorf("%s: the version stayed at %d", id, before)
			}
			var n int64
			if err := g.Model(&stamp{}).Where("id = ?", id).Count(&n).Error; err != nil || n != 1 {
				errs <- fmt.Errorf("%s: read %d rows once the version moved (%v)", id, n, err)
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	if v := version(); v <= v1 {
		t.Errorf("version %d after 16 transactions from %d", v, v1)
	}
}

// PERF-2: on PostgreSQL other nodes write too: no process can tell when
// its reads grow old, so there is no write version.
func TestNoWriteVersionOnPostgres_PERF2(t *testing.T) {
	if !testkit.Postgres() {
		t.Skip("PostgreSQL")
	}
	if _, ok := db.WriteVersion(testkit.OpenDB(t, clock.NewManual(testkit.Start))); ok {
		t.Error("a write version on PostgreSQL")
	}
}
