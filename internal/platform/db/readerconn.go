package db

import (
	"database/sql"
	"fmt"
	"sync"

	"github.com/mattn/go-sqlite3"
)

// readerDriver opens the connections of a SQLite database's pool, where
// the portal's reads run. Their temporary tables stay in memory
// (temp_store): a read that sorts a few rows outside an index (the home
// page's open support requests, a rare word's matches) builds a temporary
// B-tree, and file-backed ones cost about 0.1 ms each to set up where
// in-memory ones cost 0.01 ms. Every list reads an index in its order
// (PERF-1), so these sorts stay small; work that sorts a whole table
// (an index build) runs on a Maintenance pool instead. Each keeps a page
// cache of readerCacheKiB.
const readerDriver = "sqlite3_portal_reader"

// readerCacheKiB is the page cache of each reader connection. SQLite's
// default, 2 MB, held less than one search of two common words reads (a
// word's run of prefix rows and the other word's keys), and the pool hands
// consecutive statements to its connections in turn, so each statement
// read again from the operating system what the last one on that
// connection had evicted. The pool holds 2 × Concurrency connections
// (db.go): four on two cores, 24 MB at most beside the writer's 24 MB.
// (8 MB each, with the writer's 32, let the server reach PERF-4's 150 MB
// in a load run once every cache was full.)
const readerCacheKiB = 6 * 1024

var registerReaderDriver sync.Once

func readerDriverName() string {
	registerReaderDriver.Do(func() {
		sql.Register(readerDriver, withPragmas(fmt.Sprintf("PRAGMA temp_store=MEMORY; PRAGMA cache_size=-%d", readerCacheKiB)))
	})
	return readerDriver
}

// withPragmas is the SQLite driver whose connections run pragmas first.
func withPragmas(pragmas string) *sqlite3.SQLiteDriver {
	return &sqlite3.SQLiteDriver{ConnectHook: func(c *sqlite3.SQLiteConn) error {
		_, err := c.Exec(pragmas, nil)
		return err
	}}
}
