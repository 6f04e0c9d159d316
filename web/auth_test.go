package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"portal/internal/auth"
	"portal/internal/demo"
	"portal/web/webtest"
)

// AUTH-6: anonymous requests are sent to the sign-in page with a local next.
func TestAnonymousRedirectsToLogin_AUTH6(t *testing.T) {
	t.Parallel()
	app := webtest.New(t)
	c := app.Client()
	r := c.Get("/").Expect(t, http.StatusSeeOther)
	if r.Location != "/login" {
		t.Fatalf("location %q", r.Location)
	}
	r = c.Get("/customers?q=ada").Expect(t, http.StatusSeeOther)
	if r.Location != "/login?next=%2Fcustomers%3Fq%3Dada" {
		t.Fatalf("location %q", r.Location)
	}
}

// AUTH-6: next only accepts a local path.
func TestLoginNextIsLocalOnly_AUTH6(t *testing.T) {
	t.Parallel()
	cases := map[string]string{
		"/customers":           "/customers",
		"https://evil.example": "/",
		"//evil.example/x":     "/",
		"/\\evil.example":      "/",
		"javascript:alert(1)":  "/",
		"":                     "/",
	}
	for next, want := range cases {
		app := webtest.New(t)
		c := app.Client()
		c.Get("/login")
		r := c.Post("/login", url.Values{"email": {"sales@contoso.example"}, "password": {demo.Password}, "next": {next}})
		r.Expect(t, http.StatusSeeOther)
		if r.Location != want {
			t.Errorf("next %q: redirected to %q, want %q", next, r.Location, want)
		}
	}
}

// AUTH-2: sign in, then sign out clears the session.
func TestSignInAndOut_AUTH2(t *testing.T) {
	t.Parallel()
	app := webtest.New(t)
	c := app.SignedIn("globaladmin@contoso.example")
	home := c.Get("/").Expect(t, http.StatusOK)
	if got := home.Text(".partner-name"); got != "Contoso Cloud Partners" {
		t.Fatalf("partner name %q", got)
	}
	c.Post("/logout", nil).Expect(t, http.StatusSeeOther)
	c.Get("/").Expect(t, http.StatusSeeOther)
}

// AUTH-2: the session cookie is HttpOnly and SameSite=Lax, and not Secure
// over plain HTTP.
func TestSessionCookieFlags_AUTH2(t *testing.T) {
	t.Parallel()
	app := webtest.New(t)
	r := app.Client().Get("/login")
	var found bool
	for _, ck := range r.Header.Values("Set-Cookie") {
		if strings.HasPrefix(ck, "portal_session=") {
			found = true
			if !strings.Contains(ck, "HttpOnly") || !strings.Contains(ck, "SameSite=Lax") || strings.Contains(ck, "Secure") {
				t.Fatalf("cookie flags: %s", ck)
			}
		}
	}
	if !found {
		t.Fatal("no session cookie")
	}
}

// AUTH-2: sessions expire after a period of inactivity.
func TestSessionExpiresWhenIdle_AUTH2(t *testing.T) {
	t.Parallel()
	app := webtest.New(t)
	c := app.SignedIn("sales@contoso.example")
	app.Clock.Advance(90 * time.Minute)
	c.Get("/").Expect(t, http.StatusOK)
	app.Clock.Advance(2*time.Hour + time.Minute)
	c.Get("/").Expect(t, http.StatusSeeOther)
}

// AUTH-2: roles and the disabled flag are read from the database on every
// request.
func TestDisabledUserLosesAccessAtNextRequest_AUTH2(t *testing.T) {
	t.Parallel()
	app := webtest.New(t)
	c := app.SignedIn("sales@contoso.example")
	c.Get("/").Expect(t, http.StatusOK)
	if err := app.DB.Model(&auth.User{}).Where("email = ?", "sales@contoso.example").Update("disabled", true).Error; err != nil {
		t.Fatal(err)
	}
	c.Get("/").Expect(t, http.StatusSeeOther)
}

// AUTH-3: a POST without a valid CSRF token is refused with 403 and changes
// nothing.
func TestPostWithoutCSRFIsRefused_AUTH3(t *testing.T) {
	t.Parallel()
	app := webtest.New(t)
	c := app.SignedIn("globaladmin@contoso.example")
	for _, tok := range []string{"", "forged-token"} {
		r := c.Post("/language", url.Values{"_csrf": {tok}, "lang": {"fr"}})
		r.Expect(t, http.StatusForbidden)
	}
	var u auth.User
	app.DB.Where("email = ?", "globaladmin@contoso.example").Take(&u)
	if u.Language != "" {
		t.Fatalf("language changed to %q despite the refused request", u.Language)
	}
	c.Post("/language", url.Values{"lang": {"fr"}}).Expect(t, http.StatusSeeOther)
	app.DB.Where("email = ?", "globaladmin@contoso.example").Take(&u)
	if u.Language != "fr" {
		t.Fatalf("language %q after a valid request", u.Language)
	}
}

