package web

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"portal/views/dashboard"
)

// home is the dashboard (DASH-1, DASH-2).
func (s *Server) home(c echo.Context) error {
	return s.render(c, http.StatusOK, dashboard.Page(dashboard.Home{UserName: mustViewer(c).User.Name}))
}
