package dashboard

import (
	"maps"
	"time"

	"portal/internal/platform/db"
)

// Memo keeps what Soon read for each partner, for the second it was read
// at and while nothing has been written since (db.Memo), so the many views
// of one partner's home page within a second read its lists once: they
// were half the page's time at partner scale (PERF-2). Any write, whatever
// it changed, and the next second both make the next view read again. It
// holds on SQLite only; on PostgreSQL Soon reads every time.
type Memo = db.Memo[string, memoEntry]

// memoPartners bounds the partners a Memo keeps: an entry is worth keeping
// for one second only, so only the partners viewed in that second matter.
const memoPartners = 256

type memoEntry struct {
	at   time.Time
	soon Soon
}

// NewMemo returns an empty Memo.
func NewMemo() *Memo { return db.NewMemo[string, memoEntry](memoPartners) }

// share returns s with maps of its own, so a caller may change them (the
// home page sets the exact count of scheduled cancellations); the lists
// themselves are shared and must not be changed.
func (s Soon) share() Soon {
	return Soon{Lists: maps.Clone(s.Lists), Counts: maps.Clone(s.Counts), Recent: s.Recent}
}

// secondOf returns the second Soon reads at for now: now itself when it
// falls on a second, else the next second. Rounded up, a subscription
// bought a moment ago is in its cancellation window's list.
func secondOf(now time.Time) time.Time {
	at := now.Truncate(time.Second)
	if at.Before(now) {
		at = at.Add(time.Second)
	}
	return at
}
