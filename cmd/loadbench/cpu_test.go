package main

import (
	"os"
	"testing"
	"time"

	"portal/internal/platform/clock"
)

// PERF-7: the load run reads the server's CPU time, the figure it prints
// per request and per checkout: a process that computes sees it grow.
func TestServerCPUIsRead_PERF7(t *testing.T) {
	self := os.Getpid()
	start := cpuOf(self)
	waited := clock.StartStopwatch()
	n := 0
	for cpuOf(self)-start < 50*time.Millisecond {
		if waited.Elapsed() > time.Minute {
			t.Fatalf("CPU time read as %s, then %s after a minute of work", start, cpuOf(self))
		}
		for i := range 100_000 {
			n += i % 7
		}
	}
	if n == 0 || start <= 0 {
		t.Fatalf("CPU time at the start read as %s", start)
	}
	if got := cpuOf(-1); got != 0 {
		t.Errorf("CPU time of no process read as %s", got)
	}
}
