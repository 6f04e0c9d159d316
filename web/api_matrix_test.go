package web_test

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"portal/internal/perm"
	"portal/web/webtest"
)

// API-2, AUTH-1, AUTH-5: every API route × every role, no token, and a
// token of another partner, generated from the route table and the
// permission table like the pages' matrix: a role the table refuses gets
// 403 naming the roles that may, an allowed one never 401/403/404/5xx, no
// token 401, another partner's IDs 404. Every answer is checked against
// the OpenAPI document by the client.
func TestAPIRouteRoleMatrix_API2(t *testing.T) {
	t.Parallel()
	app := webtest.New(t)
	clients := map[perm.Role]*webtest.APIClient{}
	for role, email := range roleUsers() {
		clients[role] = apiFor(t, app, email)
	}
	fabrikam := apiFor(t, app, "globaladmin@fabrikam.example")
	anon := app.API("")
	send := func(c *webtest.APIClient, method, path string) *webtest.APIResponse {
		if method == http.MethodGet {
			return c.Get(path)
		}
		return c.Do(method, path, map[string]any{})
	}
	routes := 0
	for _, r := range app.Server.Routes() {
		if !r.API || r.Public {
			continue
		}
		routes++
		owned, scoped := r.Path, false
		p := strings.TrimPrefix(r.Path, "/api/v1")
		pageOf := map[string]string{"/invoices/:id": "/billing/invoices/", "/support-requests/:id": "/support/"}
		switch {
		case strings.HasPrefix(p, "/invoices/:id"), strings.HasPrefix(p, "/support-requests/:id"):
			prefix := p[:strings.Index(p, ":id")+3]
			page, _ := fixture(t, app, pageOf[prefix]+":id")
			owned, scoped = "/api/v1"+strings.Replace(p, ":id", strings.TrimPrefix(page, pageOf[prefix]), 1), true
		case strings.Contains(p, ":"):
			p, scoped = fixture(t, app, p)
			owned = "/api/v1" + p
		}
		t.Run(r.Method+" "+r.Path, func(t *testing.T) {
			if got := send(anon, r.Method, owned); got.Status != http.StatusUnauthorized {
				t.Errorf("no token: status %d, want 401", got.Status)
			}
			for role, c := range clients {
				got := send(c, r.Method, owned)
				allowed := r.Action == "" || perm.Roles{role}.Can(r.Action)
				switch {
				case !allowed && got.Status != http.StatusForbidden:
					t.Errorf("%s: status %d, want 403", role, got.Status)
				case !allowed:
					if roles, _ := got.JSON["roles"].([]any); len(roles) != len(perm.RolesFor(r.Action)) {
						t.Errorf("%s: 403 names %d roles, want %d", role, len(roles), len(perm.RolesFor(r.Action)))
					}
				case r.Method == http.MethodGet && got.Status != http.StatusOK:
					t.Errorf("%s: status %d, want 200: %s", role, got.Status, got.Body)
				case got.Status == http.StatusUnauthorized || got.Status == http.StatusForbidden || got.Status == http.StatusNotFound || got.Status >= 500:
					t.Errorf("%s: status %d for an allowed call: %s", role, got.Status, got.Body)
				}
			}
			if scoped {
				got := send(fabrikam, r.Method, owned)
				wantStatus := http.StatusNotFound
				if !(perm.Roles{perm.GlobalAdmin}).Can(r.Action) {
					wantStatus = http.StatusForbidden
				}
				if got.Status != wantStatus {
					t.Errorf("another partner's ID: status %d, want %d", got.Status, wantStatus)
				}
			}
		})
	}
	if routes < 10 {
		t.Errorf("only %d API routes in the table", routes)
	}
}

// API-3: each token has its own rate limit; over it the answer is 429 with
// Retry-After, and calls pass again once that time has gone by.
func TestAPIRateLimitPerToken_API3(t *testing.T) {
	t.Parallel()
	app := webtest.New(t)
	app.Server.LimitAPI(1, 2)
	api := apiFor(t, app, "sales@contoso.example")
	other := apiFor(t, app, "adminagent@contoso.example")
	want(t, api.Get("/api/v1/customers"), http.StatusOK)
	want(t, api.Get("/api/v1/customers"), http.StatusOK)
	r := api.Get("/api/v1/customers")
	want(t, r, http.StatusTooManyRequests)
	if r.Header.Get("Retry-After") != "1" || r.Header.Get("Content-Type") != "application/problem+json" {
		t.Errorf("429: Retry-After %q, type %q", r.Header.Get("Retry-After"), r.Header.Get("Content-Type"))
	}
	want(t, other.Get("/api/v1/customers"), http.StatusOK)
	app.Clock.Advance(time.Second)
	want(t, api.Get("/api/v1/customers"), http.StatusOK)
}
