package db

import (
	"context"

	"gorm.io/gorm"
)

// registerDetachedStatements makes GORM run SQLite statements with a
// context that cannot be cancelled (its values kept).
//
// Given a cancellable context, the SQLite driver runs every step of a
// statement (each row read, each write) in a goroutine of its own and waits
// for it, so that it can interrupt the step when the context ends; database/sql
// adds a goroutine per result set to watch the context. Under load each
// handover waits for a scheduler turn: a list page of 25 rows paid 30 of
// them. SQLite statements run in the portal's own threads for a millisecond
// or two and no request has a deadline, so nothing is lost: a request whose
// client went away finishes its statements and its answer is dropped.
// Transactions still watch the request's context when they begin.
func registerDetachedStatements(g *gorm.DB) error {
	detach := func(tx *gorm.DB) {
		if ctx := tx.Statement.Context; ctx != nil && ctx.Done() != nil {
			tx.Statement.Context = context.WithoutCancel(ctx)
		}
	}
	cb := g.Callback()
	for _, err := range []error{
		cb.Query().Before("gorm:query").Register("db:detach", detach),
		cb.Row().Before("gorm:row").Register("db:detach", detach),
		cb.Raw().Before("gorm:raw").Register("db:detach", detach),
		cb.Create().Before("gorm:create").Register("db:detach", detach),
		cb.Update().Before("gorm:update").Register("db:detach", detach),
		cb.Delete().Before("gorm:delete").Register("db:detach", detach),
	} {
		if err != nil {
			return err
		}
	}
	return nil
}
