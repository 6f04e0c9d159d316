package testkit

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"gorm.io/gorm"
)

// planNode is one node of PostgreSQL's EXPLAIN (FORMAT JSON).
type planNode struct {
	NodeType     string     `json:"Node Type"`
	RelationName string     `json:"Relation Name"`
	Alias        string     `json:"Alias"`
	IndexName    string     `json:"Index Name"`
	Plans        []planNode `json:"Plans"`
}

// ExplainPG returns the steps of PostgreSQL's plan for a statement, one per
// plan node, read depth first: "Index Only Scan using search_terms_pkey on
// search_terms t", "Sort", "Seq Scan on customers". With noSeqScan the
// planner is told to avoid sequential scans (SET LOCAL enable_seqscan =
// off, for this statement only): on a test's small tables a sequential
// scan is cheapest and chosen even where an index could serve, so plan
// tests ask whether an index *can* serve the statement. A Seq Scan still
// in the plan then means no index can.
func ExplainPG(t testing.TB, g *gorm.DB, noSeqScan bool, sql string, vars ...any) []string {
	t.Helper()
	var settings []string
	if noSeqScan {
		settings = append(settings, "enable_seqscan")
	}
	return explainPG(t, g, settings, sql, vars...)
}

// explainPG is ExplainPG with the planner settings to turn off for the
// statement.
func explainPG(t testing.TB, g *gorm.DB, off []string, sql string, vars ...any) []string {
	t.Helper()
	return explainPGPlan(t, g, off, false, sql, vars...)
}

// preparedNames numbers the statements PlanGeneric prepares, so that a
// connection never holds two of one name.
var preparedNames atomic.Int64

// explainPGPlan explains sql with the planner settings off turned off, for
// this statement only. With generic, it explains the generic plan of sql
// prepared, the plan PostgreSQL keeps and runs again whatever the
// arguments (plan_cache_mode = force_generic_plan): sql is prepared and
// its EXECUTE explained with vars written as literals, since PostgreSQL 15
// has no EXPLAIN (GENERIC_PLAN).
func explainPGPlan(t testing.TB, g *gorm.DB, off []string, generic bool, sql string, vars ...any) []string {
	t.Helper()
	sqlDB, err := g.DB()
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	conn, err := sqlDB.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = conn.Close() }()
	tx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = tx.Rollback() }()
	settings := []string{}
	for _, setting := range off {
		settings = append(settings, setting+" = off")
	}
	if generic {
		settings = append(settings, "plan_cache_mode = force_generic_plan")
	}
	for _, setting := range settings {
		if _, err := tx.ExecContext(ctx, "SET LOCAL "+setting); err != nil {
			t.Fatal(err)
		}
	}
	explain, args := "EXPLAIN (FORMAT JSON) "+sql, vars
	if generic {
		// PREPARE outlives the transaction: the statement is dropped from
		// the connection (a fresh name each time, and DEALLOCATE).
		name := fmt.Sprintf("testkit_plan_%d", preparedNames.Add(1))
		if _, err := tx.ExecContext(ctx, "PREPARE "+name+" AS "+sql); err != nil {
			t.Fatalf("prepare: %v\n%s", err, sql)
		}
		defer func() { _, _ = conn.ExecContext(ctx, "DEALLOCATE "+name) }()
		lits := make([]string, len(vars))
		for i, v := range vars {
			lits[i] = pgLiteral(t, v)
		}
		explain, args = "EXPLAIN (FORMAT JSON) EXECUTE "+name+"("+strings.Join(lits, ", ")+")", nil
	}
	var raw []byte
	if err := tx.QueryRowContext(ctx, explain, args...).Scan(&raw); err != nil {
		t.Fatalf("explain: %v\n%s", err, sql)
	}
	var plans []struct {
		Plan planNode `json:"Plan"`
	}
	if err := json.Unmarshal(raw, &plans); err != nil {
		t.Fatal(err)
	}
	var steps []string
	var walk func(n planNode)
	walk = func(n planNode) {
		var b strings.Builder
		b.WriteString(n.NodeType)
		if n.IndexName != "" {
			b.WriteString(" using " + n.IndexName)
		}
		if n.RelationName != "" {
			b.WriteString(" on " + n.RelationName)
			if n.Alias != "" && n.Alias != n.RelationName {
				b.WriteString(" " + n.Alias)
			}
		}
		steps = append(steps, b.String())
		for _, c := range n.Plans {
			walk(c)
		}
	}
	for _, p := range plans {
		walk(p.Plan)
	}
	return steps
}

// pgLiteral writes an argument of a statement as a PostgreSQL literal.
func pgLiteral(t testing.TB, v any) string {
	t.Helper()
	switch x := v.(type) {
	case string:
		return "'" + strings.ReplaceAll(x, "'", "''") + "'"
	case time.Time:
		return "'" + x.UTC().Format(time.RFC3339Nano) + "'"
	case bool, int, int64:
		return fmt.Sprint(x)
	}
	t.Fatalf("testkit: no literal for an argument of type %T", v)
	return ""
}
