package db_test

import (
	"context"
	"testing"

	"gorm.io/gorm"

	"portal/internal/platform/clock"
	"portal/internal/platform/db"
	"portal/internal/testkit"
)

// PERF-2, PERF-7: on SQLite the portal's connections keep their temporary
// files in memory: the writer's statement journals (a subscription's insert
// changes more pages than fit the journal's memory) and the readers' small
// sorts. The maintenance pool, where migrations build indexes, keeps
// SQLite's default of files on disk, so sorting a whole table does not
// hold it in the process.
func TestTemporaryFilesPerConnection_PERF2_PERF7(t *testing.T) {
	if testkit.Postgres() {
		t.Skip("SQLite's temporary files")
	}
	const memory, fileDefault = 2, 0
	g := testkit.OpenDB(t, clock.NewManual(testkit.Start))
	ctx := context.Background()
	writer, reader := writerAndReader(t, g, "temp_store")
	var maintenance int
	pool, closePool, err := db.Maintenance(g)
	if err != nil {
		t.Fatal(err)
	}
	defer closePool()
	if err := pool.QueryRowContext(ctx, "PRAGMA temp_store").Scan(&maintenance); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		conn      string
		got, want int
	}{{"writer", writer, memory}, {"reader", reader, memory}, {"maintenance", maintenance, fileDefault}} {
		if c.got != c.want {
			t.Errorf("temp_store on the %s connection = %d, want %d", c.conn, c.got, c.want)
		}
	}
}

// PERF-2, PERF-4: on SQLite the writer keeps a 24 MB page cache (the index
// pages every checkout touches) and each reader 6 MB (a search of two
// common words reads more than SQLite's default 2 MB), so the pool's four
// connections and the writer hold 48 MB of pages at most.
func TestPageCachePerConnection_PERF2_PERF4(t *testing.T) {
	if testkit.Postgres() {
		t.Skip("SQLite's page caches")
	}
	writer, reader := writerAndReader(t, testkit.OpenDB(t, clock.NewManual(testkit.Start)), "cache_size")
	// A negative size is in KiB.
	if writer != -24*1024 || reader != -6*1024 {
		t.Errorf("cache_size: writer %d, reader %d; want %d and %d", writer, reader, -24*1024, -6*1024)
	}
}

// writerAndReader reads a pragma on g's writer connection (in a
// transaction) and on one of its readers.
func writerAndReader(t *testing.T, g *gorm.DB, pragma string) (writer, reader int) {
	t.Helper()
	ctx := context.Background()
	if err := db.Tx(ctx, g, func(ctx context.Context, tx *gorm.DB) error {
		return tx.Raw("PRAGMA " + pragma).Scan(&writer).Error
	}); err != nil {
		t.Fatal(err)
	}
	if err := g.WithContext(ctx).Raw("PRAGMA " + pragma).Scan(&reader).Error; err != nil {
		t.Fatal(err)
	}
	return writer, reader
}
