package auth

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
	"gorm.io/gorm"

	"portal/internal/platform/db"
)

// Current is what a request's session names: the session, its user and
// the user's partner, read in one query.
type Current struct {
	Session Session
	User    User
	Partner Partner
}

// Lookup reads the session of a cookie's token with its user and partner in
// one query. An unknown or ended session is ErrNotFound; whether it has run
// out of time is SessionLive's question.
//
// Every signed-in request runs it, so it is written as SQL and scanned
// column by column: built by GORM's query builder and filled by reflection
// it cost a tenth of a list page's CPU. Read through the service's Memo,
// it is read once while nothing is written on SQLite, and gathered with the
// lookups of concurrent requests on PostgreSQL (db.Gather), outside a
// transaction.
func (ss Sessions) Lookup(ctx context.Context, token string) (Current, error) {
	hash := HashToken(token)
	if ss.gather != nil && !db.InTx(ctx) {
		got, err := ss.gather.Read(ctx, hash)
		if err != nil {
			return Current{}, err
		}
		cur, ok := got.sessions[hash]
		if !ok {
			return Current{}, ErrNotFound
		}
		db.NoteSnapshot(ctx, got.snapshot)
		return cur, nil
	}
	return ss.memo.Read(ctx, ss.DB, hash, nil, func(ctx context.Context) (Current, error) {
		return ss.lookup(ctx, hash)
	})
}

func (ss Sessions) lookup(ctx context.Context, tokenHash string) (Current, error) {
	var (
		cur      Current
		snapshot string
	)
	query, dest := lookupSQL, lookupDest(&cur)
	if db.Postgres(ss.DB) {
		// The request's snapshot comes with its session, for the page's
		// memos (db.WithSnapshot): one round trip fewer.
		query, dest = lookupSnapshotSQL, append(dest, &snapshot)
	}
	err := db.Conn(ctx, ss.DB).Raw(query, tokenHash).Row().Scan(dest...)
	if errors.Is(err, sql.ErrNoRows) {
		return Current{}, ErrNotFound
	}
	if err != nil {
		return Current{}, fmt.Errorf("auth: read session: %w", err)
	}
	if snapshot != "" {
		db.NoteSnapshot(ctx, snapshot)
	}
	cur.settle()
	return cur, nil
}

// gatheredLookup is what one statement read for the sessions that
// concurrent requests looked up (PostgreSQL): the live ones by their
// token's hash, and the database's snapshot, which every one of those
// requests takes as its own (db.WithSnapshot).
type gatheredLookup struct {
	sessions map[string]Current
	snapshot string
}

// lookupGathered reads the sessions of several tokens' hashes in one
// statement (PostgreSQL), for db.Gather. It runs on pgx's own connection
// (db.NativeQuery): the hashes go as one text[] parameter, so the statement is
// prepared once whatever their number, and the rows are read without
// database/sql's and GORM's work around them, which was half the
// statement's CPU in the portal.
func lookupGathered(g *gorm.DB) func(ctx context.Context, hashes []string) (gatheredLookup, error) {
	return func(ctx context.Context, hashes []string) (gatheredLookup, error) {
		ctx, cancel := context.WithTimeout(ctx, gatheredLookupTimeout)
		defer cancel()
		got := gatheredLookup{sessions: make(map[string]Current, len(hashes))}
		err := db.NativeQuery(ctx, g, lookupGatheredSQL, []any{hashes}, func(rows pgx.Rows) error {
			var (
				cur  Current
				hash string
			)
			if err := rows.Scan(append(lookupDest(&cur), &hash, &got.snapshot)...); err != nil {
				return err
			}
			cur.settle()
			got.sessions[hash] = cur
			return nil
		})
		if err != nil {
			return got, fmt.Errorf("auth: read sessions: %w", err)
		}
		return got, nil
	}
}

// lookupDest lists where the lookup's columns go, in their order.
func lookupDest(cur *Current) []any {
	s, u, p := &cur.Session, &cur.User, &cur.Partner
	return []any{&u.ID, &u.PartnerID, &u.Email, &u.Name, &u.PasswordHash, &u.RoleNames, &u.Disabled, &u.Language, nullTime{&u.CreatedAt},
		&p.Name, nullTime{&p.CreatedAt}, &p.RequireMFA,
		&s.ID, &s.Stage, &s.CodeFails, &s.CreatedAt, &s.LastSeenAt, &s.UserAgent, &s.Address}
}

// settle fills what the lookup's columns name only once.
func (cur *Current) settle() {
	s, u, p := &cur.Session, &cur.User, &cur.Partner
	p.ID = u.PartnerID
	s.UserID, s.PartnerID = u.ID, u.PartnerID
	s.CreatedAt, s.LastSeenAt = s.CreatedAt.UTC(), s.LastSeenAt.UTC()
}

// nullTime scans a time that may be NULL into *t, the zero time for NULL.
type nullTime struct{ t *time.Time }

func (n nullTime) Scan(v any) error {
	var nt sql.NullTime
	if err := nt.Scan(v); err != nil {
		return err
	}
	*n.t = nt.Time
	return nil
}

// lookupSQL reads a live session by its token's hash, with its user and
// the user's partner, in the order Lookup scans them; lookupSnapshotSQL
// adds the database's snapshot (PostgreSQL).
const (
	lookupSQL         = lookupColumns + lookupFrom
	lookupSnapshotSQL = lookupColumns + ", " + db.SnapshotSQL + lookupFrom
	lookupGatheredSQL = lookupColumns + ", user_sessions.token_hash, " + db.SnapshotSQL + lookupJoin +
		"\nWHERE user_sessions.token_hash = ANY($1) AND user_sessions.ended_at IS NULL"
	lookupColumns = `SELECT users.id, users.partner_id, users.email, users.name, users.password_hash, users.roles,
users.disabled, users.language, users.created_at, partners.name, partners.created_at, partners.require_mfa,
user_sessions.id, user_sessions.stage, user_sessions.code_fails, user_sessions.created_at,
user_sessions.last_seen_at, user_sessions.user_agent, user_sessions.address`
	lookupJoin = `
FROM user_sessions JOIN users ON users.id = user_sessions.user_id JOIN partners ON partners.id = users.partner_id`
	lookupFrom = lookupJoin + `
WHERE user_sessions.token_hash = ? AND user_sessions.ended_at IS NULL`
)
