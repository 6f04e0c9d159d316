package db_test

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sync"
	"testing"
	"time"

	"portal/internal/platform/db"
)

// gatherProbe is a read for a Gather that records the keys of each call
// and, while hold is set, waits for a release before answering.
type gatherProbe struct {
	mu      sync.Mutex
	calls   [][]int
	hold    chan struct{} // closed by the test to let the held read answer
	holding chan struct{} // closed once a read is held
	fail    error
	panics  bool
}

func (p *gatherProbe) read(_ context.Context, keys []int) (map[int]string, error) {
	p.mu.Lock()
	p.calls = append(p.calls, slices.Clone(keys))
	hold, holding, fail, panics := p.hold, p.holding, p.fail, p.panics
	p.hold, p.holding = nil, nil
	p.mu.Unlock()
	if hold != nil {
		close(holding)
		<-hold
	}
	if panics {
		panic("the read broke")
	}
	if fail != nil {
		return nil, fail
	}
	answer := make(map[int]string, len(keys))
	for _, k := range keys {
		answer[k] = fmt.Sprint("answer ", k)
	}
	return answer, nil
}

// heldRead makes the probe's next read wait for release, and starts a
// caller of key 0 that makes it; it returns once that read is held, with
// release and the channel of that caller's error.
func heldRead(t *testing.T, p *gatherProbe, g *db.Gather[int, map[int]string]) (release func(), first chan error) {
	t.Helper()
	hold, holding := make(chan struct{}), make(chan struct{})
	p.mu.Lock()
	p.hold, p.holding = hold, holding
	p.mu.Unlock()
	first = make(chan error, 1)
	go func() {
		_, err := g.Read(context.Background(), 0)
		first <- err
	}()
	<-holding
	return func() { close(hold) }, first
}

// keysWaiting waits until n keys wait for g's next read.
func keysWaiting(t *testing.T, g *db.Gather[int, map[int]string], n int) {
	t.Helper()
	waitFor(t, fmt.Sprint(n, " keys waiting"), func() bool { return g.Waiting() >= n })
}

// PERF-2, AUTH-8: a caller alone reads at once; the keys asked for while
// a read is on its way go together in the next one, one read for all, and
// each caller has the answer of the read that included its key.
func TestGatherReadsWaitingKeysTogether_PERF2_AUTH8(t *testing.T) {
	p := &gatherProbe{}
	g := db.NewGather(1, p.read)
	got, err := g.Read(context.Background(), 7)
	if err != nil || got[7] != "answer 7" {
		t.Fatalf("alone: %v, %v", got, err)
	}
	if !slices.Equal(p.calls[0], []int{7}) {
		t.Fatalf("alone: read %v", p.calls)
	}

	release, first := heldRead(t, p, g)
	const waiting = 20
	answers := make(chan string, waiting)
	for k := 1; k <= waiting; k++ {
		go func() {
			got, err := g.Read(context.Background(), k)
			if err != nil {
				answers <- err.Error()
				return
			}
			answers <- got[k]
		}()
	}
	keysWaiting(t, g, waiting)
	if n := len(p.calls); n != 2 {
		t.Fatalf("%d reads before the held one answered, want 2", n)
	}
	release()
	if err := <-first; err != nil {
		t.Fatal(err)
	}
	var all []string
	for range waiting {
		all = append(all, <-answers)
	}
	if len(p.calls) != 3 {
		t.Fatalf("reads %v: want the %d waiting keys in one read", p.calls, waiting)
	}
	keys := slices.Sorted(slices.Values(p.calls[2]))
	for i, k := range keys {
		if k != i+1 {
			t.Fatalf("the gathered read asked for %v", keys)
		}
	}
	for k := 1; k <= waiting; k++ {
		if !slices.Contains(all, fmt.Sprint("answer ", k)) {
			t.Errorf("no caller had the answer for %d: %v", k, all)
		}
	}
}

// PERF-2: a failed or panicking read is an error for every caller of its
// round, and the next read still runs; a caller whose context ends stops
// waiting while the others have their answer.
func TestGatherFailuresStayInTheirRound_PERF2(t *testing.T) {
	p := &gatherProbe{}
	g := db.NewGather(1, p.read)
	for _, c := range []struct {
		name   string
		fail   error
		panics bool
	}{
		{"failed", errors.New("database gone"), false},
		{"panicked", nil, true},
	} {
		t.Run(c.name, func(t *testing.T) {
			release, first := heldRead(t, p, g)
			errs := make(chan error, 3)
			for k := 1; k <= 3; k++ {
				go func() {
					_, err := g.Read(context.Background(), k)
					errs <- err
				}()
			}
			keysWaiting(t, g, 3)
			p.mu.Lock()
			p.fail, p.panics = c.fail, c.panics
			p.mu.Unlock()
			release()
			// The held read began before the failure: it answers.
			if err := <-first; err != nil {
				t.Errorf("the held read: %v", err)
			}
			for range 3 {
				if err := <-errs; err == nil {
					t.Error("a caller of the broken read had no error")
				}
			}
			p.mu.Lock()
			p.fail, p.panics = nil, false
			p.mu.Unlock()
			if got, err := g.Read(context.Background(), 9); err != nil || got[9] != "answer 9" {
				t.Errorf("the next read: %v, %v", got, err)
			}
		})
	}

	release, first := heldRead(t, p, g)
	ctx, cancel := context.WithCancel(context.Background())
	gone := make(chan error, 1)
	go func() {
		_, err := g.Read(ctx, 1)
		gone <- err
	}()
	stays := make(chan string, 1)
	go func() {
		got, _ := g.Read(context.Background(), 2)
		stays <- got[2]
	}()
	keysWaiting(t, g, 2)
	cancel()
	if err := <-gone; !errors.Is(err, context.Canceled) {
		t.Errorf("a caller whose request ended: %v", err)
	}
	release()
	<-first
	if got := <-stays; got != "answer 2" {
		t.Errorf("the caller that stayed: %q", got)
	}
}

// PERF-2: a Gather runs up to its reads in flight at once: the first
// callers each read at once, and only those who come while all of them
// are on their way wait together.
func TestGatherRunsUpToItsReadsInFlight_PERF2(t *testing.T) {
	var (
		mu      sync.Mutex
		calls   [][]int
		started = make(chan struct{}, 8)
		release = make(chan struct{})
	)
	g := db.NewGather(2, func(_ context.Context, keys []int) (map[int]string, error) {
		mu.Lock()
		calls = append(calls, slices.Clone(keys))
		mu.Unlock()
		started <- struct{}{}
		<-release
		return map[int]string{}, nil
	})
	done := make(chan error, 6)
	read := func(k int) {
		go func() {
			_, err := g.Read(context.Background(), k)
			done <- err
		}()
	}
	read(1)
	<-started
	read(2)
	select { // the second read does not wait for the first
	case <-started:
	case <-time.After(time.Minute):
		t.Fatal("a second caller waited while one read was in flight of two")
	}
	for k := 3; k <= 6; k++ {
		read(k)
	}
	keysWaiting(t, g, 4)
	close(release)
	for range 6 {
		if err := <-done; err != nil {
			t.Fatal(err)
		}
	}
	if len(calls) != 3 || len(calls[2]) != 4 {
		t.Errorf("reads %v: want [1] and [2] at once, then the four others in one", calls)
	}
}
