package web

import (
	"context"
	"net/http"

	"github.com/labstack/echo/v4"
)

// healthz is the liveness check: 200 when the database answers, 503
// otherwise. It stays as it was (OPS-4).
func (s *Server) healthz(c echo.Context) error {
	if err := s.pingDB(c.Request().Context()); err != nil {
		s.log.ErrorContext(c.Request().Context(), "health check failed", "err", err)
		return c.String(http.StatusServiceUnavailable, "database unavailable\n")
	}
	return c.String(http.StatusOK, "ok\n")
}

// readyz is the readiness check (OPS-4): 200 only when the database answers
// and its migrations are current (Config.Ready), so a proxy sends no traffic
// to a node that cannot serve it yet.
func (s *Server) readyz(c echo.Context) error {
	ctx := c.Request().Context()
	if err := s.pingDB(ctx); err != nil {
		s.log.WarnContext(ctx, "not ready: database", "err", err)
		return c.String(http.StatusServiceUnavailable, "database unavailable\n")
	}
	if s.ready != nil {
		if err := s.ready(ctx); err != nil {
			s.log.WarnContext(ctx, "not ready: migrations", "err", err)
			return c.String(http.StatusServiceUnavailable, "migrations not current\n")
		}
	}
	return c.String(http.StatusOK, "ready\n")
}

func (s *Server) pingDB(ctx context.Context) error {
	sqlDB, err := s.db.DB()
	if err != nil {
		return err
	}
	return sqlDB.PingContext(ctx)
}
