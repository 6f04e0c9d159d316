package web_test

import (
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"portal/internal/activity"
	"portal/internal/auth"
	"portal/internal/demo"
	"portal/web/webtest"
)

// copyOf returns a new client carrying the same session cookie as c: a
// stolen copy of it.
func copyOf(app *webtest.App, c *webtest.Client) *webtest.Client {
	thief := app.Client()
	thief.SetCookie("portal_session", c.Cookie("portal_session"))
	return thief
}

// AUTH-8: after sign-out a copy of the session cookie signs nobody in.
func TestLogoutEndsSession_AUTH8(t *testing.T) {
	t.Parallel()
	app := webtest.New(t)
	c := app.SignedIn("sales@contoso.example")
	thief := copyOf(app, c)
	thief.Get("/").Expect(t, http.StatusOK)
	c.Post("/logout", nil).Expect(t, http.StatusSeeOther)
	if r := thief.Get("/"); r.Status != http.StatusSeeOther || !strings.HasPrefix(r.Location, "/login") {
		t.Fatalf("old cookie after sign-out: status %d location %q", r.Status, r.Location)
	}
	var s auth.Session
	if err := app.DB.Where("user_id = ?", demo.ID("user:sales@contoso.example")).Take(&s).Error; err != nil || s.EndedAt == nil {
		t.Fatalf("session record not ended: %+v %v", s, err)
	}
}

// AUTH-8: a session used every hour still ends 12 hours after sign-in, and
// the cookie is never given a life past that end.
func TestSessionEndsTwelveHoursAfterSignIn_AUTH8(t *testing.T) {
	t.Parallel()
	app := webtest.New(t)
	c := app.SignedIn("sales@contoso.example")
	start := app.Clock.Now()
	maxAge := regexp.MustCompile(`Max-Age=(\d+)`)
	for i := 1; i <= 11; i++ {
		app.Clock.Advance(time.Hour)
		r := c.Get("/").Expect(t, http.StatusOK)
		left := start.Add(12 * time.Hour).Sub(app.Clock.Now())
		for _, ck := range r.Header.Values("Set-Cookie") {
			if m := maxAge.FindStringSubmatch(ck); strings.HasPrefix(ck, "portal_session=") && m != nil {
				if n, _ := strconv.Atoi(m[1]); time.Duration(n)*time.Second > left {
					t.Fatalf("hour %d: cookie Max-Age %d s past the session's end (%v left)", i, n, left)
				}
			}
		}
	}
	app.Clock.Advance(time.Hour + time.Second)
	if r := c.Get("/"); r.Status != http.StatusSeeOther {
		t.Fatalf("after 12 hours: status %d", r.Status)
	}
}

// AUTH-8: two hours without a request end the session, on the session clock.
func TestSessionEndsWhenIdle_AUTH8(t *testing.T) {
	t.Parallel()
	app := webtest.New(t)
	c := app.SignedIn("sales@contoso.example")
	thief := copyOf(app, c)
	app.Clock.Advance(2*time.Hour + time.Second)
	c.Get("/").Expect(t, http.StatusSeeOther)
	// The record is ended, so the copy cannot be revived either.
	thief.Get("/").Expect(t, http.StatusSeeOther)
}

// AUTH-8: last seen is written at most about once a minute.
func TestLastSeenWrittenOncePerMinute_AUTH8(t *testing.T) {
	t.Parallel()
	app := webtest.New(t)
	c := app.SignedIn("sales@contoso.example")
	seen := func() time.Time {
		var s auth.Session
		app.DB.Where("user_id = ? AND ended_at IS NULL", demo.ID("user:sales@contoso.example")).Take(&s)
		return s.LastSeenAt.UTC()
	}
	first := seen()
	app.Clock.Advance(30 * time.Second)
	c.Get("/").Expect(t, http.StatusOK)
	if !seen().Equal(first) {
		t.Fatal("last seen written within the minute")
	}
	app.Clock.Advance(31 * time.Second)
	c.Get("/").Expect(t, http.StatusOK)
	if !seen().Equal(app.Clock.Now().UTC()) {
		t.Fatalf("last seen %v, want %v", seen(), app.Clock.Now())
	}
}

