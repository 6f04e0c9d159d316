package demo_test

import (
	"context"
	"sync"
	"testing"

	"portal/internal/activity"
	"portal/internal/demo"
	"portal/internal/platform/clock"
	"portal/internal/testkit"
)

// OPS-3, LIFE-3: simultaneous demo clock moves all add up, whichever node
// (here: whichever clock in memory) makes them, and each node's clock
// follows the stored shift, never moving back.
func TestSimultaneousClockMovesAddUp_OPS3_LIFE3(t *testing.T) {
	app := testkit.NewWith(t, testkit.Options{NoDemo: true})
	ctx := context.Background()
	nodes := []*clock.Offset{clock.NewOffset(app.Clock, 0), clock.NewOffset(app.Clock, 0)}
	rec := activity.Recorder{DB: app.DB}
	const moves, days = 6, 35
	var wg sync.WaitGroup
	errs := make(chan error, moves)
	for i := range moves {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, err := demo.MoveClock(ctx, app.DB, rec, nodes[i%2], "p1", activity.System, days)
			errs <- err
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	got, ok, err := demo.ClockShift(ctx, app.DB)
	if err != nil || !ok || got != moves*days {
		t.Fatalf("stored shift %d (%v, %v), want %d", got, ok, err, moves*days)
	}
	var entries int64
	app.DB.Model(&activity.Entry{}).Where("action = ?", demo.ActionClockMoved).Count(&entries)
	if entries != moves {
		t.Fatalf("%d clock entries, want %d", entries, moves)
	}
	for i, n := range nodes {
		if n.Days() > got || n.Days() < days {
			t.Fatalf("node %d at %d days, stored %d", i, n.Days(), got)
		}
		n.Follow(got)
		n.Follow(days) // an older read never moves it back
		if n.Days() != got {
			t.Fatalf("node %d at %d days after following %d", i, n.Days(), got)
		}
	}
}
