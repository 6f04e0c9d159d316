package testkit

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

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
	sqlDB, err := g.DB()
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	tx, err := sqlDB.BeginTx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = tx.Rollback() }()
	for _, setting := range off {
		if _, err := tx.ExecContext(ctx, "SET LOCAL "+setting+" = off"); err != nil {
			t.Fatal(err)
		}
	}
	var raw []byte
	if err := tx.QueryRowContext(ctx, "EXPLAIN (FORMAT JSON) "+sql, vars...).Scan(&raw); err != nil {
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
