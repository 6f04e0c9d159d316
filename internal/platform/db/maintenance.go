package db

import (
	"database/sql"
	"fmt"

	"gorm.io/driver/sqlite"
	"gorm.io/gorm"
)

// Maintenance opens a pool for work that may sort a whole table, such as a
// migration's index build, and returns the function that closes it. On
// SQLite it holds connections of their own, whose temporary files go to
// disk as SQLite's default has them: on the portal's connections they
// stay in memory (readerDriver, writerDriver), where such a sort would
// hold the whole index in the process. It holds two, so a migration
// written in Go can record its version while the SQL ones hold theirs. On
// PostgreSQL it is g's own pool.
func Maintenance(g *gorm.DB) (pool *sql.DB, closePool func(), err error) {
	d, ok := g.Dialector.(*sqlite.Dialector)
	if !ok {
		pool, err = g.DB()
		return pool, func() {}, err
	}
	pool, err = sql.Open("sqlite3", d.DSN)
	if err != nil {
		return nil, nil, fmt.Errorf("db: maintenance pool: %w", err)
	}
	pool.SetMaxOpenConns(2)
	return pool, func() { _ = pool.Close() }, nil
}
