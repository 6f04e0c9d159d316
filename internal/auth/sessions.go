package auth

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"database/sql"
	"database/sql/driver"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/google/uuid"
	"gorm.io/gorm"

	"portal/internal/platform/clock"
	"portal/internal/platform/db"
)

// Session lifetimes (AUTH-8).
const (
	// SessionMaxAge ends a session this long after sign-in, whatever its use.
	SessionMaxAge = 12 * time.Hour
	// SessionIdle ends a session this long after its last request.
	SessionIdle = 2 * time.Hour
	// SeenEvery is how stale the last-seen stamp may get before a request
	// writes it again, so most requests only read.
	SeenEvery = time.Minute
	// CodeStageFor is how long a correct password waits for its one-time
	// code (AUTH-9) before the sign-in must start again.
	CodeStageFor = 10 * time.Minute
)

// The stages of a session: signed in, or half-way through sign-in (AUTH-9).
const (
	StageSignedIn = ""
	// StageCode: the password was right; the one-time code is awaited.
	StageCode = "code"
	// StageSetup: the password (and code) were right, but the partner
	// requires two-step verification and the user must set it up first.
	StageSetup = "setup"
)

// Session is one sign-in of a user (AUTH-8). The cookie carries a random
// token; the table keeps only its hash, so a copy of the table signs nobody
// in. Every request reads the row, so ending it ends the session on every
// node at its next request.
type Session struct {
	ID         string     `gorm:"primaryKey;size:36"`
	TokenHash  string     `gorm:"size:64;not null;uniqueIndex"`
	UserID     string     `gorm:"size:36;not null;index"`
	PartnerID  string     `gorm:"size:36;not null"`
	Stage      string     `gorm:"size:10;not null;default:''"`
	CodeFails  int        `gorm:"not null;default:0"` // wrong one-time codes in this sign-in (AUTH-9)
	CreatedAt  time.Time  `gorm:"not null"`
	LastSeenAt time.Time  `gorm:"not null"`
	UserAgent  string     `gorm:"size:300;not null;default:''"`
	Address    string     `gorm:"size:64;not null;default:''"`
	EndedAt    *time.Time `gorm:"index"`
}

// TableName names the sessions table.
func (Session) TableName() string { return "user_sessions" }

// SessionEndsAt is when a session started at started and last seen at seen
// ends: 12 hours after sign-in or 2 hours after the last request, whichever
// comes first (AUTH-8).
func SessionEndsAt(started, seen time.Time) time.Time {
	return minTime(started.Add(SessionMaxAge), seen.Add(SessionIdle))
}

// SessionLive reports whether a session is still usable at now: not ended,
// and not past SessionEndsAt (the end itself still counts); a session
// waiting for its one-time code lasts CodeStageFor.
func SessionLive(s Session, now time.Time) bool {
	end := SessionEndsAt(s.CreatedAt, s.LastSeenAt)
	if s.Stage == StageCode {
		end = minTime(end, s.CreatedAt.Add(CodeStageFor))
	}
	return s.EndedAt == nil && !now.After(end)
}

// NeedsTouch reports whether a request at now should write the last-seen
// stamp: at most about once a minute per session.
func NeedsTouch(seen, now time.Time) bool { return now.Sub(seen) >= SeenEvery }

func minTime(a, b time.Time) time.Time {
	if a.Before(b) {
		return a
	}
	return b
}

// Sessions keeps the session records (AUTH-8).
type Sessions struct {
	DB     *gorm.DB
	Clock  clock.Clock
	memo   *db.Memo[string, Current]          // Lookup's, on SQLite (Memo)
	gather *db.Gather[string, gatheredLookup] // Lookup's, on PostgreSQL (Memo)
}

// Sessions returns the session records, on the security clock.
func (s *Service) Sessions() Sessions {
	return Sessions{DB: s.DB, Clock: s.securityClock(), memo: s.Memo.sessionsMemo(), gather: s.Memo.sessionsGather(s.DB)}
}

// HashToken returns the stored form of a cookie's session token.
func HashToken(token string) string {
	sum := sha256.Sum256([]byte(token))
	return hex.EncodeToString(sum[:])
}

// NewToken returns n random bytes, URL-safe encoded.
func NewToken(n int) string {
	b := make([]byte, n)
	if _, err := rand.Read(b); err != nil {
		panic(err) // the system's random source failing is not recoverable
	}
	return base64.RawURLEncoding.EncodeToString(b)
}

// Start opens a session for u at the given stage and returns the token the
// cookie carries.
func (ss Sessions) Start(ctx context.Context, u User, stage, userAgent, address string) (string, Session, error) {
	now := ss.Clock.Now().UTC()
	token := NewToken(32)
	row := Session{ID: uuid.NewString(), TokenHash: HashToken(token), UserID: u.ID, PartnerID: u.PartnerID,
		Stage: stage, CreatedAt: now, LastSeenAt: now, UserAgent: cut(userAgent, 300), Address: cut(address, 64)}
	if err := db.Conn(ctx, ss.DB).Create(&row).Error; err != nil {
		return "", Session{}, fmt.Errorf("auth: start session for %s: %w", u.ID, err)
	}
	return token, row, nil
}

