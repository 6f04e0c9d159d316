package web

import (
	"context"
	"time"
)

// RunBackground runs the server's periodic work until ctx ends: keeping the
// demo clock in step with the database (LIFE-3), and the time-driven jobs.
func (s *Server) RunBackground(ctx context.Context) {
	t := time.NewTicker(30 * time.Second)
	defer t.Stop()
	for {
		s.tick(ctx)
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
		{"demo clock", s.syncDemoClock},
		{"lifecycle", s.runLifecycle},
	}
}
