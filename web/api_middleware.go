package web

import (
	"bytes"
	"errors"
	"io"
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"

	"portal/internal/apitokens"
	"portal/views/components"
)

// apiChain is the middleware of one API route: the body cap, the bearer
// token (API-2), the token's rate limit (API-3), the permission table
// (AUTH-5, the same as the pages) and, on POST, Idempotency-Key (API-3).
// No session and no CSRF check: /api/ reads no cookie.
func (s *Server) apiChain(r route) []echo.MiddlewareFunc {
	mw := []echo.MiddlewareFunc{apiBody}
	if r.public {
		return mw
	}
	mw = append(mw, s.apiAuth, s.apiRateLimit)
	if r.action != "" {
		mw = append(mw, require(r.action))
	}
	if r.method == http.MethodPost {
		mw = append(mw, s.apiIdempotent)
	}
	return mw
}

// apiBody caps a call's body at 64 KB (AUTH-13) and takes only JSON.
func apiBody(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		r := c.Request()
		if r.ContentLength > defaultBodyLimit {
			return echo.NewHTTPError(http.StatusRequestEntityTooLarge)
		}
		r.Body = http.MaxBytesReader(c.Response(), r.Body, defaultBodyLimit)
		if ct := r.Header.Get("Content-Type"); r.ContentLength > 0 && ct != "" && !strings.HasPrefix(ct, "application/json") {
			return echo.NewHTTPError(http.StatusUnsupportedMediaType)
		}
		return next(c)
	}
}

// apiIdempotent repeats the first answer to a POST with the same
// Idempotency-Key from the same token for 24 hours instead of acting again
// (API-3); the same key with another body is refused with 422.
func (s *Server) apiIdempotent(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		key := c.Request().Header.Get("Idempotency-Key")
		if key == "" {
			return next(c)
		}
		if len(key) > 200 {
			errs := components.FieldErrors{}
			errs.Add("Idempotency-Key", "field.too_long", 200)
			return apiInvalid(errs)
		}
		body, err := io.ReadAll(c.Request().Body)
		if err != nil {
			return echo.NewHTTPError(http.StatusRequestEntityTooLarge)
		}
		c.Request().Body = io.NopCloser(bytes.NewReader(body))
		ctx := c.Request().Context()
		tokenID := apiCallerOf(c).Token.ID
		request := apitokens.RequestHash(c.Request().Method, c.Request().URL.RequestURI(), body)
		prior, ok, err := s.tokens.Recall(ctx, tokenID, key, request)
		if errors.Is(err, apitokens.ErrKeyReused) {
			return apiRefused(http.StatusUnprocessableEntity, "api.error.key_reused")
		}
		if err != nil {
			return err
		}
		if ok {
			c.Response().Header().Set("Idempotent-Replayed", "true")
			return c.Blob(prior.Status, contentTypeOf(prior.Status), []byte(prior.Body))
		}
		tee := &teeWriter{ResponseWriter: c.Response().Writer}
		c.Response().Writer = tee
		if err := next(c); err != nil {
			c.Error(err)
		}
		if st := c.Response().Status; st < 500 && st != http.StatusTooManyRequests {
			return s.tokens.Remember(ctx, apitokens.Answer{TokenID: tokenID, Key: key, Request: request, Status: st, Body: tee.buf.String()})
		}
		return nil
	}
}

// contentTypeOf is the media type of a kept answer.
func contentTypeOf(status int) string {
	if status >= 400 {
		return "application/problem+json"
	}
	return echo.MIMEApplicationJSON
}

// teeWriter keeps a copy of what a handler writes.
type teeWriter struct {
	http.ResponseWriter
	buf bytes.Buffer
}

func (w *teeWriter) Write(b []byte) (int, error) {
	w.buf.Write(b)
	return w.ResponseWriter.Write(b)
}
