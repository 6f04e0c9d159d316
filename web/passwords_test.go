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

// AUTH-11, AUTH-8: changing one's password needs the current one and a
// password that keeps the rules; it ends every other session, keeps this
// one, and the new password signs in.
func TestChangePassword_AUTH11(t *testing.T) {
	t.Parallel()
	app := webtest.New(t)
	c := app.SignedIn("sales@contoso.example")
	other := app.SignedIn("sales@contoso.example")
	const good = "a quiet harbour at dawn"
	bad := []struct {
		form  url.Values
		field string
	}{
		{url.Values{"current_password": {"not-it-at-all"}, "new_password": {good}, "confirm_password": {good}}, "current_password"},
		{url.Values{"current_password": {demo.Password}, "new_password": {"short-one"}, "confirm_password": {"short-one"}}, "new_password"},
		{url.Values{"current_password": {demo.Password}, "new_password": {"qwerty123456"}, "confirm_password": {"qwerty123456"}}, "new_password"},
		{url.Values{"current_password": {demo.Password}, "new_password": {"sales-is-my-life"}, "confirm_password": {"sales-is-my-life"}}, "new_password"},
		{url.Values{"current_password": {demo.Password}, "new_password": {good}, "confirm_password": {good + "!"}}, "confirm_password"},
		{url.Values{"current_password": {demo.Password}, "new_password": {demo.Password}, "confirm_password": {demo.Password}}, "new_password"},
	}
	for _, b := range bad {
		r := c.Post("/account/password", b.form).Expect(t, http.StatusUnprocessableEntity)
		if r.Count("#password-form .has-error #"+b.field) != 1 {
			t.Fatalf("%v: field %s not marked", b.form, b.field)
		}
	}
	other.Get("/").Expect(t, http.StatusOK) // nothing changed yet
	c.Post("/account/password", url.Values{"current_password": {demo.Password}, "new_password": {good}, "confirm_password": {good}}).Expect(t, http.StatusSeeOther)
	c.Get("/").Expect(t, http.StatusOK)
	other.Get("/").Expect(t, http.StatusSeeOther)
	app.Client().Login("sales@contoso.example", good)
	if countSecurityActivity(t, app, auth.ActionPasswordChanged, demo.ID("user:sales@contoso.example")) != 1 {
		t.Fatal("not in the activity log")
	}
}

// resetLink makes a reset link for user as admin and returns its path.
func resetLink(t *testing.T, admin *webtest.Client, userID string) string {
	t.Helper()
	admin.Post("/users/"+userID+"/reset", nil).Expect(t, http.StatusSeeOther)
	page := admin.Get("/users/"+userID).Expect(t, http.StatusOK)
	link, _ := page.Doc.Find("#reset-link").Attr("value")
	if !strings.Contains(link, "/password-reset/") {
		t.Fatalf("no reset link on the page: %q", link)
	}
	// Shown once.
	if again := admin.Get("/users/" + userID); again.Count("#reset-link") != 0 {
		t.Fatal("reset link shown twice")
	}
	return link[strings.Index(link, "/password-reset/"):]
}

// AUTH-11, AUTH-8: an admin's reset link works once, sets a password that
// keeps the rules and ends every session of the user.
func TestPasswordResetLink_AUTH11(t *testing.T) {
	t.Parallel()
	app := webtest.New(t)
	id := demo.ID("user:sales@contoso.example")
	sales := app.SignedIn("sales@contoso.example")
	admin := app.SignedIn("usermgmt@contoso.example")
	path := resetLink(t, admin, id)

	// The token is stored hashed only.
	var r auth.PasswordReset
	app.DB.Where("user_id = ?", id).Take(&r)
	if token := strings.TrimPrefix(path, "/password-reset/"); r.TokenHash != auth.HashToken(token) || strings.Contains(r.TokenHash, token) {
		t.Fatal("token not stored as its hash")
	}

	anon := app.Client()
	form := anon.Get(path).Expect(t, http.StatusOK)
	if !strings.Contains(form.Text("#reset-email"), "sales@contoso.example") {
		t.Fatalf("reset page for %q", form.Text("#reset-email"))
	}
	anon.Post(path, url.Values{"new_password": {"password"}, "confirm_password": {"password"}}).Expect(t, http.StatusUnprocessableEntity)
	sales.Get("/").Expect(t, http.StatusOK) // a refused form changes nothing
	const fresh = "seven green lanterns"
	anon.Post(path, url.Values{"new_password": {fresh}, "confirm_password": {fresh}}).Expect(t, http.StatusSeeOther)
	sales.Get("/").Expect(t, http.StatusSeeOther)
	anon.Get(path).Expect(t, http.StatusGone)
	anon.Post(path, url.Values{"new_password": {fresh + "x"}, "confirm_password": {fresh + "x"}}).Expect(t, http.StatusGone)
	app.Client().Login("sales@contoso.example", fresh)
	if countSecurityActivity(t, app, auth.ActionResetLinkCreated, id) != 1 || countSecurityActivity(t, app, auth.ActionPasswordReset, id) != 1 {
		t.Fatal("reset not in the activity log")
	}
}

// AUTH-11: a reset link expires after 24 hours; a newer one replaces it.
func TestPasswordResetLinkExpires_AUTH11(t *testing.T) {
	t.Parallel()
	app := webtest.New(t)
	id := demo.ID("user:sales@contoso.example")
	admin := app.SignedIn("usermgmt@contoso.example")
	first := resetLink(t, admin, id)
	second := resetLink(t, admin, id)
	app.Client().Get(first).Expect(t, http.StatusGone)
	app.Clock.Advance(24*time.Hour - time.Second)
	app.Client().Get(second).Expect(t, http.StatusOK)
	app.Clock.Advance(time.Second)
	app.Client().Get(second).Expect(t, http.StatusGone)
	app.Client().Get("/password-reset/not-a-token").Expect(t, http.StatusGone)
}
