package web_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"portal/internal/activity"
	"portal/internal/auth"
	"portal/internal/customers"
	"portal/internal/demo"
	"portal/web/webtest"
)

// Every answer carries the security headers: pages, errors, static files.
func TestSecurityHeaders(t *testing.T) {
	t.Parallel()
	app := webtest.New(t)
	anon := app.Client()
	signed := app.SignedIn(contosoAdmin)
	for _, r := range []*webtest.Response{
		anon.Get("/login"), anon.Get("/activity"), anon.Get("/static/app.css"), anon.Get("/no-such-page"),
		signed.Get("/"), signed.Get("/activity"), signed.Get("/activity.csv"), signed.Get("/no-such-page"),
	} {
		h := r.Header
		for name, want := range map[string]string{
			"X-Content-Type-Options": "nosniff",
			"X-Frame-Options":        "DENY",
			"Referrer-Policy":        "same-origin",
		} {
			if got := h.Get(name); got != want {
				t.Errorf("status %d: %s = %q, want %q", r.Status, name, got, want)
			}
		}
		if csp := h.Get("Content-Security-Policy"); !strings.Contains(csp, "default-src 'self'") || !strings.Contains(csp, "frame-ancestors 'none'") || strings.Contains(csp, "unsafe-inline") {
			t.Errorf("status %d: CSP %q", r.Status, csp)
		}
	}
}

// An unknown URL answers the 404 page, inside the shell when signed in.
func TestUnknownURLIs404Page(t *testing.T) {
	t.Parallel()
	app := webtest.New(t)
	for _, c := range []*webtest.Client{app.Client(), app.SignedIn(contosoAdmin)} {
		for _, path := range []string{"/no-such-page", "/customers/x/y/z/w", "/static/nothing.css", "/activity/extra"} {
			r := c.Get(path)
			if r.Status != http.StatusNotFound {
				t.Errorf("%s: status %d", path, r.Status)
				continue
			}
			if path == "/static/nothing.css" {
				continue
			}
			if r.Count(`.error-card[data-status="404"]`) != 1 || r.Text("h1") != "Page not found" {
				t.Errorf("%s: not the 404 page: %q", path, r.Text("h1"))
			}
		}
	}
}

// The static files are served, with their types.
func TestStaticFilesServed(t *testing.T) {
	t.Parallel()
	app := webtest.New(t)
	c := app.Client()
	for path, ctype := range map[string]string{
		"/static/app.css":     "text/css",
		"/static/app.js":      "javascript",
		"/static/htmx.min.js": "javascript",
		"/static/favicon.svg": "image/svg+xml",
	} {
		r := c.Get(path).Expect(t, http.StatusOK)
		if !strings.Contains(r.Header.Get("Content-Type"), ctype) || len(r.Body) < 50 {
			t.Errorf("%s: type %q, %d bytes", path, r.Header.Get("Content-Type"), len(r.Body))
		}
	}
	if r := c.Get("/static/app.css"); !strings.Contains(r.Body, "/* Activity log */") {
		t.Error("the stylesheet lacks the activity log's rules")
	}
}

// AUTH-3: /language and /logout refuse a POST without the session's token
// (none, or a forged one) with 403, and nothing changes.
func TestCSRFOnLanguageAndLogout_AUTH3(t *testing.T) {
	t.Parallel()
	app := webtest.New(t)
	c := app.SignedIn(contosoAdmin)
	for _, tok := range []string{"", "forged", c.CSRF() + "x"} {
		c.Post("/language", url.Values{"_csrf": {tok}, "lang": {"fr"}}).Expect(t, http.StatusForbidden)
		r := c.Post("/logout", url.Values{"_csrf": {tok}}).Expect(t, http.StatusForbidden)
		if !strings.Contains(r.Body, "did not come from this portal") {
			t.Errorf("403 page does not explain the CSRF refusal")
		}
	}
	// Still signed in, still in English.
	r := c.Get("/").Expect(t, http.StatusOK)
	if r.Text(".page-head h1") != "Home" {
		t.Errorf("title %q after refused requests", r.Text(".page-head h1"))
	}
	var u auth.User
	app.DB.Where("email = ?", contosoAdmin).Take(&u)
	if u.Language != "" {
		t.Errorf("language saved as %q by a refused request", u.Language)
	}
	// A token of another session is refused too.
	other := app.SignedIn("accountadmin@contoso.example")
	c.Post("/logout", url.Values{"_csrf": {other.CSRF()}}).Expect(t, http.StatusForbidden)
	c.Get("/").Expect(t, http.StatusOK)
	// The real token works.
	c.Post("/logout", nil).Expect(t, http.StatusSeeOther)
	c.Get("/").Expect(t, http.StatusSeeOther)
}

