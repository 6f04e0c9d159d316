package testkit

import (
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"

	"gorm.io/gorm"

	"portal/internal/platform/db"
)

// Statement is one SQL statement GORM or db.NativeQuery ran, with its
// arguments.
type Statement struct {
	SQL  string
	Vars []any
}

// Recorder keeps the SELECT statements GORM and db.NativeQuery run on one
// database, so that a test can ask the engine how it reads them (PERF-1).
type Recorder struct {
	mu    sync.Mutex
	stmts []Statement
}

// RecordQueries installs a Recorder on g's query and row callbacks and its
// native queries. Install it once per database.
func RecordQueries(t testing.TB, g *gorm.DB) *Recorder {
	t.Helper()
	r := &Recorder{}
	rec := func(tx *gorm.DB) {
		if tx.DryRun { // a subquery being built, not run
			return
		}
		r.mu.Lock()
		defer r.mu.Unlock()
		r.stmts = append(r.stmts, Statement{tx.Statement.SQL.String(), slices.Clone(tx.Statement.Vars)})
	}
	if err := g.Callback().Query().After("gorm:query").Register("testkit:record_query", rec); err != nil {
		t.Fatal(err)
	}
	if err := g.Callback().Row().After("gorm:row").Register("testkit:record_row", rec); err != nil {
		t.Fatal(err)
	}
	db.OnNativeQuery(g, func(query string, args []any) {
		r.mu.Lock()
		defer r.mu.Unlock()
		r.stmts = append(r.stmts, Statement{query, slices.Clone(args)})
	})
	t.Cleanup(func() { db.OnNativeQuery(g, nil) })
	return r
}

// Take returns the statements recorded since the last Take.
func (r *Recorder) Take() []Statement {
	r.mu.Lock()
	defer r.mu.Unlock()
	out := r.stmts
	r.stmts = nil
	return out
}

// Plan returns the engine's plan of a statement, one step per line:
// SQLite's EXPLAIN QUERY PLAN details, or PostgreSQL's plan nodes read with
// sequential scans and sorts turned off. On a test's small tables both are
// cheapest and chosen even where an index could serve in order; turned off,
// a Seq Scan or Sort still in the plan means no index can (see ExplainPG).
func Plan(t testing.TB, g *gorm.DB, st Statement) []string {
	t.Helper()
	if Postgres() {
		return explainPG(t, g, []string{"enable_seqscan", "enable_sort"}, st.SQL, st.Vars...)
	}
	sqlDB, err := g.DB()
	if err != nil {
		t.Fatal(err)
	}
	rows, err := sqlDB.Query("EXPLAIN QUERY PLAN "+st.SQL, st.Vars...)
	if err != nil {
		t.Fatalf("explain: %v\n%s", err, st.SQL)
	}
	defer func() { _ = rows.Close() }()
	var steps []string
	for rows.Next() {
		var id, parent, unused int
		var detail string
		if err := rows.Scan(&id, &parent, &unused, &detail); err != nil {
			t.Fatal(err)
		}
		steps = append(steps, detail)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return steps
}

// PlanGeneric returns PostgreSQL's generic plan of a statement, the one
// it keeps for a prepared statement and runs whatever the arguments, read
// as Plan reads its plan (sequential scans and sorts off): for the
// statements a store runs with generic plans forced (db.GenericPlans). On
// SQLite, which plans each statement once when it is prepared, it is Plan.
func PlanGeneric(t testing.TB, g *gorm.DB, st Statement) []string {
	t.Helper()
	if !Postgres() {
		return Plan(t, g, st)
	}
	return explainPGPlan(t, g, []string{"enable_seqscan", "enable_sort"}, true, st.SQL, st.Vars...)
}

var (
	// sqliteWhole is a step that reads a whole table (SCAN without an
	// index) or a whole index (SCAN … USING INDEX: no equality on its
	// first column), or sorts rows for the ORDER BY.
	sqliteWhole = regexp.MustCompile(`^SCAN \w+( USING (COVERING )?INDEX \w+)?$|TEMP B-TREE`)
	// pgWhole is a sequential scan, which with sequential scans turned off
	// means no index can serve, or a sort of every match. An Incremental
	// Sort is not: it orders ties of a prefix the index already gives, and
	// stops with the page.
	pgWhole = regexp.MustCompile(`^(Seq Scan|Sort$)`)
)

// UnindexedSteps returns the steps of a plan that read a whole table or
// sort: a list that must stop after its page has none (PERF-1, PERF-6).
func UnindexedSteps(plan []string) []string {
	re := sqliteWhole
	if Postgres() {
		re = pgWhole
	}
	// SQLite reads a subquery it runs as a co-routine with "SCAN name":
	// the subquery's rows, whose own steps are checked, not a table.
	subqueries := map[string]bool{}
	for _, s := range plan {
		if name, ok := strings.CutPrefix(strings.TrimSpace(s), "CO-ROUTINE "); ok {
			subqueries["SCAN "+name] = true
		}
	}
	var out []string
	for _, s := range plan {
		if s = strings.TrimSpace(s); re.MatchString(s) && !subqueries[s] {
			out = append(out, s)
		}
	}
	return out
}
