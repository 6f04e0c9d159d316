package activity_test

import (
	"context"
	"testing"
	"time"

	"portal/internal/activity"
	"portal/internal/testkit"
)

// UX-4, LOG-1, PERF-2: a filter whose count went past its cap is answered
// "more" again without reading the log (entries are never deleted, so it
// stays past its cap); a filter at or under its cap is counted on every
// call and sees new entries; another partner, other dates, another filter
// or another cap are counted for themselves.
func TestFullCountsRemembered_UX4_LOG1_PERF2(t *testing.T) {
	g := openDB(t)
	ctx := context.Background()
	for i := range 5 {
		record(t, g, partnerA, i, activity.Change{})
	}
	record(t, g, partnerB, 0, activity.Change{})
	full, err := activity.NewFullCounts(16)
	if err != nil {
		t.Fatal(err)
	}
	l := activity.Log{DB: g, Full: full}
	rec := testkit.RecordQueries(t, g)
	count := func(partner string, f activity.Filter, limit int, want int64, more bool, reads int) {
		t.Helper()
		rec.Take()
		n, m, err := l.Count(ctx, partner, f, limit)
		if err != nil || n != want || m != more {
			t.Fatalf("%s %+v limit %d: %d %v %v, want %d %v", partner, f, limit, n, m, err, want, more)
		}
		if got := len(rec.Take()); got != reads {
			t.Fatalf("%s %+v limit %d: %d statements, want %d", partner, f, limit, got, reads)
		}
	}
	all := activity.Filter{}
	count(partnerA, all, 5, 5, false, 1) // at its cap: counted
	count(partnerA, all, 5, 5, false, 1) // and counted again
	record(t, g, partnerA, 5, activity.Change{})
	count(partnerA, all, 5, 5, true, 1) // past it now
	count(partnerA, all, 5, 5, true, 0) // remembered

	// The same instants in another location are the same filter.
	paris := time.FixedZone("Paris", 3600)
	days := activity.Filter{From: t0.Truncate(24 * time.Hour), To: t0.Truncate(24 * time.Hour).Add(24 * time.Hour)}
	count(partnerA, days, 3, 3, true, 1)
	count(partnerA, activity.Filter{From: days.From.In(paris), To: days.To.In(paris)}, 3, 3, true, 0)

	count(partnerB, all, 5, 1, false, 1)                                                              // another partner
	count(partnerA, activity.Filter{From: t0.Add(3 * time.Minute)}, 5, 3, false, 1)                   // other dates
	count(partnerA, activity.Filter{Action: activity.ActionSignedIn, ActorID: alice}, 5, 0, false, 1) // another filter
	count(partnerA, all, 10, 6, false, 1)                                                             // another cap
}
