package web

import (
	"context"
	"time"
)

// RunBackground runs the server's periodic work until ctx ends: the
// lifecycle engine's pass (LIFE-1), which first reads the demo clock's
// shift. A pass that has started finishes even when ctx ends meanwhile
// (OPS-5): RunBackground returns only after it, so the caller can wait for
// it before closing the database.
func (s *Server) RunBackground(ctx context.Context) {
	t := time.NewTicker(30 * time.Second)
	defer t.Stop()
	for {
		s.tick(context.WithoutCancel(ctx))
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

// tick runs the periodic jobs once.
func (s *Server) tick(ctx context.Context) {
	for _, job := range s.jobs() {
		if err := job.run(ctx); err != nil {
			s.log.Error("background job failed", "job", job.name, "err", err)
		}
	}
}

type job struct {
	name string
	run  func(context.Context) error
}

// jobs lists the periodic jobs.
func (s *Server) jobs() []job {
	return []job{
		{"lifecycle", s.runLifecycle},
	}
}
