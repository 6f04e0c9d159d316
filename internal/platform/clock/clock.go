// Package clock is the only place the portal reads the wall clock (LIFE-2).
// Rules and operations receive a Clock and never call time.Now themselves, so
// tests and the demo mode can set the time.
package clock

import (
	"sync"
	"time"
)

// Clock tells the current time, always in UTC.
type Clock interface {
	Now() time.Time
}

// System is the real wall clock.
type System struct{}

// Now returns the wall-clock time in UTC.
func (System) Now() time.Time { return time.Now().UTC() }

// Manual is a clock that only moves when told to; tests use it.
type Manual struct {
	mu  sync.Mutex
	now time.Time
}

// NewManual returns a manual clock set to t.
func NewManual(t time.Time) *Manual { return &Manual{now: t.UTC()} }

// Now returns the clock's current time.
func (m *Manual) Now() time.Time {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.now
}

// Set moves the clock to t.
func (m *Manual) Set(t time.Time) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.now = t.UTC()
}

// Advance moves the clock forward by d.
func (m *Manual) Advance(d time.Duration) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.now = m.now.Add(d)
}

// Offset is a clock that runs with a base clock shifted forward by a number of
// days: the demo clock (LIFE-3). The shift is set from the database so that
// every node of the portal agrees on it.
type Offset struct {
	base Clock
	mu   sync.RWMutex
	days int
}

// NewOffset returns a clock that follows base, shifted by days.
func NewOffset(base Clock, days int) *Offset { return &Offset{base: base, days: days} }

// Now returns the base time plus the shift.
func (o *Offset) Now() time.Time {
	o.mu.RLock()
	defer o.mu.RUnlock()
	return o.base.Now().AddDate(0, 0, o.days)
}

// Days returns the current shift in days.
func (o *Offset) Days() int {
	o.mu.RLock()
	defer o.mu.RUnlock()
	return o.days
}

// SetDays sets the shift in days.
func (o *Offset) SetDays(days int) {
	o.mu.Lock()
	defer o.mu.Unlock()
	o.days = days
}

// At returns the base time shifted by days instead of the clock's shift.
func (o *Offset) At(days int) time.Time { return o.base.Now().AddDate(0, 0, days) }

// Follow sets the shift to days unless the clock is already further ahead:
// the demo clock only moves forward (LIFE-3), so a request that read the
// stored shift just before another request's newer read never moves this
// node's clock back.
func (o *Offset) Follow(days int) {
	o.mu.Lock()
	defer o.mu.Unlock()
	if days > o.days {
		o.days = days
	}
}

// Stopwatch measures how long something takes on the machine's monotonic
// clock: for logs and metrics only, never for rules, which read a Clock.
type Stopwatch struct{ start time.Time }

// StartStopwatch starts a stopwatch.
func StartStopwatch() Stopwatch { return Stopwatch{start: time.Now()} }

// Elapsed returns the time since the stopwatch started.
func (s Stopwatch) Elapsed() time.Duration { return time.Since(s.start) }
