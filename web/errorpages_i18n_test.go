package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"portal/web/webtest"
)

// I18N-2: the page of an unknown address speaks the user's language: the
// browser's for a visitor, the one chosen on the login page, the signed-in
// user's saved choice over the browser's.
func TestErrorPagesInFrench_I18N2(t *testing.T) {
	t.Parallel()
	app := webtest.New(t)
	fr := app.Bundle.For("fr")
	title := fr.T("error.404.title")

	visitor := app.Client()
	visitor.Lang = "fr-FR,fr;q=0.9"
	r := visitor.Get("/no-such-page").Expect(t, http.StatusNotFound)
	if r.Text("h1") != title || !strings.Contains(r.Body, `lang="fr"`) {
		t.Errorf("visitor with a French browser: %q", r.Text("h1"))
	}

	chose := app.Client()
	chose.Lang = "en"
	chose.Get("/login")
	chose.Post("/language", url.Values{"lang": {"fr"}})
	if r := chose.Get("/nowhere/at/all").Expect(t, http.StatusNotFound); r.Text("h1") != title {
		t.Errorf("visitor who chose French on the login page: %q", r.Text("h1"))
	}

	user := app.SignedIn("globaladmin@contoso.example")
	user.Lang = "en"
	user.Post("/language", url.Values{"lang": {"fr"}})
	r = user.Get("/customers/x/y/z").Expect(t, http.StatusNotFound)
	if !strings.Contains(r.Body, title) || !strings.Contains(r.Body, fr.T("error.404.body")) {
		t.Errorf("signed-in French user: %q", r.Text("main"))
	}
	if r.Count("nav") == 0 {
		t.Error("a signed-in user's 404 is not inside the portal's shell")
	}
}
