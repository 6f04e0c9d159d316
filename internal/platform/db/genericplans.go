package db

import (
	"context"
	"database/sql"
	"fmt"

	"gorm.io/gorm"
)

// GenericPlans runs fn's reads with the generic plans of their prepared
// statements on PostgreSQL: in a read-only transaction that sets
// plan_cache_mode = force_generic_plan for itself only. fn reads through
// Conn(ctx, …), which joins that transaction.
//
// It is for statements whose plan does not depend on their arguments but
// whose arguments move with every call (a time bound that follows the
// clock): left to itself, PostgreSQL plans such a statement anew for each
// call's values, and for the home page's attention lists that planning took
// twice their execution. A generic plan is made once per connection and
// reused. Every statement run this way has a plan test of its generic plan
// (testkit.PlanGeneric), since the plan is chosen without the arguments.
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
	return g.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		if err := tx.Exec("SET LOCAL plan_cache_mode = force_generic_plan").Error; err != nil {
			return fmt.Errorf("db: generic plans: %w", err)
		}
		return fn(context.WithValue(ctx, txKey{}, tx))
	}, &sql.TxOptions{ReadOnly: true})
}
