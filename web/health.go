package web

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"portal/internal/platform/db"
)

// healthz answers 200 when the database answers, 503 otherwise.
func (s *Server) healthz(c echo.Context) error {
	if err := db.Ping(c.Request().Context(), s.db); err != nil {
		s.log.Error("health check failed", "err", err)
		return c.String(http.StatusServiceUnavailable, "database unavailable\n")
	}
	return c.String(http.StatusOK, "ok\n")
}
