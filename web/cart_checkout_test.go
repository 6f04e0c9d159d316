package web_test

import (
	"net/http"
	"net/url"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"portal/internal/orders"
	"portal/web/webtest"
)

// AUTH-5: a checkout refused for a line's role answers 403 with a page
// that names the roles that may buy it: software and reservations, so not
// the sales agent's own role.
func TestCheckoutRefusalNamesTheRoles_AUTH5(t *testing.T) {
	t.Parallel()
	app := webtest.New(t)
	var before int64 // the demo data's orders of the customer
	app.DB.Model(&orders.Order{}).Where("customer_id = ?", custID("relecloud.com")).Count(&before)
	admin := app.SignedIn("adminagent@contoso.example")
	admin.Post("/customers/"+custID("relecloud.com")+"/cart/items", addForm("azure-vm-d2s-v5-1yr", "1", "")).Expect(t, http.StatusSeeOther)
	sales := app.SignedIn("sales@contoso.example")
	key := checkoutKey(t, sales.Get(cartPath("relecloud.com")).Expect(t, http.StatusOK))
	r := sales.Post(cartPath("relecloud.com")+"/checkout", url.Values{"checkout_key": {key}}).Expect(t, http.StatusForbidden)
	var roles []string
	r.Doc.Find(".role-list li").Each(func(_ int, li *goquery.Selection) { roles = append(roles, li.Text()) })
	if len(roles) != 2 || roles[0] != "Global admin" || roles[1] != "Admin agent" {
		t.Fatalf("roles named: %v", roles)
	}
	var n int64
	app.DB.Model(&orders.Order{}).Where("customer_id = ?", custID("relecloud.com")).Count(&n)
	if n != before || len(cartLines(t, app, "relecloud.com")) != 1 {
		t.Fatalf("%d orders, %d before; cart changed", n, before)
	}
}
