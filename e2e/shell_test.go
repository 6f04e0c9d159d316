// Package e2e holds the browser tests: flows a person clicks through, in a
// real headless Chromium, with JavaScript on and off.
package e2e

import (
	"strings"
	"testing"

	"portal/web/webtest"
)

// AUTH-2, I18N-1: sign in through the form, see the shell, switch to French,
// sign out — with JavaScript on and off.
func TestSignInLanguageSignOut_Browser(t *testing.T) {
	t.Parallel()
	for _, noJS := range []bool{false, true} {
		name := "js"
		if noJS {
			name = "nojs"
		}
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			app := webtest.New(t)
			b := app.NewBrowser(webtest.BrowserOptions{NoJS: noJS})
			b.Login("globaladmin@contoso.example")
			if got := b.Text(".partner-name"); got != "Contoso Cloud Partners" {
				t.Fatalf("partner name %q", got)
			}
			b.Screenshot("home-" + name)
			// The user menu is a <details>: open it, pick French, apply.
			b.ClickAndWaitNoLoad(".user-menu summary")
			b.Select("#lang-select", "fr")
			b.ClickAndWait(".lang-form button")
			if got := b.Text(".page-head h1"); got != "Accueil" {
				t.Fatalf("title after switching to French: %q", got)
			}
			b.ClickAndWaitNoLoad(".user-menu summary")
			b.ClickAndWait("#sign-out")
			if !strings.HasPrefix(b.Path(), "/login") {
				t.Fatalf("after sign-out on %s", b.Path())
			}
			if got := b.Text("h1"); got != "Connexion" {
				t.Fatalf("sign-in page keeps the chosen language: %q", got)
			}
		})
	}
}
