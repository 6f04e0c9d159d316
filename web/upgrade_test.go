package web_test

import (
	"net/http"
	"testing"

	"portal/web/webtest"
)

// OPS-2: a database made by the release before versioned migrations, with
// its demo data, is migrated at start and its main pages answer as before.
func TestUpgradedDatabaseServesPages_OPS2(t *testing.T) {
	t.Parallel()
	app := webtest.NewWith(t, webtest.Options{Dump: "../internal/schema/testdata/before-migrations"})
	c := app.SignedIn(contosoAdmin)
	for _, path := range []string{
		"/", "/customers", "/customers?q=wingtip", "/support", "/billing/invoices", "/activity", "/users",
	} {
		c.Get(path).Expect(t, http.StatusOK)
	}
	list := c.Get("/customers").Expect(t, http.StatusOK)
	if list.Count("tbody tr") == 0 {
		t.Fatal("the upgraded database lists no customer")
	}
}
