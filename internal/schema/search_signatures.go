package schema

import (
	"context"

	"gorm.io/gorm"

	"portal/internal/customers"
	"portal/internal/platform/db"
)

// Migration 10 adds each customer's word signature to its search_prefixes
// rows (CUST-1, PERF-2; customers.Signature) and fills it. It is a Go
// migration because the hash is computed only in Go; its DDL is below, per
// engine. The default, every bit set, passes every filter, so a row is
// correct before it is filled. On PostgreSQL the primary key's index is
// built again with the signature in it (INCLUDE) after the fill, so a
// walk reads it from the index alone and the fill's updates do not
// rewrite the index row by row.
var searchSignaturesUp = map[string][]string{
	"sqlite": {
		"ALTER TABLE `search_prefixes` ADD COLUMN `sig_a` integer NOT NULL DEFAULT -1",
		"ALTER TABLE `search_prefixes` ADD COLUMN `sig_b` integer NOT NULL DEFAULT -1",
	},
	"postgres": {
		"ALTER TABLE search_prefixes ADD COLUMN sig_a bigint NOT NULL DEFAULT -1, ADD COLUMN sig_b bigint NOT NULL DEFAULT -1",
	},
}

var searchSignaturesAfterFill = map[string][]string{
	"postgres": {
		"ALTER TABLE search_prefixes DROP CONSTRAINT search_prefixes_pkey, ADD CONSTRAINT search_prefixes_pkey" +
			" PRIMARY KEY (partner_id, prefix, name_key, customer_id) INCLUDE (segment, country, sig_a, sig_b)",
	},
}

var searchSignaturesDown = map[string][]string{
	"sqlite": {
		"ALTER TABLE `search_prefixes` DROP COLUMN `sig_b`",
		"ALTER TABLE `search_prefixes` DROP COLUMN `sig_a`",
	},
	"postgres": {
		"ALTER TABLE search_prefixes DROP CONSTRAINT search_prefixes_pkey, ADD CONSTRAINT search_prefixes_pkey" +
			" PRIMARY KEY (partner_id, prefix, name_key, customer_id) INCLUDE (segment, country)",
		"ALTER TABLE search_prefixes DROP COLUMN sig_b, DROP COLUMN sig_a",
	},
}

// searchSignatures runs migration 10 up, or down, in one transaction.
func searchSignatures(ctx context.Context, g *gorm.DB, up bool) error {
	engine := Engine(g)
	return db.Tx(ctx, g, func(ctx context.Context, tx *gorm.DB) error {
		if !up {
			return execAll(tx, searchSignaturesDown[engine])
		}
		if err := execAll(tx, searchSignaturesUp[engine]); err != nil {
			return err
		}
		if err := customers.FillSignatures(ctx, tx); err != nil {
			return err
		}
		return execAll(tx, searchSignaturesAfterFill[engine])
	})
}

func execAll(tx *gorm.DB, stmts []string) error {
	for _, s := range stmts {
		if err := tx.Exec(s).Error; err != nil {
			return err
		}
	}
	return nil
}