// AUTH-8: the account page lists the signed-in sessions; "end" ends another
// one, "sign out everywhere" ends them all.
func TestAccountSessions_AUTH8(t *testing.T) {
	t.Parallel()
	app := webtest.New(t)
	laptop := app.SignedIn("sales@contoso.example")
	phone := app.SignedIn("sales@contoso.example")
	page := laptop.Get("/account").Expect(t, http.StatusOK)
	if n := page.Count("#session-table .session-row"); n != 2 {
		t.Fatalf("%d sessions listed, want 2", n)
	}
	// The phone's row is the one not marked as this session.
	var other string
	page.Doc.Find("#session-table .session-row").Each(func(_ int, row *goquery.Selection) {
		if !strings.Contains(row.Text(), "this session") {
			other, _ = row.Find("form").Attr("action")
		}
	})
	if other == "" {
		t.Fatal("no end button for the other session")
	}
	laptop.Post(other, nil).Expect(t, http.StatusSeeOther)
	phone.Get("/").Expect(t, http.StatusSeeOther)
	laptop.Get("/").Expect(t, http.StatusOK)

	tablet := app.SignedIn("sales@contoso.example")
	laptop.Post("/account/sessions/end-all", nil).Expect(t, http.StatusSeeOther)
	laptop.Get("/").Expect(t, http.StatusSeeOther)
	tablet.Get("/").Expect(t, http.StatusSeeOther)
	// Someone else's session ID changes nothing.
	other2 := app.SignedIn("helpdesk@contoso.example")
	sales := app.SignedIn("sales@contoso.example")
	var s auth.Session
	app.DB.Where("user_id = ? AND ended_at IS NULL", demo.ID("user:helpdesk@contoso.example")).Take(&s)
	sales.Post("/account/sessions/"+s.ID+"/end", url.Values{}).Expect(t, http.StatusSeeOther)
	other2.Get("/").Expect(t, http.StatusOK)
}

// AUTH-8: an admin's "end sessions" signs the user out everywhere at the
// next request, and writes the activity log.
func TestAdminEndsSessions_AUTH8(t *testing.T) {
	t.Parallel()
	app := webtest.New(t)
	sales := app.SignedIn("sales@contoso.example")
	admin := app.SignedIn("usermgmt@contoso.example")
	id := demo.ID("user:sales@contoso.example")
	admin.Post("/users/"+id+"/sessions/end", nil).Expect(t, http.StatusSeeOther)
	sales.Get("/").Expect(t, http.StatusSeeOther)
	admin.Get("/").Expect(t, http.StatusOK)
	if n := countSecurityActivity(t, app, auth.ActionSessionsEnded, id); n != 1 {
		t.Fatalf("%d activity entries", n)
	}
	// Another partner's admin: 404, nothing ended.
	sales = app.SignedIn("sales@contoso.example")
	app.SignedIn("globaladmin@fabrikam.example").Post("/users/"+id+"/sessions/end", nil).Expect(t, http.StatusNotFound)
	sales.Get("/").Expect(t, http.StatusOK)
}

// AUTH-8: the function disabling a user calls ends every session.
func TestEndAllSessions_AUTH8(t *testing.T) {
	t.Parallel()
	app := webtest.New(t)
	a := app.SignedIn("sales@contoso.example")
	b := app.SignedIn("sales@contoso.example")
	svc := &auth.Service{DB: app.DB, Clock: app.Clock}
	if err := svc.Sessions().EndAll(t.Context(), demo.ID("user:sales@contoso.example")); err != nil {
		t.Fatal(err)
	}
	a.Get("/").Expect(t, http.StatusSeeOther)
	b.Get("/").Expect(t, http.StatusSeeOther)
}

// countSecurityActivity counts the activity entries of an action on a resource.
func countSecurityActivity(t *testing.T, app *webtest.App, action, resourceID string) int64 {
	t.Helper()
	var n int64
	if err := app.DB.Model(&activity.Entry{}).Where("action = ? AND resource_id = ?", action, resourceID).Count(&n).Error; err != nil {
		t.Fatal(err)
	}
	return n
}
