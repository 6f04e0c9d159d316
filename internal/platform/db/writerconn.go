package db

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"strings"
	"sync"
	"unicode"

	"github.com/mattn/go-sqlite3"
)

// writerDriver opens writer connections. SQLite's automatic checkpoint is
// off on them: it would run in the writer's turn, right after a commit,
// copying a thousand pages into the database file and syncing it while
// every other writer waits; the checkpointer does it beside the writers.
// Their temporary files stay in memory (temp_store): a statement that
// writes several tables or indexes keeps the pages it changes in a
// statement journal, and past 64 KiB SQLite moved that journal to a file
// it created, wrote and deleted within the statement. A subscription's
// insert (its table, twelve indexes and the summaries' triggers) did so every
// time, half of its time in the writer's turn.
// And each keeps its prepared statements (writerConn).
const writerDriver = "sqlite3_portal_writer"

var registerWriterDriver sync.Once

func writerDriverName() string {
	registerWriterDriver.Do(func() {
		sql.Register(writerDriver, writerConnector{withPragmas("PRAGMA wal_autocheckpoint=0; PRAGMA temp_store=MEMORY")})
	})
	return writerDriver
}

type writerConnector struct{ d *sqlite3.SQLiteDriver }

func (w writerConnector) Open(dsn string) (driver.Conn, error) {
	c, err := w.d.Open(dsn)
	if err != nil {
		return nil, err
	}
	return &writerConn{c: c.(*sqlite3.SQLiteConn), stmts: map[string]*sqlite3.SQLiteStmt{}}, nil
}

// writerStmts bounds the statements a writer connection keeps; past it the
// idle ones are finalized and the cache starts again.
const writerStmts = 256

// writerConn is a SQLite writer connection that keeps its prepared
// statements from one transaction to the next. The driver prepares every
// statement anew (a tenth of a checkout's time went to parsing and
// planning its fifteen statements), and database/sql prepares again a
// statement a transaction uses, so the cache is kept here, under both.
// All the writes of a database go through its one writer connection, in
// turn, so the statements are few and used one at a time.
type writerConn struct {
	c     *sqlite3.SQLiteConn
	stmts map[string]*sqlite3.SQLiteStmt // idle statements, by SQL text
}

var (
	_ driver.ExecerContext      = (*writerConn)(nil)
	_ driver.QueryerContext     = (*writerConn)(nil)
	_ driver.ConnBeginTx        = (*writerConn)(nil)
	_ driver.ConnPrepareContext = (*writerConn)(nil)
	_ driver.Pinger             = (*writerConn)(nil)
)

// statement returns an idle prepared statement for query (taking it out of
// the cache while it is used), or prepares one.
func (w *writerConn) statement(ctx context.Context, query string) (*sqlite3.SQLiteStmt, error) {
	if s, ok := w.stmts[query]; ok {
		delete(w.stmts, query)
		return s, nil
	}
	s, err := w.c.PrepareContext(ctx, query)
	if err != nil {
		return nil, err
	}
	return s.(*sqlite3.SQLiteStmt), nil
}

// keep puts a statement back for the next use of its SQL text, or
// finalizes it when another is kept already (the same text used twice at
// once).
func (w *writerConn) keep(query string, s *sqlite3.SQLiteStmt) {
	if _, ok := w.stmts[query]; ok {
		_ = s.Close()
		return
	}
	if len(w.stmts) >= writerStmts {
		w.finalize()
	}
	w.stmts[query] = s
}

func (w *writerConn) finalize() {
	for q, s := range w.stmts {
		_ = s.Close()
		delete(w.stmts, q)
	}
}

// ExecContext runs a write with a kept statement. A statement that may
// leave rows behind (a read, RETURNING, a pragma) or holds several goes
// to the driver, which finalizes it: a kept statement must end each use
// reset.
func (w *writerConn) ExecContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Result, error) {
	if !keepable(query, false) {
		return w.c.ExecContext(ctx, query, args)
	}
	s, err := w.statement(ctx, query)
	if err != nil {
		return nil, err
	}
	res, err := s.ExecContext(ctx, args)
	w.keep(query, s)
	return res, err
}

// QueryContext runs a read (or a write with RETURNING) with a kept
// statement, put back when its rows are closed (which resets it).
func (w *writerConn) QueryContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Rows, error) {
	if !keepable(query, true) {
		return w.c.QueryContext(ctx, query, args)
	}
	s, err := w.statement(ctx, query)
	if err != nil {
		return nil, err
	}
	rows, err := s.QueryContext(ctx, args)
	if err != nil {
		w.keep(query, s)
		return nil, err
	}
	return &writerRows{SQLiteRows: rows.(*sqlite3.SQLiteRows), w: w, query: query, s: s}, nil
}

// keepable reports whether query is one statement that a kept prepared
// statement may run: for Exec, a plain INSERT, UPDATE or DELETE, which
// runs to its end in one step.
func keepable(query string, rows bool) bool {
	q := strings.TrimSpace(query)
	if strings.Contains(strings.TrimRight(q, "; \n\t"), ";") {
		return false
	}
	verb := q
	if i := strings.IndexFunc(q, unicode.IsSpace); i >= 0 {
		verb = q[:i]
	}
	switch strings.ToUpper(verb) {
	case "INSERT", "UPDATE", "DELETE", "REPLACE":
		return rows || !strings.Contains(strings.ToUpper(q), "RETURNING")
	case "SELECT", "WITH":
		return rows
	}
	return false
}

// writerRows puts its statement back when closed.
type writerRows struct {
	*sqlite3.SQLiteRows
	w     *writerConn
	query string
	s     *sqlite3.SQLiteStmt
}

func (r *writerRows) Close() error {
	err := r.SQLiteRows.Close()
	if r.s != nil {
		if err == nil {
			r.w.keep(r.query, r.s)
		} else {
			_ = r.s.Close()
		}
		r.s = nil
	}
	return err
}

func (w *writerConn) Prepare(query string) (driver.Stmt, error) { return w.c.Prepare(query) }

func (w *writerConn) PrepareContext(ctx context.Context, query string) (driver.Stmt, error) {
	return w.c.PrepareContext(ctx, query)
}

func (w *writerConn) Begin() (driver.Tx, error) {
	return w.c.BeginTx(context.Background(), driver.TxOptions{})
}

func (w *writerConn) BeginTx(ctx context.Context, opts driver.TxOptions) (driver.Tx, error) {
	return w.c.BeginTx(ctx, opts)
}

func (w *writerConn) Ping(ctx context.Context) error { return w.c.Ping(ctx) }

// AutoCommit reports whether no transaction is open on the connection.
func (w *writerConn) AutoCommit() bool { return w.c.AutoCommit() }

func (w *writerConn) Close() error {
	w.finalize()
	return w.c.Close()
}
