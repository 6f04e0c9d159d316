package web

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"log/slog"
	"regexp"

	"github.com/labstack/echo/v4"

	"portal/internal/platform/clock"
)

// requestIDHeader carries the request ID to and from a proxy in front.
const requestIDHeader = "X-Request-ID"

// safeRequestID is the form of a request ID taken from a proxy in front: a
// short run of letters, digits, dots, dashes and underscores, which cannot
// forge a log line or inject markup. Anything else is replaced.
var safeRequestID = regexp.MustCompile(`^[A-Za-z0-9._-]{8,64}$`)

type requestIDKey struct{}

// requestIDOf returns the request ID carried by ctx, or "".
func requestIDOf(ctx context.Context) string {
	id, _ := ctx.Value(requestIDKey{}).(string)
	return id
}

// newRequestID returns 16 random bytes in hex.
func newRequestID() string {
	b := make([]byte, 16)
	_, _ = rand.Read(b) // crypto/rand never fails on supported platforms
	return hex.EncodeToString(b)
}

// observe is the outermost middleware (OPS-4, OPS-5): it gives the request
// its ID (kept from the proxy when safe, else new), puts it in the request's
// context for every log line and in the response header, and after the
// request counts it in the metrics with its final status.
func (s *Server) observe(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		watch := clock.StartStopwatch()
		id := c.Request().Header.Get(requestIDHeader)
		if !safeRequestID.MatchString(id) {
			id = newRequestID()
		}
		req := c.Request()
		c.SetRequest(req.WithContext(context.WithValue(req.Context(), requestIDKey{}, id)))
		c.Response().Header().Set(requestIDHeader, id)
		if err := next(c); err != nil {
			c.Error(err)
		}
		s.metrics.observe(c, watch.Elapsed())
		return nil
	}
}

// requestIDHandler adds the request ID of the record's context to every log
// line written with one (slog's …Context methods).
type requestIDHandler struct{ slog.Handler }

// Handle adds request_id when the context carries one.
func (h requestIDHandler) Handle(ctx context.Context, r slog.Record) error {
	if id := requestIDOf(ctx); id != "" {
		r.AddAttrs(slog.String("request_id", id))
	}
	return h.Handler.Handle(ctx, r)
}

// WithAttrs keeps the wrapper on derived handlers.
func (h requestIDHandler) WithAttrs(as []slog.Attr) slog.Handler {
	return requestIDHandler{h.Handler.WithAttrs(as)}
}

// WithGroup keeps the wrapper on derived handlers.
func (h requestIDHandler) WithGroup(name string) slog.Handler {
	return requestIDHandler{h.Handler.WithGroup(name)}
}
