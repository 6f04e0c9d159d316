package db

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"

	"gorm.io/gorm"
)

// groupConn is the writer connection while a group's SQLite transaction is
// open on it: the statements of the group's members run on it, between a
// BEGIN IMMEDIATE and a COMMIT written as statements.
//
// A database/sql transaction would hold them instead, but in one every
// read (the cart, the customer, a RETURNING clause) starts a goroutine of
// database/sql's that watches the transaction's context, which database/sql
// makes cancellable, and a checkout makes six such reads in the writer's
// turn, each handing the new goroutine to a thread. On a connection
// (sql.Conn) a read whose context cannot be cancelled starts none; the
// members' contexts cannot be (member).
//
// A member closes every result set it opens (GORM's reads, Collect and
// Row's Scan do): no context ends the group that would close one left
// open, as a database/sql transaction's commit did, and the connection
// goes back to the pool only once all are closed.
//
// GORM takes it for a transaction already open: it has no BeginTx, so a
// Create, Update or Delete runs in it without beginning one of its own, and
// it is a gorm.TxCommitter, so a GORM Transaction inside it is a savepoint
// of its own. It does not commit alone: the group commits as a whole.
type groupConn struct{ c *sql.Conn }

var (
	_ gorm.ConnPool    = (*groupConn)(nil)
	_ gorm.TxCommitter = (*groupConn)(nil)
)

// errGroupCommits refuses to commit or roll back a member's work alone.
var errGroupCommits = errors.New("db: a write transaction commits with its group (db.Tx)")

func (*groupConn) Commit() error   { return errGroupCommits }
func (*groupConn) Rollback() error { return errGroupCommits }

func (g *groupConn) PrepareContext(ctx context.Context, query string) (*sql.Stmt, error) {
	return g.c.PrepareContext(ctx, query)
}

func (g *groupConn) ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error) {
	return g.c.ExecContext(ctx, query, args...)
}

func (g *groupConn) QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	return g.c.QueryContext(ctx, query, args...)
}

func (g *groupConn) QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row {
	return g.c.QueryRowContext(ctx, query, args...)
}

// beginGroup takes the writer connection from its pool and begins a SQLite
// transaction on it, returned as a session of base on that connection. The
// group outlives the request that began it, so its context cannot be
// cancelled.
func (w *writer) beginGroup(base *gorm.DB) (*gorm.DB, *sql.Conn, error) {
	ctx := context.WithoutCancel(base.Statement.Context)
	conn, err := w.pool.Conn(ctx)
	if err != nil {
		return nil, nil, err
	}
	if _, err := conn.ExecContext(ctx, "BEGIN IMMEDIATE"); err != nil {
		endGroupConn(conn, err)
		return nil, nil, err
	}
	tx := base.Session(&gorm.Session{Context: ctx})
	tx.Statement.ConnPool = &groupConn{conn}
	return tx, conn, nil
}

// endGroup commits the group's transaction, or rolls it back, and gives the
// connection back to the writer's pool. A commit that fails is rolled back,
// as database/sql's transactions do.
func endGroup(conn *sql.Conn, commit bool) error {
	ctx := context.Background()
	var err error
	if commit {
		_, err = conn.ExecContext(ctx, "COMMIT")
	}
	if !commit || err != nil {
		if _, rerr := conn.ExecContext(ctx, "ROLLBACK"); rerr != nil && err == nil {
			err = rerr
		}
	}
	endGroupConn(conn, err)
	return err
}

// endGroupConn gives the connection back to the pool, or, after a failure
// that may have left a transaction open on it, closes it: the pool opens
// another for the next write.
func endGroupConn(conn *sql.Conn, failed error) {
	if failed != nil {
		_ = conn.Raw(func(dc any) error {
			if c, ok := dc.(interface{ AutoCommit() bool }); ok && c.AutoCommit() {
				return nil
			}
			return driver.ErrBadConn
		})
	}
	_ = conn.Close()
}
