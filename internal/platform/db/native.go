package db

import (
	"context"
	"fmt"
	"sync"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"
	"gorm.io/gorm"
)

// NativeQuery runs query on one of g's pooled connections as pgx's own
// connection (PostgreSQL) and calls each for every row; it is for a
// statement that every request runs. Written for pgx ($1 parameters), the
// statement's parameters and columns pass in their binary forms, without
// the work GORM and database/sql do around each statement and each column.
// The rows are closed and the connection goes back to the pool when it
// returns. It is not for a transaction's statements, which run on the
// transaction's connection (Conn).
func NativeQuery(ctx context.Context, g *gorm.DB, query string, args []any, each func(pgx.Rows) error) error {
	pool, err := g.DB()
	if err != nil {
		return fmt.Errorf("db: pool: %w", err)
	}
	conn, err := pool.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	return conn.Raw(func(dc any) error {
		c, ok := dc.(*stdlib.Conn)
		if !ok {
			return fmt.Errorf("db: not a PostgreSQL connection: %T", dc)
		}
		if hook, ok := nativeHooks.Load(g.Config); ok {
			hook.(func(string, []any))(query, args)
		}
		rows, err := c.Conn().Query(ctx, query, args...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			if err := each(rows); err != nil {
				return err
			}
		}
		return rows.Err()
	})
}

// OnNativeQuery has fn told of every statement NativeQuery runs on g's
// database, as GORM's callbacks are told of GORM's (a test's record of the
// statements a request ran); nil stops it.
func OnNativeQuery(g *gorm.DB, fn func(query string, args []any)) {
	if fn == nil {
		nativeHooks.Delete(g.Config)
		return
	}
	nativeHooks.Store(g.Config, fn)
}

// nativeHooks holds OnNativeQuery's functions by their database's GORM
// configuration, which every session of it shares.
var nativeHooks sync.Map
