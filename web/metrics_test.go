package web_test

import (
	"bytes"
	"context"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"golang.org/x/crypto/bcrypt"

	"portal/internal/demo"
	"portal/internal/platform/clock"
	"portal/internal/platform/db"
	"portal/internal/schema"
	"portal/web"
	"portal/web/webtest"
)

// opsApp is a test app whose server is built with cfg changed by change; it
// logs at debug level into the returned buffer.
func opsApp(t *testing.T, change func(*web.Config)) (*webtest.App, *syncBuffer) {
	t.Helper()
	app := webtest.New(t)
	key := make([]byte, 64)
	for i := range key {
		key[i] = byte(i + 1)
	}
	logs := &syncBuffer{}
	demoClock := clock.NewOffset(app.Clock, 0)
	cfg := web.Config{
		DB: app.DB, Clock: demoClock, SessionClock: app.Clock, DemoClock: demoClock, Bundle: app.Bundle, SessionKey: key, Demo: true,
		Logger: slog.New(slog.NewTextHandler(logs, &slog.HandlerOptions{Level: slog.LevelDebug})), BcryptCost: bcrypt.MinCost,
	}
	if change != nil {
		change(&cfg)
	}
	srv, err := web.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	out := *app
	out.Server = srv
	return &out, logs
}

type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// get requests path from h with the given headers.
func get(h http.Handler, path string, header ...string) (int, string, http.Header) {
	req := httptest.NewRequest(http.MethodGet, path, nil)
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	body, _ := io.ReadAll(rec.Result().Body)
	return rec.Code, string(body), rec.Result().Header
}

// OPS-4: by default the public port has no /metrics, whatever is sent.
func TestMetricsNotOnPublicPortByDefault_OPS4(t *testing.T) {
	t.Parallel()
	app := webtest.New(t)
	for _, auth := range []string{"", "Bearer ", "Bearer x"} {
		if code, _, _ := get(app.Server, "/metrics", "Authorization", auth); code != http.StatusNotFound {
			t.Errorf("Authorization %q: %d, want 404", auth, code)
		}
	}
}

// OPS-4: with a token, /metrics answers on the public port only to it, and
// counts requests by route pattern and status (never the raw URL), the
// database pool, lifecycle runs and sign-in failures.
func TestMetricsWithToken_OPS4(t *testing.T) {
	t.Parallel()
	const token = "metrics-token-for-tests-0123456789"
	app, _ := opsApp(t, func(c *web.Config) { c.MetricsToken = token })
	for _, auth := range []string{"", "Bearer", "Bearer wrong", "Basic " + token, "Bearer " + token + "x"} {
		if code, body, _ := get(app.Server, "/metrics", "Authorization", auth); code != http.StatusNotFound || strings.Contains(body, "portal_") {
			t.Errorf("Authorization %q: %d, want 404", auth, code)
		}
	}
	admin := app.SignedIn("globaladmin@contoso.example")
	customer := demo.ID("customer:adatum.com")
	admin.Get("/customers/"+customer).Expect(t, http.StatusOK)
	admin.Get("/no/such/page/"+customer).Expect(t, http.StatusNotFound)
	admin.Post("/demo/clock", url.Values{"days": {"3"}}).Expect(t, http.StatusSeeOther)
	app.Client().Post("/login", url.Values{"email": {"nobody@contoso.example"}, "password": {"wrong-password-123"}}).Expect(t, http.StatusUnauthorized)

	code, body, _ := get(app.Server, "/metrics", "Authorization", "Bearer "+token)
	if code != http.StatusOK {
		t.Fatalf("/metrics with the token: %d", code)
	}
	for _, want := range []string{
		`portal_http_requests_total{method="GET",route="/customers/:id",status="200"} 1`,
		`portal_http_requests_total{method="GET",route="unmatched",status="404"} 1`,
		`portal_http_requests_total{method="POST",route="/demo/clock",status="303"} 1`,
		`portal_http_request_duration_seconds_count{method="GET",route="/customers/:id",status="200"} 1`,
		`portal_lifecycle_runs_total{result="ran"} 1`,
		`portal_lifecycle_run_duration_seconds_count 1`,
		`portal_lifecycle_errors_total 0`,
		`portal_sign_in_failures_total{reason="failed"} 1`,
		`go_sql_max_open_connections{db_name="`,
		`go_sql_in_use_connections{db_name="`,
	} {
		if !strings.Contains(body, want) {
			t.Errorf("metrics lack %s", want)
		}
	}
	if strings.Contains(body, customer) {
		t.Error("metrics name a raw URL")
	}
	// The separate listener's handler serves the same registry.
	code, own, _ := get(app.Server.MetricsHandler(), "/metrics")
	if code != http.StatusOK || !strings.Contains(own, `route="/customers/:id"`) {
		t.Fatalf("metrics handler: %d", code)
	}
}

// OPS-4: /readyz is 200 only when the database answers and the migrations
// are current; /healthz stays a liveness check.
func TestReadyz_OPS4(t *testing.T) {
	t.Parallel()
	// A database handle of its own, closed below, not the test kit's.
	own, err := db.Open(filepath.Join(t.TempDir(), "ready.db"), clock.System{})
	if err != nil {
		t.Fatal(err)
	}
	var notCurrent error
	app, _ := opsApp(t, func(c *web.Config) {
		c.DB = own
		c.Ready = func(context.Context) error { return notCurrent }
	})
	if code, _, _ := get(app.Server, "/readyz"); code != http.StatusOK {
		t.Fatalf("ready: %d", code)
	}
	notCurrent = errors.New("migration 7 pending")
	if code, _, _ := get(app.Server, "/readyz"); code != http.StatusServiceUnavailable {
		t.Fatalf("migrations pending: %d, want 503", code)
	}
	if code, _, _ := get(app.Server, "/healthz"); code != http.StatusOK {
		t.Fatalf("healthz while not ready: %d", code)
	}
	notCurrent = nil
	sqlDB, _ := own.DB()
	_ = sqlDB.Close()
	for _, path := range []string{"/readyz", "/healthz"} {
		if code, _, _ := get(app.Server, path); code != http.StatusServiceUnavailable {
			t.Fatalf("database closed: %s %d, want 503", path, code)
		}
	}
}

// OPS-4: the readiness hook cmd/portal wires: a migrated database is
// current, one missing a table is not.
func TestSchemaCurrent_OPS4(t *testing.T) {
	t.Parallel()
	app := webtest.New(t)
	if err := schema.Ready(t.Context(), app.DB); err != nil {
		t.Fatalf("migrated database: %v", err)
	}
	empty, err := db.Open(filepath.Join(t.TempDir(), "empty.db"), clock.System{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if s, err := empty.DB(); err == nil {
			_ = s.Close()
		}
	})
	if err := schema.Ready(t.Context(), empty); err == nil {
		t.Fatal("an empty database reads as current")
	}
}