// LOG-2: no query string makes the activity log fail: invalid UTF-8,
// control characters, very long values, repeated parameters.
func TestActivityLogOddQueriesNever500_LOG2(t *testing.T) {
	t.Parallel()
	app := webtest.New(t)
	c := app.SignedIn(contosoAdmin)
	long := strings.Repeat("a", 20000)
	queries := []string{
		"type=%ff%fe", "customer=%ff%fe", "user=%ff", "from=%ff", "to=%c3%28", "cursor=%ff",
		"type=" + long, "customer=" + long, "user=" + long, "from=" + long, "to=" + long, "cursor=" + long,
		"customer=%00%01", "type=a%00b", "from=2026-11-01%00", "from=2026-11-01&from=2026-11-02",
		"customer=%25", "customer=%27%20OR%201%3D1", "to=99999-01-01", "from=-2026-01-01",
		"type=auth.signed_in&" + strings.Repeat("x=1&", 2000),
	}
	for _, q := range queries {
		for _, path := range []string{"/activity?", "/activity.csv?"} {
			r := c.Get(path + q)
			if r.Status != http.StatusOK && r.Status != http.StatusUnprocessableEntity {
				short := q
				if len(short) > 60 {
					short = short[:60] + "…"
				}
				t.Errorf("%s%s: status %d", path, short, r.Status)
			}
		}
	}
}

// A customer name that is HTML shows as text in the activity log (XSS).
func TestActivityLogEscapesNames(t *testing.T) {
	t.Parallel()
	app := webtest.New(t)
	store := &customers.Store{DB: app.DB, Clock: app.Clock, Activity: activity.Recorder{DB: app.DB}}
	actor := activity.Actor{UserID: demo.ID("user:" + contosoAdmin), Name: contosoAdmin}
	const evil = `<script>alert(1)</script>`
	_, err := store.Create(context.Background(), demo.ContosoID, actor, customers.NewCustomer{
		Name: evil, Domain: "xss.example", Country: "US", Segment: customers.Commercial,
		ContactName: `"><img src=x onerror=alert(2)>`, ContactEmail: "x@xss.example", ContactPhone: "1",
	})
	if err != nil {
		t.Fatal(err)
	}
	c := app.SignedIn(contosoAdmin)
	r := c.Get("/activity?type=customer.created").Expect(t, http.StatusOK)
	if strings.Contains(r.Body, evil) || strings.Contains(r.Body, "<img src=x") {
		t.Fatal("a name is written into the page as HTML")
	}
	if !strings.Contains(r.Body, "&lt;script&gt;alert(1)&lt;/script&gt;") {
		t.Fatal("the escaped name is not shown")
	}
	if got := r.Text("td.activity-customer"); got != evil {
		t.Errorf("customer cell reads %q", got)
	}
	if r.Count("td script") != 0 {
		t.Error("a script element in the table")
	}
	// The filter value typed back into the form is escaped as well.
	r = c.Get("/activity?customer=" + url.QueryEscape(`"><script>alert(3)</script>`))
	if strings.Contains(r.Body, "<script>alert(3)") {
		t.Fatal("a filter value is written into the page as HTML")
	}
}
