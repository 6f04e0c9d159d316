package schema_test

import (
	"context"
	"testing"

	"portal/internal/customers"
	"portal/internal/schema"
	"portal/internal/testkit"
)

// CUST-1, PERF-2, OPS-2: migration 18 down deletes the pair rows and no
// prefix row; up writes them again, the same rows the portal writes for
// its customers, and running it over rows that are there keeps them.
func TestSearchPairsMigration_CUST1_PERF2_OPS2(t *testing.T) {
	app := testkit.New(t)
	ctx := context.Background()
	count := func() (pairs, all int64) {
		t.Helper()
		var rows []customers.SearchPrefix
		if err := app.DB.Find(&rows).Error; err != nil {
			t.Fatal(err)
		}
		for _, r := range rows {
			if len(r.Prefix) > customers.PairLen && r.Prefix[customers.PairLen] == 0x1f {
				pairs++
			}
		}
		return pairs, int64(len(rows))
	}
	pairs, all := count()
	if pairs == 0 || pairs == all {
		t.Fatalf("the demo data has %d pair rows of %d", pairs, all)
	}
	if err := schema.SearchPairs(ctx, app.DB, false); err != nil {
		t.Fatal(err)
	}
	if p, a := count(); p != 0 || a != all-pairs {
		t.Fatalf("after down: %d pair rows of %d, want 0 of %d", p, a, all-pairs)
	}
	for range 2 {
		if err := schema.SearchPairs(ctx, app.DB, true); err != nil {
			t.Fatal(err)
		}
		if p, a := count(); p != pairs || a != all {
			t.Fatalf("after up: %d pair rows of %d, want %d of %d", p, a, pairs, all)
		}
	}
}
