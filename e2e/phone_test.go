package e2e

import (
	"testing"

	"portal/web/webtest"
)

// UX-2: at 390 px with JavaScript off, the navigation is folded behind the
// Menu button, opens without a script, and leads to another page; the
// product name and the demo date stay on one line each.
func TestPhoneMenuWithoutJavaScript_UX2(t *testing.T) {
	t.Parallel()
	app := webtest.New(t)
	b := app.NewBrowser(webtest.BrowserOptions{NoJS: true, Width: webtest.PhoneWidth, Height: 800})
	b.Login("globaladmin@contoso.example")
	if n := b.Count(".rail a:not([hidden])"); n == 0 {
		t.Fatal("no navigation links on the page")
	}
	if b.Visible("#main-nav") {
		t.Fatal("the navigation is not folded at 390 px")
	}
	for _, sel := range []string{".brand-name", "#demo-date"} {
		if h := b.Height(sel); h > 26 {
			t.Errorf("%s wraps: %.0f px high", sel, h)
		}
	}
	b.ClickAndWaitNoLoad(".nav-button")
	if !b.Visible("#main-nav") {
		t.Fatal("the Menu button does not open the navigation without JavaScript")
	}
	b.Screenshot("menu-open-en-390")
	b.ClickAndWait(`#main-nav a[href="/customers"]`)
	if got := b.Text(".page-head h1"); got != "Customers" {
		t.Fatalf("after the menu's Customers link: %q", got)
	}
	if b.Visible("#main-nav") {
		t.Fatal("the menu stays open on the next page")
	}
}
