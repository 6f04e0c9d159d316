package web

import (
	"context"
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"

	"portal/internal/demo"
	"portal/views/components"
	dashviews "portal/views/dashboard"
)

// syncDemoClock reads the demo clock's shift from the database, so a move
// made on any node reaches this one (OPS-3).
func (s *Server) syncDemoClock(ctx context.Context) error {
	if s.demoClock == nil {
		return nil
	}
	days, ok, err := demo.ClockShift(ctx, s.db)
	if err != nil || !ok {
		return err
	}
	s.demoClock.Follow(days)
	return nil
}

// followDemoClock reads the demo clock's shift at the start of every request
// (one primary-key read, demo mode only), so every node sees a move made on
// another at its next request (OPS-3). Static files skip it.
func (s *Server) followDemoClock(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		if s.demoClock != nil && !strings.HasPrefix(c.Request().URL.Path, "/static/") {
			if err := s.syncDemoClock(c.Request().Context()); err != nil {
				return err
			}
		}
		return next(c)
	}
}

// runLifecycle applies the time-driven rules due now (LIFE-1), at the demo
// clock's stored shift.
func (s *Server) runLifecycle(ctx context.Context) error {
	if err := s.syncDemoClock(ctx); err != nil {
		return err
	}
	rep, err := s.lifecycle.Run(ctx)
	if rep.Subscriptions > 0 || rep.InvoicesIssued > 0 {
		s.log.Info("lifecycle run", "subscriptions", rep.Subscriptions, "invoices_issued", rep.InvoicesIssued)
	}
	return err
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
	if _, err := demo.MoveClock(ctx, s.db, s.activity, s.demoClock, v.Partner.ID, subActor(c), days); err != nil {
		return err
	}
	if err := s.runLifecycle(ctx); err != nil {
		return err
	}
	return s.redirect(c, "/", "demo.flash.clock_moved")
}
