package main

import (
	"math"
	"path/filepath"
	"runtime/debug"
	"strings"
	"testing"
)

// PERF-2, PERF-4: the portal collects garbage at GOGC=200 within an 80 MiB
// soft limit, unless the operator sets GOGC or GOMEMLIMIT, which then
// stand as Go reads them.
func TestGCSettingsUnlessTheOperatorSetsThem_PERF2_PERF4(t *testing.T) {
	percent := debug.SetGCPercent(100)
	limit := debug.SetMemoryLimit(math.MaxInt64)
	t.Cleanup(func() {
		debug.SetGCPercent(percent)
		debug.SetMemoryLimit(limit)
	})
	for _, c := range []struct {
		name    string
		env     map[string]string
		percent int
		limit   int64
	}{
		{"neither set", nil, 200, 80 << 20},
		{"GOGC set", map[string]string{"GOGC": "100"}, 100, 80 << 20},
		{"GOMEMLIMIT set", map[string]string{"GOMEMLIMIT": "1GiB"}, 200, math.MaxInt64},
		{"both set", map[string]string{"GOGC": "50", "GOMEMLIMIT": "1GiB"}, 100, math.MaxInt64},
	} {
		t.Run(c.name, func(t *testing.T) {
			// What the runtime read from the environment at start.
			debug.SetGCPercent(100)
			debug.SetMemoryLimit(math.MaxInt64)
			tuneGC(func(k string) string { return c.env[k] })
			if got := debug.SetGCPercent(100); got != c.percent {
				t.Errorf("GC percent %d, want %d", got, c.percent)
			}
			if got := debug.SetMemoryLimit(-1); got != c.limit {
				t.Errorf("memory limit %d, want %d", got, c.limit)
			}
		})
	}
}

// PERF-2, PERF-4: the running server reports the settings in its metrics.
func TestServerRunsWithItsGCSettings_PERF2_PERF4(t *testing.T) {
	p := startPortal(t, []string{"--addr", "127.0.0.1:0", "--metrics-addr", "127.0.0.1:0", "--db", filepath.Join(t.TempDir(), "portal.db")},
		"PORTAL_BASE_URL=http://127.0.0.1", "GOGC=", "GOMEMLIMIT=")
	m := newBrowser().get(t, p.MetricsURL+"/metrics")
	for _, want := range []string{"\ngo_gc_gogc_percent 200\n", "\ngo_gc_gomemlimit_bytes 8.388608e+07\n"} {
		if !strings.Contains(m.Body, want) {
			t.Errorf("metrics lack %q", strings.TrimSpace(want))
		}
	}
}
