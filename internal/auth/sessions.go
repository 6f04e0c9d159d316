package auth

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"fmt"
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
