package auth

import (
	"sync"
	"time"

	"gorm.io/gorm"

	"portal/internal/platform/db"
)

// Memo keeps, while nothing is written (db.Memo), the two reads of this
// package that requests repeat the most: the session each signed-in
// request looks up, by its token's hash (on SQLite; on PostgreSQL the
// lookup is the statement that brings the request's snapshot), and a
// partner's user names, which the activity log's filter and the histories
// list (both engines). Ending a session, a new password, a disabled user
// or a renamed one is a write, so the next request reads again. Whether a kept session is still live
// is asked of the clock on every request (SessionLive).
//
// On PostgreSQL, where other nodes write too, the sessions are not kept:
// the lookups of concurrent requests are gathered instead, one statement
// for all those waiting (db.Gather), each request's session still read
// after it arrived.
type Memo struct {
	sessions *db.Memo[string, Current]
	names    *db.Memo[string, []User]

	gatherOnce sync.Once
	gather     *db.Gather[string, gatheredLookup]
}

// Bounds of a Memo: the sessions signed in at once on a node, and the
// partners whose staff use it in the same minutes.
const (
	memoSessions = 4096
	memoPartners = 256
)

// NewMemo returns an empty Memo.
func NewMemo() *Memo {
	return &Memo{sessions: db.NewMemo[string, Current](memoSessions), names: db.NewMemo[string, []User](memoPartners).AcrossNodes()}
}

func (m *Memo) sessionsMemo() *db.Memo[string, Current] {
	if m == nil {
		return nil
	}
	return m.sessions
}

func (m *Memo) namesMemo() *db.Memo[string, []User] {
	if m == nil {
		return nil
	}
	return m.names
}

// lookupsInFlight is how many gathered session lookups a node runs at
// once (PostgreSQL): with two, a slow one holds up only the requests it
// reads for while the other serves the rest. (With 32 requests at once,
// BenchmarkSessionLookupConcurrent: 94–116 µs a lookup not gathered, one
// in flight 23–36, two 33, four 60–80: the more in flight, the fewer
// lookups each gathers.)
const lookupsInFlight = 2

// gatheredLookupTimeout bounds a gathered lookup: its requests fail
// rather than wait on a database that does not answer, and the next
// gathered lookup takes its place.
const gatheredLookupTimeout = 10 * time.Second

// sessionsGather returns the gathering of session lookups on g's
// database, made on first use: nil on SQLite, where the Memo serves them.
func (m *Memo) sessionsGather(g *gorm.DB) *db.Gather[string, gatheredLookup] {
	if m == nil || !db.Postgres(g) {
		return nil
	}
	m.gatherOnce.Do(func() { m.gather = db.NewGather(lookupsInFlight, lookupGathered(g)) })
	return m.gather
}
