package web

import (
	"errors"
	"mime"
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"
)

// defaultBodyLimit caps every request body but an upload's (AUTH-13).
const defaultBodyLimit = 64 << 10

// requestHygiene runs before anything reads the body, the CSRF check
// included (AUTH-13): a body over limit answers 413 and a multipart body on
// a route that takes no upload 415, both before a byte is read; a
// state-changing form is then parsed once, within the limit, and refused
// with 422 when a single-valued field comes twice (multi names the fields
// that may repeat) or, unless the handler explains it field by field
// (checksText), when a field is not valid UTF-8.
func requestHygiene(limit int64, upload bool, multi []string, checksText bool) echo.MiddlewareFunc {
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			r := c.Request()
			if r.ContentLength > limit {
				return tooLargeFor(upload, nil)
			}
			mediaType, _, _ := mime.ParseMediaType(r.Header.Get(echo.HeaderContentType))
			if !upload && strings.HasPrefix(mediaType, "multipart/") {
				return &pageError{status: http.StatusUnsupportedMediaType, titleKey: "hygiene.error.415.title", bodyKey: "hygiene.error.415.body"}
			}
			if r.Body != nil && r.Body != http.NoBody {
				r.Body = http.MaxBytesReader(c.Response(), r.Body, limit)
			}
			switch r.Method {
			case http.MethodGet, http.MethodHead, http.MethodOptions:
				return next(c)
			}
			if upload && strings.HasPrefix(mediaType, "multipart/") {
				return next(c) // the upload handler reads its own form
			}
			if _, problems, err := readForm(r, multi...); err != nil {
				var tooBig *http.MaxBytesError
				if errors.As(err, &tooBig) {
					return tooLargeFor(upload, err)
				}
				return &pageError{status: http.StatusUnprocessableEntity, titleKey: "error.422.title", bodyKey: "error.422.body", cause: err}
			} else if problems.Has(formDuplicate) {
				return &pageError{status: http.StatusUnprocessableEntity, titleKey: "error.422.title", bodyKey: "hygiene.error.duplicate"}
			} else if !checksText && problems.Has(formBadText) {
				return &pageError{status: http.StatusUnprocessableEntity, titleKey: "error.422.title", bodyKey: "hygiene.error.bad_text"}
			}
			return next(c)
		}
	}
}

// tooLargeFor is the 413 of a body over its route's limit (AUTH-13): an
// upload's page says the file limits, any other a plain one.
func tooLargeFor(upload bool, cause error) error {
	if upload {
		return tooLarge(cause)
	}
	return &pageError{status: http.StatusRequestEntityTooLarge, titleKey: "hygiene.error.413.title", bodyKey: "hygiene.error.413.body", cause: cause}
}

// noStore marks every signed-in answer and every CSV uncacheable (AUTH-13),
// so a shared or back-button cache never shows one user's data to another.
// It runs after loadViewer, so it knows whether someone is signed in; the
// header is set before the handler writes.
func noStore(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		if viewerOf(c) != nil || strings.HasSuffix(c.Request().URL.Path, ".csv") {
			c.Response().Header().Set("Cache-Control", "no-store")
		}
		return next(c)
	}
}

// strictTransport sends HSTS when the portal is served over TLS: the request
// came over TLS, or the configured public address is https (AUTH-13), as
// behind a proxy that ends TLS.
func (s *Server) strictTransport(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		if c.Request().TLS != nil || strings.HasPrefix(s.baseURL, "https://") {
			c.Response().Header().Set("Strict-Transport-Security", "max-age=31536000; includeSubDomains")
		}
		return next(c)
	}
}

// redactPath returns a request path fit for the logs (AUTH-13): on the
// routes whose last segment is a bearer token (whoever holds the link may use
// it) the token is replaced by REDACTED.
func redactPath(p string) string {
	for _, prefix := range []string{"/downloads/", "/invitations/", "/password-reset/"} {
		if strings.HasPrefix(p, prefix) {
			return prefix + "REDACTED"
		}
	}
	return p
}
