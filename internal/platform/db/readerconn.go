package db

import (
	"database/sql"
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
// (an index build) runs on a Maintenance pool instead.
const readerDriver = "sqlite3_portal_reader"

var registerReaderDriver sync.Once

func readerDriverName() string {
	registerReaderDriver.Do(func() {
		sql.Register(readerDriver, withPragmas("PRAGMA temp_store=MEMORY"))
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
