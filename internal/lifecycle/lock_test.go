package lifecycle_test

import (
	"context"
	"errors"
	"testing"

	"portal/internal/activity"
	"portal/internal/lifecycle"
	"portal/internal/platform/clock"
	"portal/internal/platform/db"
	"portal/internal/testkit"
)

// checkExclusive holds a's lock and checks b cannot take it meanwhile, and
// that both can once it is released, even after a pass that failed.
func checkExclusive(t *testing.T, a, b *lifecycle.Engine) {
	t.Helper()
	ctx := context.Background()
	ran, err := a.Exclusive(ctx, func(ctx context.Context) error {
		if _, ranB, err := b.RunExclusive(ctx); err != nil || ranB {
			t.Errorf("second pass ran while the first held the lock (%v)", err)
		}
		return nil
	})
	if err != nil || !ran {
		t.Fatalf("first pass: ran %v, %v", ran, err)
	}
	boom := errors.New("boom")
	if ran, err := b.Exclusive(ctx, func(context.Context) error { return boom }); !ran || !errors.Is(err, boom) {
		t.Fatalf("after release: ran %v, %v", ran, err)
	}
	if _, ran, err := a.RunExclusive(ctx); err != nil || !ran {
		t.Fatalf("after a failed pass: ran %v, %v", ran, err)
	}
}

// OPS-3, LIFE-1: on SQLite one process runs one pass at a time.
func TestEngineRunsOnePassAtATime_OPS3(t *testing.T) {
	app := testkit.NewWith(t, testkit.Options{NoDemo: true})
	e := engine(app)
	checkExclusive(t, e, e)
}

// OPS-3: two nodes on one PostgreSQL database (two pools here) never run a
// pass at the same time: the advisory lock is the database's.
func TestEngineLockIsSharedOnPostgres_OPS3(t *testing.T) {
	url := testkit.PostgresURL(t)
	node := func() *lifecycle.Engine {
		g, err := db.Open(url, clock.System{})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() {
			if s, err := g.DB(); err == nil {
				_ = s.Close()
			}
		})
		return &lifecycle.Engine{DB: g, Clock: clock.System{}, Activity: activity.Recorder{DB: g}}
	}
	a, b := node(), node()
	ctx := context.Background()
	// Without tables to work on, passes here only take and release the lock.
	blocked, err := a.Exclusive(ctx, func(ctx context.Context) error {
		ran, err := b.Exclusive(ctx, func(context.Context) error { return nil })
		if err != nil || ran {
			t.Errorf("node b ran while node a held the lock (%v)", err)
		}
		return nil
	})
	if err != nil || !blocked {
		t.Fatalf("node a: ran %v, %v", blocked, err)
	}
	if ran, err := b.Exclusive(ctx, func(context.Context) error { return errors.New("boom") }); !ran || err == nil {
		t.Fatalf("node b after release: ran %v, %v", ran, err)
	}
	if ran, err := a.Exclusive(ctx, func(context.Context) error { return nil }); !ran || err != nil {
		t.Fatalf("node a after a failed pass: ran %v, %v", ran, err)
	}
}
