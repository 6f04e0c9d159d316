package main

import (
	"os/exec"
	"testing"
)

// PERF-4: the load run reads a running process's peak resident memory, the
// figure it prints beside the 150 MB budget.
func TestPeakMemoryIsRead_PERF4(t *testing.T) {
	cmd := exec.Command("sleep", "5")
	if err := cmd.Start(); err != nil {
		t.Skip("no sleep command:", err)
	}
	defer func() { _ = cmd.Process.Kill(); _ = cmd.Wait() }()
	p := &portalProcess{cmd: cmd}
	if mb := p.peakMB(); mb <= 0 || mb > 150 {
		t.Fatalf("peak memory of a small process read as %.2f MB", mb)
	}
}
