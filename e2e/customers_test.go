package e2e

import (
	"strings"
	"testing"

	"portal/web/webtest"
)

// CUST-1, CUST-2, CUST-5, I18N-1: search customers, create one with a bad
// domain (inline error) then a good one, open it, request a relationship,
// switch to French, sign out — with JavaScript on and off.
func TestCustomersFlow_Browser(t *testing.T) {
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
			b.Open("/customers")
			if !noJS {
				b.Screenshot("customers-list")
			}
			b.Fill("#q", "wing")
			b.ClickAndWait("#search-submit")
			if got := b.Text("#customer-table tbody tr td a"); got != "Wingtip Toys" {
				t.Fatalf("search result %q", got)
			}
			if !strings.Contains(b.Path(), "q=wing") {
				t.Fatalf("the search is not in the URL: %s", b.Path())
			}

			b.ClickAndWait("#create-customer")
			b.Fill("#name", "Blue Harbor Foods")
			b.Fill("#domain", "blue harbor")
			b.Select("#country", "CA")
			b.Select("#segment", "commercial")
			b.Fill("#contact_name", "Maya Chen")
			b.Fill("#contact_email", "maya@blueharbor.ca")
			b.Fill("#contact_phone", "+1 604 555 0142")
			b.ClickAndWait("#create-submit")
			if got := b.Text("#domain-error"); !strings.Contains(got, "contoso.com") {
				t.Fatalf("domain error %q", got)
			}
			if got := b.Count(".field-error"); got != 1 {
				t.Fatalf("%d field errors, want only the domain's", got)
			}
			if !noJS {
				b.Screenshot("customer-new-errors")
			}
			b.Fill("#domain", "blueharbor.ca")
			b.ClickAndWait("#create-submit")
			if got := b.Text(".page-head h1"); got != "Blue Harbor Foods" {
				t.Fatalf("after create on %q (%s)", got, b.Path())
			}
			if got := b.Text(".flash"); got != "Customer created." {
				t.Fatalf("flash %q", got)
			}

			b.ClickAndWait("#tab-account")
			b.ClickAndWait("#request-relationship")
			if got := b.Text("#relationship-state"); !strings.Contains(got, "pending") {
				t.Fatalf("relationship state %q", got)
			}
			if b.Count("#invitation-link") != 1 {
				t.Fatal("no invitation link")
			}
			if !noJS {
				b.Screenshot("customer-detail")
			}

			b.ClickAndWaitNoLoad(".user-menu summary")
			b.Select("#lang-select", "fr")
			b.ClickAndWait(".lang-form button")
			if got := b.Text("#relationship-title"); got != "Relation d’administration déléguée" {
				t.Fatalf("French account tab: %q", got)
			}
			b.ClickAndWaitNoLoad(".user-menu summary")
			b.ClickAndWait("#sign-out")
			if !strings.HasPrefix(b.Path(), "/login") {
				t.Fatalf("after sign-out on %s", b.Path())
			}
		})
	}
}

// AUTH-4: the users page, for the screenshot and a quick look at roles.
func TestUsersPage_Browser(t *testing.T) {
	t.Parallel()
	app := webtest.New(t)
	b := app.NewBrowser(webtest.BrowserOptions{})
	b.Login("usermgmt@contoso.example")
	b.Open("/users")
	if n := b.Count("#user-table tbody tr"); n != 9 {
		t.Fatalf("%d users", n)
	}
	b.Screenshot("users-list")
	b.ClickAndWait("#add-user")
	b.ClickAndWait("#user-submit")
	if b.Count(".field-error") != 4 {
		t.Fatalf("%d errors on an empty form", b.Count(".field-error"))
	}
	b.Screenshot("users-new-errors")
}
