package web

import (
	"errors"
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"

	"portal/internal/apitokens"
	"portal/internal/platform/i18n"
)

// apiCallerOf returns the token caller of an API request.
func apiCallerOf(c echo.Context) *apitokens.Caller {
	caller, _ := c.Get("apiCaller").(*apitokens.Caller)
	return caller
}

// apiAuth authenticates an API call by its bearer token alone (API-2): no
// cookie is read on /api/, so a session never authenticates a call and CSRF
// has nothing to protect. The token's user, partner and roles are read from
// the database at each call, so a role change or a disabled user takes
// effect at the next one. The caller becomes the request's viewer, so the
// permission table (require) and every handler see them as they would a
// signed-in user.
func (s *Server) apiAuth(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		accept := c.Request().Header.Get("Accept-Language")
		c.Set("l", s.bundle.For(i18n.Negotiate("", accept)))
		c.Response().Header().Set("Cache-Control", "no-store")
		secret, ok := strings.CutPrefix(c.Request().Header.Get("Authorization"), "Bearer ")
		if !ok {
			return apiUnauthorized()
		}
		caller, err := s.tokens.Authenticate(c.Request().Context(), strings.TrimSpace(secret))
		if errors.Is(err, apitokens.ErrUnauthenticated) {
			return apiUnauthorized()
		}
		if err != nil {
			return err
		}
		c.Set("apiCaller", &caller)
		c.Set("viewer", &viewer{User: caller.User, Partner: caller.Partner, Roles: caller.User.Roles()})
		c.Set("l", s.bundle.For(i18n.Negotiate(caller.User.Language, accept)))
		return next(c)
	}
}

// apiUnauthorized is the 401 of a call without a valid token.
func apiUnauthorized() error {
	return &pageError{status: http.StatusUnauthorized, titleKey: "api.error.401.title", bodyKey: "api.error.401.body"}
}
