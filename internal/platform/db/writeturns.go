package db

import (
	"context"
	"database/sql"

	"gorm.io/gorm"
)

// turnKey marks a statement that holds its writer's turn.
const turnKey = "db:write_turn"

// registerWriteTurns makes GORM's writes outside a transaction (a lone
// Create, Update, Delete or Exec) take the writer's turn and run on the
// writer connection too, like db.Tx: so every write on SQLite queues in
// one place, and a lone write is not left polling in the busy handler,
// where under steady checkouts it could wait out the busy timeout and fail.
func registerWriteTurns(g *gorm.DB) error {
	take := func(tx *gorm.DB) {
		if tx.Error != nil {
			return
		}
		switch tx.Statement.ConnPool.(type) {
		case *sql.DB, *gorm.PreparedStmtDB:
		default:
			return // in a transaction, which holds the turn already
		}
		w := writerOf(tx)
		if w == nil {
			return
		}
		if err := w.take(tx.Statement.Context); err != nil {
			_ = tx.AddError(err)
			return
		}
		w.flush() // the open group holds the connection
		tx.Statement.ConnPool = w.pool
		tx.InstanceSet(turnKey, w)
	}
	release := func(tx *gorm.DB) {
		if w, ok := tx.InstanceGet(turnKey); ok {
			w.(*writer).release()
		}
	}
	cb := g.Callback()
	const begin, end = "gorm:begin_transaction", "gorm:commit_or_rollback_transaction"
	for _, err := range []error{
		cb.Create().Before(begin).Register("db:take_write_turn", take),
		cb.Create().After(end).Register("db:release_write_turn", release),
		cb.Update().Before(begin).Register("db:take_write_turn", take),
		cb.Update().After(end).Register("db:release_write_turn", release),
		cb.Delete().Before(begin).Register("db:take_write_turn", take),
		cb.Delete().After(end).Register("db:release_write_turn", release),
		cb.Raw().Before("gorm:raw").Register("db:take_write_turn", take),
		cb.Raw().After("gorm:raw").Register("db:release_write_turn", release),
	} {
		if err != nil {
			return err
		}
	}
	return nil
}

// Returning runs a write that returns rows (INSERT, UPDATE or DELETE …
// RETURNING) and scans them into dest. GORM runs a statement that returns
// rows as a read, outside the write turns above: on SQLite it would write
// on a reader connection, waiting on the busy timeout, and WriteVersion
// would not move, so a Memo would keep what it changed. It runs in a
// transaction instead (Tx), on the writer, joining the caller's if any.
func Returning(ctx context.Context, g *gorm.DB, dest any, sql string, args ...any) error {
	return Tx(ctx, g, func(ctx context.Context, tx *gorm.DB) error {
		return tx.Raw(sql, args...).Scan(dest).Error
	})
}