// AUTH-7: failures are slowed, then locked, with the same answer for an
// unknown address; the count is in the database.
func TestFailedSignInsAreSlowedThenLocked_AUTH7(t *testing.T) {
	t.Parallel()
	for _, email := range []string{"sales@contoso.example", "nobody@contoso.example"} {
		app := webtest.New(t)
		c := app.Client()
		c.Get("/login")
		try := func(pw string) *webtest.Response {
			return c.Post("/login", url.Values{"email": {email}, "password": {pw}})
		}
		for i := 1; i <= auth.FreeAttempts; i++ {
			if r := try("wrong"); r.Status != http.StatusUnauthorized || r.Text("#login-problem") == "" {
				t.Fatalf("%s attempt %d: status %d", email, i, r.Status)
			}
		}
		// Right after the free attempts, even the right password must wait.
		r := try(demo.Password)
		if r.Status != http.StatusUnauthorized || !strings.Contains(r.Body, "Too many attempts") {
			t.Fatalf("%s: throttled attempt answered %d", email, r.Status)
		}
		// The throttled attempt counted too: the next one is the last that
		// is checked before the lock (AUTH-10).
		for i := auth.FreeAttempts + 2; i <= auth.LockAfter; i++ {
			app.Clock.Advance(time.Minute)
			try("wrong")
		}
		app.Clock.Advance(time.Minute)
		r = try(demo.Password)
		if !strings.Contains(r.Body, "locked") {
			t.Fatalf("%s: not locked after %d attempts: %d", email, auth.LockAfter, r.Status)
		}
		var att auth.LoginAttempt
		if err := app.DB.Where("email = ?", email).Take(&att).Error; err != nil || att.LockedUntil == 0 {
			t.Fatalf("%s: stored lock %d, err %v", email, att.LockedUntil, err)
		}
		app.Clock.Advance(auth.LockFor)
		if email == "sales@contoso.example" {
			try(demo.Password).Expect(t, http.StatusSeeOther)
		}
	}
}

// AUTH-7: the pure throttling rule at its edges.
func TestNextAttemptAt_AUTH7(t *testing.T) {
	t.Parallel()
	last := webtest.Start
	cases := []struct {
		failures int
		want     time.Time
	}{
		{0, time.Time{}},
		{auth.FreeAttempts - 1, time.Time{}},
		{auth.FreeAttempts, last.Add(time.Second)},
		{auth.FreeAttempts + 1, last.Add(2 * time.Second)},
		{auth.FreeAttempts + 2, last.Add(4 * time.Second)},
	}
	for _, c := range cases {
		if got := auth.NextAttemptAt(c.failures, last); !got.Equal(c.want) {
			t.Errorf("failures %d: %v want %v", c.failures, got, c.want)
		}
	}
	if auth.LockedUntilAfter(auth.LockAfter-1, last) != nil {
		t.Error("locked before LockAfter failures")
	}
	if got := auth.LockedUntilAfter(auth.LockAfter, last); got == nil || !got.Equal(last.Add(auth.LockFor)) {
		t.Errorf("lock end %v", got)
	}
}

func TestHealthz(t *testing.T) {
	t.Parallel()
	app := webtest.New(t)
	r := app.Client().Get("/healthz").Expect(t, http.StatusOK)
	if strings.TrimSpace(r.Body) != "ok" {
		t.Fatalf("body %q", r.Body)
	}
}

// AUTH-2, LIFE-3: inactivity is measured on the real clock, so moving the
// demo clock a month forward signs nobody out.
func TestDemoClockMoveKeepsSessions_AUTH2_LIFE3(t *testing.T) {
	t.Parallel()
	app := webtest.New(t)
	admin := app.SignedIn("globaladmin@contoso.example")
	sales := app.SignedIn("sales@contoso.example")
	admin.Post("/demo/clock", url.Values{"days": {"31"}}).Expect(t, http.StatusSeeOther)
	home := sales.Get("/").Expect(t, http.StatusOK)
	if got := home.Text("#demo-date"); !strings.Contains(got, "Dec 21, 2026") {
		t.Fatalf("demo date after the move: %q", got)
	}
	admin.Get("/").Expect(t, http.StatusOK)
}
