package customers_test

import (
	"slices"
	"sync"
	"testing"

	"gorm.io/gorm"

	"portal/internal/testkit"
)

// recorder keeps the SQL statements the store runs, with their arguments.
type recorder struct {
	mu    sync.Mutex
	stmts []recorded
}

type recorded struct {
	sql  string
	vars []any
}

func (r *recorder) install(t *testing.T, g *gorm.DB) {
	t.Helper()
	rec := func(tx *gorm.DB) {
		r.mu.Lock()
		defer r.mu.Unlock()
		r.stmts = append(r.stmts, recorded{tx.Statement.SQL.String(), slices.Clone(tx.Statement.Vars)})
	}
	if err := g.Callback().Query().After("gorm:query").Register("test:record_query", rec); err != nil {
		t.Fatal(err)
	}
	if err := g.Callback().Row().After("gorm:row").Register("test:record_row", rec); err != nil {
		t.Fatal(err)
	}
}

func (r *recorder) take() []recorded {
	r.mu.Lock()
	defer r.mu.Unlock()
	out := r.stmts
	r.stmts = nil
	return out
}

// explain returns the plan steps of each statement.
func explain(t *testing.T, g *gorm.DB, stmts []recorded) [][]string {
	t.Helper()
	var out [][]string
	if testkit.Postgres() {
		for _, st := range stmts {
			out = append(out, testkit.ExplainPG(t, g, true, st.sql, st.vars...))
		}
		return out
	}
	sqlDB, err := g.DB()
	if err != nil {
		t.Fatal(err)
	}
	for _, st := range stmts {
		rows, err := sqlDB.Query("EXPLAIN QUERY PLAN "+st.sql, st.vars...)
		if err != nil {
			t.Fatalf("%v\n%s", err, st.sql)
		}
		var steps []string
		for rows.Next() {
			var id, parent, unused int
			var detail string
			if err := rows.Scan(&id, &parent, &unused, &detail); err != nil {
				t.Fatal(err)
			}
			steps = append(steps, detail)
		}
		if err := rows.Close(); err != nil {
			t.Fatal(err)
		}
		out = append(out, steps)
	}
	return out
}
