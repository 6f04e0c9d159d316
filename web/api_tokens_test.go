package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"portal/internal/auth"
	"portal/web/webtest"
)

// API-2: a token made on the account page is shown once, listed, works
// with Bearer, and answers 401 once revoked.
func TestAPITokenMadeOnAccountPage_API2(t *testing.T) {
	t.Parallel()
	app := webtest.New(t)
	c := app.SignedIn("sales@contoso.example")
	r := c.Post("/account/api-tokens", url.Values{"token_name": {"PSA sync"}, "expires_in": {"365"}})
	if r.Status != http.StatusSeeOther {
		t.Fatalf("create: status %d", r.Status)
	}
	page := c.Get("/account")
	secret := page.Text("#new-token-secret")
	if !strings.HasPrefix(secret, "ppat_") || page.Text(".api-token-name") != "PSA sync" {
		t.Fatalf("new token not shown: secret %q, name %q", secret, page.Text(".api-token-name"))
	}
	if again := c.Get("/account"); again.Count("#new-token-secret") != 0 {
		t.Error("the secret is shown a second time")
	}
	var stored string
	app.DB.Raw("SELECT hash FROM api_tokens").Scan(&stored)
	if stored == "" || strings.Contains(stored, secret) || len(stored) != 64 {
		t.Errorf("stored %q: want only the SHA-256 of the secret", stored)
	}
	api := app.API(secret)
	want(t, api.Get("/api/v1/customers"), http.StatusOK)

	bad := c.Post("/account/api-tokens", url.Values{"token_name": {""}, "expires_in": {"400"}})
	if bad.Status != http.StatusUnprocessableEntity || bad.Count("#token_name-error") != 1 || bad.Count("#expires_in-error") != 1 {
		t.Errorf("a token without a name and over a year: status %d, want 422 with both fields explained", bad.Status)
	}

	id := ""
	app.DB.Raw("SELECT id FROM api_tokens").Scan(&id)
	if r := c.Post("/account/api-tokens/"+id+"/revoke", nil); r.Status != http.StatusSeeOther {
		t.Fatalf("revoke: status %d", r.Status)
	}
	if got := c.Get("/account").Text(".api-token-status"); got != "Revoked" {
		t.Errorf("status after revoke %q", got)
	}
	r401 := api.Get("/api/v1/customers")
	want(t, r401, http.StatusUnauthorized)
	if r401.Header.Get("Content-Type") != "application/problem+json" || r401.JSON["title"] != "Not authenticated" {
		t.Errorf("401 answer: %s %s", r401.Header.Get("Content-Type"), r401.Body)
	}
	// Another user cannot revoke a token not theirs: nothing changes.
	live := apiToken(t, app, "sales@contoso.example", "kept")
	var liveID string
	app.DB.Raw("SELECT id FROM api_tokens WHERE name = 'kept'").Scan(&liveID)
	other := app.SignedIn("adminagent@contoso.example")
	other.Post("/account/api-tokens/"+liveID+"/revoke", nil)
	want(t, app.API(live).Get("/api/v1/customers"), http.StatusOK)
}

// API-2: no token, a wrong one, an expired one and a disabled user's all
// answer 401; a session cookie never authenticates /api/, and a POST to the
// API needs no CSRF token.
func TestAPIRefusesWithoutValidToken_API2(t *testing.T) {
	t.Parallel()
	app := webtest.New(t)
	want(t, app.API("").Get("/api/v1/customers"), http.StatusUnauthorized)
	want(t, app.API("ppat_not-a-token").Get("/api/v1/customers"), http.StatusUnauthorized)

	// The signed-in browser's cookies do not open the API.
	browser := app.SignedIn("globaladmin@contoso.example")
	if r := browser.Get("/api/v1/customers"); r.Status != http.StatusUnauthorized {
		t.Errorf("session cookie on /api/: status %d, want 401", r.Status)
	}

	expiring := apiFor(t, app, "sales@contoso.example")
	want(t, expiring.Get("/api/v1/customers"), http.StatusOK)
	app.Clock.Advance(91 * 24 * time.Hour)
	want(t, expiring.Get("/api/v1/customers"), http.StatusUnauthorized)

	api := apiFor(t, app, "adminagent@contoso.example")
	want(t, api.Get("/api/v1/customers"), http.StatusOK)
	if err := app.DB.Model(&auth.User{}).Where("email = ?", "adminagent@contoso.example").Update("disabled", true).Error; err != nil {
		t.Fatal(err)
	}
	want(t, api.Get("/api/v1/customers"), http.StatusUnauthorized)
}

// API-2, AUTH-5: a token acts with its user's roles as they are at each
// call; a refused call names the roles that may act.
func TestAPIUsesRolesAtEachCall_API2(t *testing.T) {
	t.Parallel()
	app := webtest.New(t)
	api := apiFor(t, app, "helpdesk@contoso.example")
	body := map[string]any{"company_name": "Role Test", "domain": "roletest.example", "country": "US", "segment": "commercial",
		"contact_name": "Ann", "contact_email": "ann@roletest.example", "contact_phone": "+1 555 0100"}
	r := api.Post("/api/v1/customers", body)
	want(t, r, http.StatusForbidden)
	roles, _ := r.JSON["roles"].([]any)
	if len(roles) != 3 || roles[0] != "global_admin" {
		t.Errorf("403 names roles %v, want the three that may create customers", roles)
	}
	if err := app.DB.Model(&auth.User{}).Where("email = ?", "helpdesk@contoso.example").Update("roles", "helpdesk_agent,sales_agent").Error; err != nil {
		t.Fatal(err)
	}
	want(t, api.Post("/api/v1/customers", body), http.StatusCreated)
}
