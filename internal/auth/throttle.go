package auth

import "time"

// Sign-in throttling (AUTH-7, AUTH-10): after FreeAttempts attempts in a row
// without a success an account must wait before the next one, twice as long
// each time but never more than LockFor; at most LockAfter passwords are
// checked before the account is locked for LockFor. One address gets at most
// AddressLimit attempts a minute, whichever accounts they name.
const (
	FreeAttempts = 3
	LockAfter    = 5
	LockFor      = 15 * time.Minute
	AddressLimit = 30
)

// Wait returns how long an account must wait after failures attempts in a
// row: nothing before FreeAttempts, then 1 s, 2 s, 4 s …, capped at LockFor
// (AUTH-10: the wait never exceeds 15 minutes, whatever the count).
func Wait(failures int) time.Duration {
	if failures < FreeAttempts {
		return 0
	}
	shift := failures - FreeAttempts
	if shift >= 10 { // 1 s << 10 is already past LockFor; larger shifts overflow
		return LockFor
	}
	return min(time.Second<<shift, LockFor)
}

// NextAttemptAt returns when an account with failures attempts in a row, the
// last at last, may try again: the zero time when it may try at once.
func NextAttemptAt(failures int, last time.Time) time.Time {
	if failures < FreeAttempts {
		return time.Time{}
	}
	return last.Add(Wait(failures))
}

// LockedUntilAfter returns the lock end to set once failures wrong passwords
// have been checked, the last at now, or nil when no lock applies.
func LockedUntilAfter(failures int, now time.Time) *time.Time {
	if failures < LockAfter {
		return nil
	}
	t := now.Add(LockFor)
	return &t
}

// Verdict is what happens to one sign-in attempt before its password is read.
type Verdict int

// The verdicts of AttemptVerdict.
const (
	// Compare: the password is compared.
	Compare Verdict = iota
	// Throttled: the attempt came before the wait ended; nothing is compared.
	Throttled
	// Locked: the account is locked, or LockAfter passwords were already
	// checked; nothing is compared (AUTH-10).
	Locked
)

// AttemptVerdict decides the n-th attempt in a row on an account (n counted,
// in one statement, before any password is read, so concurrent attempts get
// distinct numbers), given the time of the attempt before it, the end of a
// lock (zero for none) and now. Only attempts 1 to LockAfter can reach the
// password check, so however many arrive at once at most LockAfter wrong
// passwords are compared before the lock (AUTH-10).
func AttemptVerdict(n int, prev, lockedUntil, now time.Time) Verdict {
	switch {
	case !lockedUntil.IsZero() && now.Before(lockedUntil):
		return Locked
	case n > LockAfter:
		return Locked
	case now.Before(NextAttemptAt(n-1, prev)):
		return Throttled
	}
	return Compare
}
