package db

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sync"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"
	"gorm.io/gorm"
)

// GenericPlans runs fn's reads with the generic plans of their prepared
// statements on PostgreSQL: on a pool of its own whose connections set
// plan_cache_mode = force_generic_plan and are read-only, opened with the
// database (Open). fn reads through Conn(ctx, …), which takes that pool.
//
// It is for statements whose plan does not depend on their arguments but
// whose arguments move with every call (a time bound that follows the
// clock): left to itself, PostgreSQL plans such a statement anew for each
// call's values, and for the home page's attention lists that planning took
// twice their execution. A generic plan is made once per connection and
// reused. Every statement run this way has a plan test of its generic plan
// (testkit.PlanGeneric), since the plan is chosen without the arguments.
//
// The pool's connections carry the setting from their start, so the reads
// need no transaction to set it for them: a read-only transaction that set
// it for itself cost three more round trips per home page (its begin, the
// setting and its commit), a tenth of the page on PostgreSQL.
//
// On SQLite, which plans a statement once when it is prepared, and when ctx
// carries a transaction already, fn runs as it is.
func GenericPlans(ctx context.Context, g *gorm.DB, fn func(ctx context.Context) error) error {
	if !Postgres(g) {
		return fn(ctx)
	}
	if _, ok := ctx.Value(txKey{}).(*gorm.DB); ok {
		return fn(ctx)
	}
	pool, ok := genericPools.Load(g.Config)
	if !ok {
		return errNoGenericPool
	}
	s := g.WithContext(ctx)
	s.Statement.ConnPool = pool.(*sql.DB)
	return fn(context.WithValue(ctx, txKey{}, s))
}

var errNoGenericPool = errors.New("db: generic plans: the database was not opened by db.Open")

// genericPools holds the generic-plan pool of each PostgreSQL database Open
// made, by its GORM configuration, which every session of it shares.
var genericPools sync.Map

// openGenericPool opens, lazily as database/sql does, the pool GenericPlans
// reads on: pc's connections with generic plans forced and read-only. It
// holds as many connections as requests work at once (Concurrency).
func openGenericPool(pc *pgx.ConnConfig, opts ...stdlib.OptionOpenDB) *sql.DB {
	gc := pc.Copy()
	gc.RuntimeParams["plan_cache_mode"] = "force_generic_plan"
	gc.RuntimeParams["default_transaction_read_only"] = "on"
	pool := stdlib.OpenDB(*gc, opts...)
	n := pgConcurrency()
	pool.SetMaxOpenConns(n)
	pool.SetMaxIdleConns(n)
	return pool
}

// closeGenericPool closes g's generic-plan pool, if it has one.
func closeGenericPool(g *gorm.DB) error {
	if pool, ok := genericPools.LoadAndDelete(g.Config); ok {
		if err := pool.(*sql.DB).Close(); err != nil {
			return fmt.Errorf("db: close generic pool: %w", err)
		}
	}
	return nil
}
