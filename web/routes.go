package web

import (
	"github.com/labstack/echo/v4"

	"portal/static"
)

// routes is THE route table (SPEC section 14). The role each route needs is
// visible on its line; require enforces the permission table of AUTH-5.
func (s *Server) routes(e *echo.Echo) {
	e.Use(s.recoverPanics, s.logRequests, secureHeaders)
	e.GET("/healthz", s.healthz)
	e.StaticFS("/static", static.FS)

	// Everything below has a session, a language and CSRF checks (AUTH-3).
	app := e.Group("", s.loadViewer, s.checkCSRF)
	app.GET("/login", s.loginForm)
	app.POST("/login", s.login)
	app.POST("/logout", s.logout)
	app.POST("/language", s.setLanguage)

	// Signed-in pages (AUTH-6).
	in := app.Group("", s.requireUser)
	in.GET("/", s.home)
}
