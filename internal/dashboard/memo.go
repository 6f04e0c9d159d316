package dashboard

import (
	"maps"
	"time"

	lru "github.com/hashicorp/golang-lru/v2"
)

// Memo keeps what Soon read for each partner, for the second it was read
// at and while nothing has been written since (db.WriteVersion), so the
// many views of one partner's home page within a second read its lists
// once: they were half the page's time at partner scale (PERF-2). It is
// exact: any write, whatever it changed, and the next second both make
// the next view read again. It holds on SQLite only, where every write
// goes through this process; on PostgreSQL other nodes write too, and
// Soon reads every time.
type Memo struct {
	c *lru.Cache[string, memoEntry]
}

// memoPartners bounds the partners a Memo keeps: an entry is worth keeping
// for one second only, so only the partners viewed in that second matter.
const memoPartners = 256

type memoEntry struct {
	version uint64
	at      time.Time
	soon    Soon
}

// NewMemo returns an empty Memo.
func NewMemo() *Memo {
	c, err := lru.New[string, memoEntry](memoPartners)
	if err != nil {
		panic(err) // only for a size below 1
	}
	return &Memo{c: c}
}

// get returns what was read for the partner at at, with version.
func (m *Memo) get(partnerID string, version uint64, at time.Time) (Soon, bool) {
	e, ok := m.c.Get(partnerID)
	if !ok || e.version != version || !e.at.Equal(at) {
		return Soon{}, false
	}
	return e.soon.share(), true
}

func (m *Memo) put(partnerID string, version uint64, at time.Time, s Soon) {
	m.c.Add(partnerID, memoEntry{version: version, at: at, soon: s})
}

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
