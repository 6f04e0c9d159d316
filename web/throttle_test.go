package web_test

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"

	"portal/internal/activity"
	"portal/internal/auth"
	"portal/internal/demo"
	"portal/web/webtest"
)

// attackers returns n clients, each from its own address, with the sign-in
// page's CSRF token already read.
func attackers(app *webtest.App, n int) []*webtest.Client {
	cs := make([]*webtest.Client, n)
	for i := range cs {
		cs[i] = app.Client()
		cs[i].Addr = fmt.Sprintf("203.0.113.%d:4000", i+1)
		cs[i].CSRF()
	}
	return cs
}

// AUTH-10: 50 wrong passwords at once through the real router: at most 5 are
// compared (each compared wrong password writes one "sign-in failed" entry),
// the account is locked, and the right password works after 15 minutes.
func TestConcurrentSignInsAreLockedAfterFive_AUTH10(t *testing.T) {
	t.Parallel()
	app := webtest.New(t)
	cs := attackers(app, 50)
	statuses := make([]int, len(cs))
	var wg sync.WaitGroup
	for i, c := range cs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			statuses[i] = c.Post("/login", url.Values{"email": {"sales@contoso.example"}, "password": {"wrong-password"}}).Status
		}()
	}
	wg.Wait()
	for i, st := range statuses {
		if st != http.StatusUnauthorized {
			t.Fatalf("attempt %d: status %d, want 401", i, st)
		}
	}
	var checked int64
	app.DB.Model(&activity.Entry{}).Where("action = ? AND resource_id = ?", activity.ActionSignInFailed, demo.ID("user:sales@contoso.example")).Count(&checked)
	if checked == 0 || checked > auth.LockAfter {
		t.Fatalf("%d wrong passwords compared, want 1 to %d", checked, auth.LockAfter)
	}
	c := app.Client()
	c.Get("/login")
	r := c.Post("/login", url.Values{"email": {"sales@contoso.example"}, "password": {demo.Password}})
	if r.Status != http.StatusUnauthorized || !strings.Contains(r.Body, "locked") {
		t.Fatalf("right password while locked: %d", r.Status)
	}
	app.Clock.Advance(auth.LockFor)
	c.Post("/login", url.Values{"email": {"sales@contoso.example"}, "password": {demo.Password}}).Expect(t, http.StatusSeeOther)
}

// AUTH-10: a user management admin unlocks an account from the user's page;
// the right password then signs in at once.
func TestAdminUnlocks_AUTH10(t *testing.T) {
	t.Parallel()
	app := webtest.New(t)
	for _, c := range attackers(app, auth.LockAfter+1) {
		c.Post("/login", url.Values{"email": {"sales@contoso.example"}, "password": {"wrong-password"}})
	}
	id := demo.ID("user:sales@contoso.example")
	admin := app.SignedIn("usermgmt@contoso.example")
	page := admin.Get("/users/"+id).Expect(t, http.StatusOK)
	if !strings.Contains(page.Text("#user-lock"), "Locked until") || page.Count("#unlock-submit") != 1 {
		t.Fatalf("lock not shown: %q", page.Text("#user-lock"))
	}
	admin.Post("/users/"+id+"/unlock", nil).Expect(t, http.StatusSeeOther)
	if page := admin.Get("/users/" + id); page.Count("#unlock-submit") != 0 {
		t.Fatal("still shown as locked")
	}
	app.SignedIn("sales@contoso.example")
	if countSecurityActivity(t, app, auth.ActionUnlocked, id) != 1 {
		t.Fatal("unlock not in the activity log")
	}
}

// AUTH-10: one address gets 30 sign-in attempts a minute across accounts;
// the 31st answers 429 without checking anything.
func TestAddressLimitAnswers429_AUTH10(t *testing.T) {
	t.Parallel()
	app := webtest.New(t)
	c := app.Client()
	c.Addr = "198.51.100.20:5000"
	c.Get("/login")
	for i := 0; i < auth.AddressLimit; i++ {
		email := fmt.Sprintf("someone%d@contoso.example", i)
		c.Post("/login", url.Values{"email": {email}, "password": {"wrong-password"}}).Expect(t, http.StatusUnauthorized)
	}
	r := c.Post("/login", url.Values{"email": {"sales@contoso.example"}, "password": {demo.Password}})
	r.Expect(t, http.StatusTooManyRequests)
	if r.Count("#login-problem") != 1 {
		t.Fatal("429 without the explanation")
	}
	// Another address is not affected.
	other := app.Client()
	other.Addr = "198.51.100.21:5000"
	other.Login("sales@contoso.example", demo.Password)
}
