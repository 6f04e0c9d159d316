package schema

import (
	"context"

	"gorm.io/gorm"

	"portal/internal/customers"
	"portal/internal/platform/db"
)

// Migration 18 writes the word-pair rows of search_prefixes (CUST-1,
// PERF-2; customers.PairKeys) for the customers already there. It is a Go
// migration because the keys are made only in Go. Down deletes them: a
// pair key, and no prefix, holds the separator (a unit separator, 0x1f).
var searchPairsDown = map[string]string{
	"sqlite":   "DELETE FROM search_prefixes WHERE instr(prefix, char(31)) > 0",
	"postgres": "DELETE FROM search_prefixes WHERE strpos(prefix, chr(31)) > 0",
}

// searchPairs runs migration 18 up, or down, in one transaction.
func searchPairs(ctx context.Context, g *gorm.DB, up bool) error {
	return db.Tx(ctx, g, func(ctx context.Context, tx *gorm.DB) error {
		if !up {
			return tx.Exec(searchPairsDown[Engine(g)]).Error
		}
		return customers.FillPairs(ctx, tx)
	})
}
