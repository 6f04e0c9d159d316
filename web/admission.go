package web

import (
	"net/http"

	"github.com/labstack/echo/v4"
)

// admission lets a bounded number of requests work at once and queues the
// others in their order of arrival (PERF-2). Without it, 32 requests at
// once on two cores all reached the database pool, whose waiters are
// served in random order (database/sql): the median stayed low while the
// slowest requests waited many turns. A channel's waiting senders are
// served first come, first served, so a queued request waits its turn and
// no more. Static files and the service checks do not queue.
//
// Reads and changes queue apart (slotsFor). A change on SQLite spends much
// of its time waiting for the database's one writer, holding its slot
// without working: in one queue, two changes waiting so left a core idle
// while reads waited behind them. Changes have slots of their own,
// db.ChangeConcurrency: on SQLite as many as one group commit carries,
// since the changes waiting together for the writer commit together.
type admission chan struct{}

func newAdmission(n int) admission { return make(admission, n) }

// admit waits for a slot, or for the client to give up.
func (a admission) admit(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		ctx := c.Request().Context()
		select {
		case a <- struct{}{}:
		case <-ctx.Done():
			return ctx.Err()
		}
		defer func() { <-a }()
		return next(c)
	}
}

// slotsFor returns the admission of a route's method: reads (GET, HEAD)
// and changes queue apart.
func (s *Server) slotsFor(method string) admission {
	if method == http.MethodGet || method == http.MethodHead {
		return s.slots
	}
	return s.changeSlots
}
