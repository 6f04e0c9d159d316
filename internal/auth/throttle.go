package auth

import "time"

// Sign-in throttling (AUTH-7): after FreeAttempts failures in a row an
// address must wait before the next try, twice as long each time, and after
// LockAfter failures it is locked for LockFor.
const (
	FreeAttempts = 3
	LockAfter    = 6
	LockFor      = 15 * time.Minute
)

// NextAttemptAt returns when an address with failures failures in a row, the
// last at last, may try again: the zero time when it may try at once.
func NextAttemptAt(failures int, last time.Time) time.Time {
	if failures < FreeAttempts {
		return time.Time{}
	}
	wait := time.Second << (failures - FreeAttempts) // 1 s, 2 s, 4 s …
	return last.Add(wait)
}

// LockedUntilAfter returns the lock end to set once failures failures have
// happened, the last at now, or nil when no lock applies.
func LockedUntilAfter(failures int, now time.Time) *time.Time {
	if failures < LockAfter {
		return nil
	}
	t := now.Add(LockFor)
	return &t
}
