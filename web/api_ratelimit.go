package web

import (
	"math"
	"net/http"
	"strconv"
	"sync"

	"github.com/labstack/echo/v4"
	"golang.org/x/time/rate"
)

// API rate limit per token (API-3): a steady 10 calls a second with bursts
// of 120, enough for a script walking every subscription of a partner, not
// enough for one token to crowd out the pages.
const (
	apiCallsPerSecond = 10
	apiBurst          = 120
)

// apiLimiter holds one token bucket per API token, on this node.
type apiLimiter struct {
	mu      sync.Mutex
	perSec  rate.Limit
	burst   int
	buckets map[string]*rate.Limiter
}

func newAPILimiter(perSecond float64, burst int) *apiLimiter {
	return &apiLimiter{perSec: rate.Limit(perSecond), burst: burst, buckets: map[string]*rate.Limiter{}}
}

// LimitAPI sets the API rate limit per token: a steady rate a second and a
// burst.
func (s *Server) LimitAPI(perSecond float64, burst int) {
	s.apiLimits = newAPILimiter(perSecond, burst)
}

// apiRateLimit answers 429 with Retry-After (whole seconds) to a token over
// its limit (API-3); time is the injected clock's.
func (s *Server) apiRateLimit(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		l := s.apiLimits
		id := apiCallerOf(c).Token.ID
		l.mu.Lock()
		b, ok := l.buckets[id]
		if !ok {
			b = rate.NewLimiter(l.perSec, l.burst)
			l.buckets[id] = b
		}
		now := s.sessionClock.Now()
		r := b.ReserveN(now, 1)
		wait := r.DelayFrom(now)
		if wait > 0 {
			r.CancelAt(now)
		}
		l.mu.Unlock()
		if wait > 0 {
			c.Response().Header().Set("Retry-After", strconv.Itoa(int(math.Ceil(wait.Seconds()))))
			return apiRefused(http.StatusTooManyRequests, "api.error.rate_limited")
		}
		return next(c)
	}
}
