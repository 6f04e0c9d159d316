package schema

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/pressly/goose/v3"
	"gorm.io/gorm"

	"portal/internal/customers"
)

// dataMigrations are the migrations that change rows with the program's
// own rules rather than SQL; they run in version order with the SQL ones,
// once, on both engines.
//
// 4: invitation tokens are stored hashed (AUTH-13). Invitations made before
// keep their links: each plain token becomes its hash. Down leaves the
// hashes, since the plain tokens are gone.
//
// 10: search_prefixes rows carry their customer's word signature (CUST-1,
// PERF-2), computed in Go (search_signatures.go).
//
// 18: customers get the word-pair rows of search_prefixes (CUST-1,
// PERF-2), made in Go (search_pairs.go).
func dataMigrations(g *gorm.DB) []*goose.Migration {
	return []*goose.Migration{
		goose.NewGoMigration(4,
			&goose.GoFunc{RunDB: func(ctx context.Context, _ *sql.DB) error { return customers.HashInvitationTokens(ctx, g) }},
			nil),
		goose.NewGoMigration(10,
			&goose.GoFunc{RunDB: func(ctx context.Context, _ *sql.DB) error { return searchSignatures(ctx, g, true) }},
			&goose.GoFunc{RunDB: func(ctx context.Context, _ *sql.DB) error { return searchSignatures(ctx, g, false) }}),
		goose.NewGoMigration(18,
			&goose.GoFunc{RunDB: func(ctx context.Context, _ *sql.DB) error { return searchPairs(ctx, g, true) }},
			&goose.GoFunc{RunDB: func(ctx context.Context, _ *sql.DB) error { return searchPairs(ctx, g, false) }}),
	}
}

// migrationName names a migration in the status list: its file, or for a
// data migration what it does.
func migrationName(version int64, path string) string {
	if path != "" {
		return baseName(path)
	}
	switch version {
	case 4:
		return "00004_hash_invitation_tokens (Go)"
	case 10:
		return "00010_search_signatures (Go)"
	case 18:
		return "00018_search_pairs (Go)"
	}
	return fmt.Sprintf("%05d (Go)", version)
}
