package testkit

import (
	"slices"
	"testing"
)

// PERF-1: the plan check flags a step that reads a whole table or index,
// or sorts, and not SQLite's read of a bounded subquery's rows.
func TestUnindexedSteps_PERF1(t *testing.T) {
	if Postgres() {
		t.Skip("SQLite's plan steps")
	}
	cases := []struct {
		plan []string
		want []string
	}{
		{[]string{"CO-ROUTINE capped", "SEARCH invoices USING COVERING INDEX idx_invoices_partner_period (partner_id=?)", "SCAN capped"}, nil},
		{[]string{"CO-ROUTINE capped", "SCAN invoices", "SCAN capped"}, []string{"SCAN invoices"}},
		{[]string{"SCAN capped"}, []string{"SCAN capped"}},
		{[]string{"SEARCH customers USING INDEX idx_customers_partner_name (partner_id=?)", "USE TEMP B-TREE FOR ORDER BY"}, []string{"USE TEMP B-TREE FOR ORDER BY"}},
		{[]string{"SCAN customers USING INDEX idx_customers_partner_name"}, []string{"SCAN customers USING INDEX idx_customers_partner_name"}},
	}
	for _, c := range cases {
		if got := UnindexedSteps(c.plan); !slices.Equal(got, c.want) {
			t.Errorf("%q: %q, want %q", c.plan, got, c.want)
		}
	}
}
