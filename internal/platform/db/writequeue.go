package db

import (
	"context"
	"database/sql"
	"fmt"
	"sync"
	"sync/atomic"
	"time"

	"gorm.io/driver/sqlite"
	"gorm.io/gorm"
)

// writeWait bounds how long a transaction waits for its turn to write, as
// the busy timeout bounded it before: past it the operation fails instead
// of hanging.
const writeWait = 10 * time.Second

// writerCacheKiB is the page cache of a SQLite database's writer connection.
// Only that connection writes, so its cache stays valid from one transaction
// to the next (SQLite empties a connection's cache when another one wrote):
// the index pages every checkout touches are read once, not per transaction.
// 24 MB: checkouts on the partner-scale file ran as fast as with 32 MB
// (alternated runs), and PERF-4's 150 MB counts every cache when full.
const writerCacheKiB = 24 * 1024

// writer is where a SQLite database's transactions run, one at a time.
type writer struct {
	turn    chan struct{} // holds a token while a transaction runs
	pool    *sql.DB       // one connection
	ckpt    *checkpointer
	opens   int           // how many Opens of the database share it; under writersMu
	waiting atomic.Int32  // transactions waiting for the turn (Tx)
	open    *group        // the transaction open for a group commit; under the turn
	commits atomic.Int64  // group commits so far
	version atomic.Uint64 // moves after every write (WriteVersion)
}

// writers holds the writer of each open SQLite database, by its DSN: two
// Opens of one file in a process (two nodes in a test) share it.
var (
	writers   sync.Map
	writersMu sync.Mutex
)

// openWriter opens the writer connection of the SQLite database dsn names,
// or shares the one already open.
func openWriter(dsn string) error {
	writersMu.Lock()
	defer writersMu.Unlock()
	if w, ok := writers.Load(dsn); ok {
		w.(*writer).opens++
		return nil
	}
	pool, err := sql.Open(writerDriverName(), dsn+fmt.Sprintf("&_cache_size=-%d", writerCacheKiB))
	if err != nil {
		return fmt.Errorf("db: writer: %w", err)
	}
	pool.SetMaxOpenConns(1)
	pool.SetMaxIdleConns(1)
	pool.SetConnMaxIdleTime(time.Minute)
	w := &writer{turn: make(chan struct{}, 1), pool: pool, opens: 1}
	if w.ckpt, err = newCheckpointer(dsn, w); err != nil {
		_ = pool.Close()
		return fmt.Errorf("db: checkpointer: %w", err)
	}
	writers.Store(dsn, w)
	return nil
}

func (w *writer) close() {
	if w.take(context.Background()) == nil {
		w.flush()
		<-w.turn
	}
	w.ckpt.close()
	_ = w.pool.Close()
}

// writerOf returns the writer of g's database, or nil on PostgreSQL.
//
// SQLite lets one transaction write at a time. Left to the busy handler,
// waiting writers sleep and poll, and much of their time passes asleep after
// the lock is free; queued here in Go, the next writer starts the moment the
// last one commits (PERF-7). Reads outside a transaction need no turn: in
// WAL mode they never wait for the writer.
func writerOf(g *gorm.DB) *writer {
	d, ok := g.Dialector.(*sqlite.Dialector)
	if !ok {
		return nil
	}
	w, ok := writers.Load(d.DSN)
	if !ok {
		return nil
	}
	return w.(*writer)
}

// take waits for the writer's turn, at most writeWait or until ctx ends.
func (w *writer) take(ctx context.Context) error {
	select {
	case w.turn <- struct{}{}:
		return nil
	default:
	}
	t := time.NewTimer(writeWait)
	defer t.Stop()
	select {
	case w.turn <- struct{}{}:
		return nil
	case <-ctx.Done():
		return fmt.Errorf("db: waiting to write: %w", ctx.Err())
	case <-t.C:
		return fmt.Errorf("db: waited %s to write: the database is busy", writeWait)
	}
}

// release ends the writer's turn. The turn's write, if any, is over: a
// lone statement ran, a group committed (commit moved the version too).
func (w *writer) release() {
	w.ckpt.committed(1)
	w.version.Add(1)
	<-w.turn
}

// WriteVersion returns a number that moves whenever a write to g's SQLite
// database ends in this process, once what it wrote can be read: a read
// made after WriteVersion returned v sees every write that ended before,
// so a result read then is still current while WriteVersion returns v.
// Every write runs on the writer connection (writerOf, registerWriteTurns),
// so none is missed. ok is false on PostgreSQL, whose other nodes write
// too, and for a database Open did not open.
func WriteVersion(g *gorm.DB) (v uint64, ok bool) {
	w := writerOf(g)
	if w == nil {
		return 0, false
	}
	return w.version.Load(), true
}

// Close closes g's database. On SQLite it closes the writer connection
// first (when no other Open shares it), then folds the write-ahead log into the database file and
// truncates it, so the file alone is the whole database.
func Close(g *gorm.DB) error {
	if d, ok := g.Dialector.(*sqlite.Dialector); ok {
		writersMu.Lock()
		if w, ok := writers.Load(d.DSN); ok {
			w := w.(*writer)
			w.opens--
			if w.opens == 0 {
				writers.Delete(d.DSN)
				w.close()
			}
		}
		writersMu.Unlock()
		if err := g.Exec("PRAGMA wal_checkpoint(TRUNCATE)").Error; err != nil {
			return fmt.Errorf("db: checkpoint: %w", err)
		}
	}
	if err := closeGenericPool(g); err != nil {
		return err
	}
	sqlDB, err := g.DB()
	if err != nil {
		return err
	}
	return sqlDB.Close()
}
