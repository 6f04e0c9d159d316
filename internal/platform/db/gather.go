package db

import (
	"context"
	"fmt"
	"sync"
)

// Gather makes one read of the keys that concurrent callers ask for: while
// its reads in flight are on their way to the database, the keys asked for
// meanwhile wait together and go in the next read, one statement for all
// of them. A caller alone reads at once, as without it; under load, a
// round trip and a statement serve many callers instead of one each. With
// more than one read in flight, a slow statement holds up only the callers
// it reads for, while the others' reads go on.
//
// Every caller's key is read by a statement that starts after the caller
// asked: what was committed before is seen, as by a read of its own.
//
// The read runs on a context that is not cancelled with any one caller's
// (their request may end; the others still wait for the answer), and
// carries the values of the first caller of its round: it must not write
// to them. A caller whose context ends stops waiting.
type Gather[K comparable, R any] struct {
	read func(ctx context.Context, keys []K) (R, error)

	inFlight int // at most this many reads on their way at once

	mu   sync.Mutex
	busy int                // reads on their way
	next *gatherRound[K, R] // the keys waiting for the next read
}

type gatherRound[K comparable, R any] struct {
	ctx  context.Context
	keys []K
	done chan struct{}
	r    R
	err  error
}

// NewGather returns a Gather whose reads are read(ctx, keys): one answer
// for all the keys, each caller taking its own from it; at most inFlight
// of them run at once (at least one).
func NewGather[K comparable, R any](inFlight int, read func(ctx context.Context, keys []K) (R, error)) *Gather[K, R] {
	return &Gather[K, R]{read: read, inFlight: max(inFlight, 1)}
}

// Read returns the answer of the read that included key.
func (g *Gather[K, R]) Read(ctx context.Context, key K) (R, error) {
	g.mu.Lock()
	r := g.next
	if r == nil {
		r = &gatherRound[K, R]{ctx: context.WithoutCancel(ctx), done: make(chan struct{})}
		g.next = r
	}
	r.keys = append(r.keys, key)
	lead := g.busy < g.inFlight
	if lead {
		g.busy, g.next = g.busy+1, nil
	}
	g.mu.Unlock()
	if lead {
		g.run(r)
	}
	select {
	case <-r.done:
		return r.r, r.err
	case <-ctx.Done():
		var zero R
		return zero, ctx.Err()
	}
}

// run reads r's keys, then starts the round that gathered meanwhile, if
// any, in r's place in flight, on a goroutine of its own: the caller that
// ran r goes on with its answer. A read that panics is an error for its
// round's callers, and the next round still runs.
func (g *Gather[K, R]) run(r *gatherRound[K, R]) {
	defer func() {
		if p := recover(); p != nil {
			var zero R
			r.r, r.err = zero, fmt.Errorf("db: gathered read: %v", p)
		}
		close(r.done)
		g.mu.Lock()
		next := g.next
		g.next = nil
		if next == nil {
			g.busy--
		}
		g.mu.Unlock()
		if next != nil {
			go g.run(next)
		}
	}()
	r.r, r.err = g.read(r.ctx, r.keys)
}
