package main

import "runtime/debug"

// The garbage collector's settings when the operator sets none (GOGC,
// GOMEMLIMIT). Go's defaults collect whenever the heap has doubled: the
// portal keeps about 20 MB alive and allocates some 200 KB per page, so under
// load it collected several times a second and that was a fifth of its CPU
// (PERF-2). At 200 the heap may grow to three times what is alive, and the
// soft limit keeps the runtime's memory within its share of PERF-4's
// 150 MB: the SQLite page caches (48 MB when full) and the program's own
// pages take the rest. Should the live heap grow towards the limit, the
// runtime collects more often instead of growing past it.
const (
	defaultGCPercent   = 200
	defaultMemoryLimit = 80 << 20
)

// tuneGC applies the portal's garbage-collector settings that the
// environment, as getenv reads it, does not set.
func tuneGC(getenv func(string) string) {
	if getenv("GOGC") == "" {
		debug.SetGCPercent(defaultGCPercent)
	}
	if getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(defaultMemoryLimit)
	}
}
