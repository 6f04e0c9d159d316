package web

import (
	"context"
	"strconv"

	"portal/internal/demo"
	"portal/internal/platform/settings"
)

// syncDemoClock reads the demo clock's shift from the database, so a shift
// made on one node reaches the others.
func (s *Server) syncDemoClock(ctx context.Context) error {
	if s.demoClock == nil {
		return nil
	}
	v, ok, err := settings.Store{DB: s.db}.Get(ctx, demo.ClockSetting)
	if err != nil || !ok {
		return err
	}
	days, err := strconv.Atoi(v)
	if err != nil {
		return err
	}
	s.demoClock.SetDays(days)
	return nil
}
