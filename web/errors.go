package web

import (
	"errors"
	"net/http"

	"github.com/labstack/echo/v4"

	"portal/internal/perm"
	"portal/internal/platform/apperr"
	"portal/internal/platform/i18n"
	"portal/views/errorpages"
)

// pageError is an error with the page to show for it: its status, safe
// message keys, and for a 403 the roles that may act. The cause is logged,
// never shown.
type pageError struct {
	status   int
	titleKey string
	bodyKey  string
	roles    []perm.Role
	cause    error
}

func (e *pageError) Error() string {
	if e.cause != nil {
		return http.StatusText(e.status) + ": " + e.cause.Error()
	}
	return http.StatusText(e.status)
}

func (e *pageError) Unwrap() error { return e.cause }

// forbidden is the 403 of an action the user's roles do not allow.
func forbidden(a perm.Action) error {
	return &pageError{status: http.StatusForbidden, titleKey: "error.403.title", bodyKey: "error.403.body", roles: perm.RolesFor(a)}
}

// notFound is the 404 of an unknown or another partner's ID (AUTH-1).
func notFound() error {
	return &pageError{status: http.StatusNotFound, titleKey: "error.404.title", bodyKey: "error.404.body"}
}

// statusOf maps an error to its status: the one table of sentinel kinds.
func statusOf(err error) int {
	var pe *pageError
	var he *echo.HTTPError
	switch {
	case errors.As(err, &pe):
		return pe.status
	case errors.As(err, &he):
		return he.Code
	case errors.Is(err, apperr.ErrNotFound):
		return http.StatusNotFound
	case errors.Is(err, apperr.ErrForbidden):
		return http.StatusForbidden
	case errors.Is(err, apperr.ErrInvalid):
		return http.StatusUnprocessableEntity
	case errors.Is(err, apperr.ErrConflict):
		return http.StatusConflict
	case errors.Is(err, apperr.ErrGone):
		return http.StatusGone
	}
	return http.StatusInternalServerError
}

// handleError is Echo's error handler: it logs the cause of server errors and
// renders the error page for the status.
func (s *Server) handleError(err error, c echo.Context) {
	if c.Response().Committed {
		return
	}
	if isAPI(c) {
		// The JSON API answers problem documents (API-3).
		if c.Get("l") == nil {
			c.Set("l", s.bundle.For(i18n.Negotiate("", c.Request().Header.Get("Accept-Language"))))
		}
		s.writeProblem(c, err)
		return
	}
	status := statusOf(err)
	if c.Get("l") == nil {
		// A request no route matched: read the session as the pages do, so
		// the page speaks the user's saved language, else the one chosen on
		// the login page, else the browser's (I18N-2).
		s.errorPageLanguage(c)
	}
	v := viewerOf(c)
	m := errorpages.Model{Status: status, SignedIn: v != nil, RequestID: requestIDOf(c.Request().Context())}
	m.TitleKey, m.BodyKey, m.Roles = pageKeys(err, status)
	if len(m.Roles) > 0 {
		// Who can change roles comes from the permission table too.
		m.Granters = perm.RolesFor(perm.ManageUsers)
		m.CanGrant = v != nil && v.Roles.Can(perm.ManageUsers)
	}
	if status >= 500 {
		s.log.ErrorContext(c.Request().Context(), "request failed", "method", c.Request().Method, "path", redactPath(c.Request().URL.Path), "err", err)
	}
	// An error page is never cached: it may follow a signed-in request
	// (AUTH-13), and the next try may succeed.
	c.Response().Header().Set("Cache-Control", "no-store")
	if rerr := s.render(c, status, errorpages.Page(m)); rerr != nil {
		s.log.ErrorContext(c.Request().Context(), "render error page", "err", rerr)
	}
}

// errorPageLanguage sets the viewer and language of a request that went
// through no route's middleware; when the session cannot be read, the
// browser's language.
func (s *Server) errorPageLanguage(c echo.Context) {
	if err := s.loadViewer(func(echo.Context) error { return nil })(c); err != nil || c.Get("l") == nil {
		c.Set("l", s.bundle.For(i18n.Negotiate("", c.Request().Header.Get("Accept-Language"))))
	}
}

// pageKeys returns the message keys of an error's page (or problem
// document), and for a 403 the roles that may act.
func pageKeys(err error, status int) (titleKey, bodyKey string, roles []perm.Role) {
	var pe *pageError
	if errors.As(err, &pe) {
		return pe.titleKey, pe.bodyKey, pe.roles
	}
	switch status {
	case http.StatusNotFound, http.StatusMethodNotAllowed:
		return "error.404.title", "error.404.body", nil
	case http.StatusForbidden:
		return "error.403.title", "error.403.body", nil
	case http.StatusUnprocessableEntity, http.StatusBadRequest, http.StatusRequestEntityTooLarge, http.StatusConflict:
		return "error.422.title", "error.422.body", nil
	}
	return "error.500.title", "error.500.body", nil
}