func cut(s string, n int) string {
	if len(s) > n {
		return s[:n]
	}
	return s
}

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
// statement (PostgreSQL), for db.Gather.
func lookupGathered(g *gorm.DB) func(ctx context.Context, hashes []string) (gatheredLookup, error) {
	return func(ctx context.Context, hashes []string) (gatheredLookup, error) {
		ctx, cancel := context.WithTimeout(ctx, gatheredLookupTimeout)
		defer cancel()
		got := gatheredLookup{sessions: make(map[string]Current, len(hashes))}
		rows, err := db.Conn(ctx, g).Raw(lookupGatheredSQL, hashArray(hashes)).Rows()
		if err != nil {
			return got, fmt.Errorf("auth: read sessions: %w", err)
		}
		defer rows.Close()
		for rows.Next() {
			var (
				cur  Current
				hash string
			)
			if err := rows.Scan(append(lookupDest(&cur), &hash, &got.snapshot)...); err != nil {
				return got, fmt.Errorf("auth: read sessions: %w", err)
			}
			cur.settle()
			got.sessions[hash] = cur
		}
		if err := rows.Err(); err != nil {
			return got, fmt.Errorf("auth: read sessions: %w", err)
		}
		return got, nil
	}
}

// hashArray passes tokens' hashes as one text[] parameter (PostgreSQL):
// one statement, prepared once, whatever their number. (GORM would spread
// a plain slice into a list of parameters.)
type hashArray []string

// Value writes the array's text form; a hash is hexadecimal, nothing in
// it to quote.
func (h hashArray) Value() (driver.Value, error) {
	return "{" + strings.Join(h, ",") + "}", nil
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
		"\nWHERE user_sessions.token_hash = ANY(?) AND user_sessions.ended_at IS NULL"
	lookupColumns = `SELECT users.id, users.partner_id, users.email, users.name, users.password_hash, users.roles,
users.disabled, users.language, users.created_at, partners.name, partners.created_at, partners.require_mfa,
user_sessions.id, user_sessions.stage, user_sessions.code_fails, user_sessions.created_at,
user_sessions.last_seen_at, user_sessions.user_agent, user_sessions.address`
	lookupJoin = `
FROM user_sessions JOIN users ON users.id = user_sessions.user_id JOIN partners ON partners.id = users.partner_id`
	lookupFrom = lookupJoin + `
WHERE user_sessions.token_hash = ? AND user_sessions.ended_at IS NULL`
)

// Touch writes a session's last-seen stamp.
func (ss Sessions) Touch(ctx context.Context, id string, now time.Time) error {
	if err := db.Conn(ctx, ss.DB).Model(&Session{}).Where("id = ?", id).Update("last_seen_at", now.UTC()).Error; err != nil {
		return fmt.Errorf("auth: touch session %s: %w", id, err)
	}
	return nil
}

// SetStage moves a session to another stage of sign-in (AUTH-9).
func (ss Sessions) SetStage(ctx context.Context, id, stage string) error {
	if err := db.Conn(ctx, ss.DB).Model(&Session{}).Where("id = ? AND ended_at IS NULL", id).Update("stage", stage).Error; err != nil {
		return fmt.Errorf("auth: session %s stage: %w", id, err)
	}
	return nil
}

// End ends one session; ending an ended one changes nothing.
func (ss Sessions) End(ctx context.Context, id string) error {
	now := ss.Clock.Now().UTC()
	if err := db.Conn(ctx, ss.DB).Model(&Session{}).Where("id = ? AND ended_at IS NULL", id).Update("ended_at", now).Error; err != nil {
		return fmt.Errorf("auth: end session %s: %w", id, err)
	}
	return nil
}

// EndAll ends every session of a user (AUTH-8): sign out everywhere, a
// password reset, an admin's "end sessions", disabling the user. It joins
// the caller's transaction when there is one.
func (ss Sessions) EndAll(ctx context.Context, userID string) error {
	return ss.EndOthers(ctx, userID, "")
}

// EndOthers ends every session of a user but keep (a password change keeps
// the session that made it).
func (ss Sessions) EndOthers(ctx context.Context, userID, keep string) error {
	now := ss.Clock.Now().UTC()
	q := db.Conn(ctx, ss.DB).Model(&Session{}).Where("user_id = ? AND ended_at IS NULL", userID)
	if keep != "" {
		q = q.Where("id <> ?", keep)
	}
	if err := q.Update("ended_at", now).Error; err != nil {
		return fmt.Errorf("auth: end sessions of %s: %w", userID, err)
	}
	return nil
}

// Live lists a user's signed-in sessions, newest first.
func (ss Sessions) Live(ctx context.Context, userID string) ([]Session, error) {
	var rows []Session
	now := ss.Clock.Now()
	// Only rows that may still be live: started within the maximum age.
	err := db.Conn(ctx, ss.DB).Where("user_id = ? AND ended_at IS NULL AND stage = ? AND created_at > ?", userID, StageSignedIn, now.Add(-SessionMaxAge).UTC()).
		Order("created_at DESC").Order("id").Find(&rows).Error
	if err != nil {
		return nil, fmt.Errorf("auth: sessions of %s: %w", userID, err)
	}
	live := rows[:0]
	for _, r := range rows {
		if SessionLive(r, now) {
			live = append(live, r)
		}
	}
	return live, nil
}

// CountCodeFailure adds one wrong one-time code to a session and returns the
// count, in one statement (AUTH-9).
func (ss Sessions) CountCodeFailure(ctx context.Context, id string) (int, error) {
	var n int
	err := db.Returning(ctx, ss.DB, &n, `UPDATE user_sessions SET code_fails = code_fails + 1 WHERE id = ? AND ended_at IS NULL RETURNING code_fails`, id)
	if err != nil {
		return 0, fmt.Errorf("auth: count code failure %s: %w", id, err)
	}
	return n, nil
}
