package web

import (
	"context"
	"net/http"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"portal/internal/demo"
	"portal/internal/platform/clock"
	"portal/views/components"
	dashviews "portal/views/dashboard"
)

// syncDemoClock reads the demo clock's shift from the database, so a move
// made on any node reaches this one (OPS-3).
func (s *Server) syncDemoClock(ctx context.Context) error {
	if s.demoClocks == nil {
		return nil
	}
	return s.demoClocks.Sync(ctx)
}

// isServiceRoute tells the checks a proxy or Prometheus calls: they answer
// without the demo clock, so a database that is down shows as 503, not 500.
func isServiceRoute(route string) bool {
	switch route {
	case "/healthz", "/readyz", "/metrics":
		return true
	}
	return false
}

// followDemoClock reads the demo clock's shift at the start of every request
// (one primary-key read, demo mode only), so every node sees a move made on
// another at its next request (OPS-3). Static files skip it.
func (s *Server) followDemoClock(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		if s.demoClocks != nil && !strings.HasPrefix(c.Path(), "/static/") && !isServiceRoute(c.Path()) {
			if err := s.syncDemoClock(c.Request().Context()); err != nil {
				return err
			}
		}
		return next(c)
	}
}

// runLifecycle applies the time-driven rules due now (LIFE-1), at the demo
// clock's stored shift, unless a pass is running already on any node
// (OPS-3); it reports whether this node ran one.
func (s *Server) runLifecycle(ctx context.Context) error {
	_, err := s.runLifecyclePass(ctx)
	return err
}

func (s *Server) runLifecyclePass(ctx context.Context) (bool, error) {
	if err := s.syncDemoClock(ctx); err != nil {
		return false, err
	}
	watch := clock.StartStopwatch()
	rep, ran, err := s.lifecycle.RunExclusive(ctx)
	s.metrics.lifecycleRun(ran, err, watch.Elapsed())
	switch {
	case !ran:
		s.log.DebugContext(ctx, "lifecycle pass skipped: another node is running one")
	case rep.Subscriptions > 0 || rep.InvoicesIssued > 0:
		s.log.InfoContext(ctx, "lifecycle run", "subscriptions", rep.Subscriptions, "invoices_issued", rep.InvoicesIssued, "took", watch.Elapsed())
	}
	return ran, err
}

// lifecycleWaitLimit bounds how long a demo clock move waits for a pass
// running elsewhere before it runs its own.
const lifecycleWaitLimit = 10 * time.Second

// runLifecycleAfterMove runs a pass at the moved clock (LIFE-3). A pass
// already running (on any node) started before the move, so this one waits
// for it to end and runs its own, for at most lifecycleWaitLimit.
func (s *Server) runLifecycleAfterMove(ctx context.Context) error {
	wait := time.NewTimer(lifecycleWaitLimit)
	defer wait.Stop()
	for {
		ran, err := s.runLifecyclePass(ctx)
		if ran || err != nil {
			return err
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-wait.C:
			return nil // the next periodic pass applies the move
		case <-time.After(50 * time.Millisecond):
		}
	}
}

// demoClockForm shows the demo clock on its own page (LIFE-3); outside demo
// mode there is no such page.
func (s *Server) demoClockForm(c echo.Context) error {
	if !s.demoClockOn() {
		return notFound()
	}
	return s.render(c, http.StatusOK, dashviews.DemoClockPage(*s.demoClockModel("30", components.FieldErrors{})))
}

// moveDemoClock moves the demo clock forward by 1 to 400 days, then runs the
// lifecycle engine so every page shows the moved time's state (LIFE-3).
func (s *Server) moveDemoClock(c echo.Context) error {
	if !s.demoClockOn() {
		return notFound()
	}
	errs := components.FieldErrors{}
	raw := c.FormValue("days")
	days := checkInt(errs, "days", raw, demo.MinClockMove, demo.MaxClockMove, "demo.clock_range")
	if errs.Any() {
		return s.render(c, http.StatusUnprocessableEntity, dashviews.DemoClockPage(*s.demoClockModel(raw, errs)))
	}
	v := mustViewer(c)
	ctx := c.Request().Context()
	if _, err := s.demoClocks.Move(ctx, v.Partner.ID, actorOf(c), days); err != nil {
		return err
	}
	if err := s.runLifecycleAfterMove(ctx); err != nil {
		return err
	}
	return s.redirect(c, "/", "demo.flash.clock_moved")
}
