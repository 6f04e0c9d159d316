package customers_test

import (
	"testing"

	"gorm.io/gorm"

	"portal/internal/testkit"
)

// explain returns the plan steps of each statement: SQLite's as
// testkit.Plan reads them; PostgreSQL's with only sequential scans turned
// off, so a sort the plan needs still shows (the test looks for sorts).
func explain(t *testing.T, g *gorm.DB, stmts []testkit.Statement) [][]string {
	t.Helper()
	var out [][]string
	for _, st := range stmts {
		if testkit.Postgres() {
			out = append(out, testkit.ExplainPG(t, g, true, st.SQL, st.Vars...))
		} else {
			out = append(out, testkit.Plan(t, g, st))
		}
	}
	return out
}
