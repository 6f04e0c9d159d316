package web

import (
	"crypto/subtle"
	"net/http"
	"strconv"
	"time"

	"github.com/labstack/echo/v4"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
	"gorm.io/gorm"
)

// metrics are the portal's Prometheus metrics (OPS-4), on a registry of the
// server's own: two servers in one test process never share counters.
type metrics struct {
	reg               *prometheus.Registry
	requests          *prometheus.CounterVec
	requestDuration   *prometheus.HistogramVec
	lifecycleRuns     *prometheus.CounterVec
	lifecycleDuration prometheus.Histogram
	lifecycleErrors   prometheus.Counter
	signInFailures    *prometheus.CounterVec
}

// newMetrics registers the metrics, the database pool's statistics among
// them, and the Go runtime's and process's.
func newMetrics(g *gorm.DB) (*metrics, error) {
	m := &metrics{
		reg: prometheus.NewRegistry(),
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "portal_http_requests_total", Help: "HTTP requests by route pattern, method and status.",
		}, []string{"route", "method", "status"}),
		requestDuration: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name: "portal_http_request_duration_seconds", Help: "HTTP request duration by route pattern, method and status.",
			Buckets: []float64{.005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10},
		}, []string{"route", "method", "status"}),
		lifecycleRuns: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "portal_lifecycle_runs_total", Help: "Lifecycle engine passes: ran on this node, or skipped because another node held the lock.",
		}, []string{"result"}),
		lifecycleDuration: prometheus.NewHistogram(prometheus.HistogramOpts{
			Name: "portal_lifecycle_run_duration_seconds", Help: "Duration of the lifecycle engine passes this node ran.",
			Buckets: prometheus.ExponentialBuckets(0.005, 4, 9),
		}),
		lifecycleErrors: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "portal_lifecycle_errors_total", Help: "Lifecycle engine passes that failed.",
		}),
		signInFailures: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "portal_sign_in_failures_total", Help: "Refused sign-ins by reason (failed, throttled, locked).",
		}, []string{"reason"}),
	}
	sqlDB, err := g.DB()
	if err != nil {
		return nil, err
	}
	for _, c := range []prometheus.Collector{
		m.requests, m.requestDuration, m.lifecycleRuns, m.lifecycleDuration, m.lifecycleErrors, m.signInFailures,
		collectors.NewDBStatsCollector(sqlDB, g.Name()),
		collectors.NewGoCollector(),
		collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}),
	} {
		if err := m.reg.Register(c); err != nil {
			return nil, err
		}
	}
	// Series that exist from the start read 0 rather than missing.
	m.lifecycleRuns.WithLabelValues("ran")
	m.lifecycleRuns.WithLabelValues("skipped")
	return m, nil
}

// observe counts a request under its route pattern (Echo's c.Path(), never
// the raw URL, so IDs do not each make a series of their own).
func (m *metrics) observe(c echo.Context, took time.Duration) {
	route := c.Path()
	if route == "" { // no route matched at all
		route = "unmatched"
	}
	labels := []string{route, c.Request().Method, strconv.Itoa(c.Response().Status)}
	m.requests.WithLabelValues(labels...).Inc()
	m.requestDuration.WithLabelValues(labels...).Observe(took.Seconds())
}

// lifecycleRun counts one pass of the engine (OPS-3, OPS-4).
func (m *metrics) lifecycleRun(ran bool, err error, took time.Duration) {
	if !ran {
		m.lifecycleRuns.WithLabelValues("skipped").Inc()
	} else {
		m.lifecycleRuns.WithLabelValues("ran").Inc()
		m.lifecycleDuration.Observe(took.Seconds())
	}
	if err != nil {
		m.lifecycleErrors.Inc()
	}
}

// signInFailed counts a refused sign-in; reason is failed, throttled or
// locked.
func (m *metrics) signInFailed(reason string) { m.signInFailures.WithLabelValues(reason).Inc() }

// MetricsHandler serves the metrics (OPS-4). Serve it on its own listener
// (cmd/portal's --metrics-addr); the public port serves it only with the
// metrics token.
func (s *Server) MetricsHandler() http.Handler {
	return promhttp.HandlerFor(s.metrics.reg, promhttp.HandlerOpts{Registry: s.metrics.reg})
}

// metricsWithToken serves /metrics on the public port to a request bearing
// Config.MetricsToken; without a token configured, or without the right one,
// the route does not exist (404), so the public port never shows metrics by
// default (OPS-4).
func (s *Server) metricsWithToken(c echo.Context) error {
	const prefix = "Bearer "
	got := c.Request().Header.Get("Authorization")
	if s.metricsToken == "" || len(got) <= len(prefix) || got[:len(prefix)] != prefix ||
		subtle.ConstantTimeCompare([]byte(got[len(prefix):]), []byte(s.metricsToken)) != 1 {
		return notFound()
	}
	s.MetricsHandler().ServeHTTP(c.Response(), c.Request())
	return nil
}
