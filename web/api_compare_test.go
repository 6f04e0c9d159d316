package web_test

import (
	"net/http"
	"net/url"
	"reflect"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"portal/internal/billing"
	"portal/internal/demo"
	"portal/web/webtest"
)

// rowsOf returns the text of each row matched by sel, with the customer's
// name and domain and the IDs given written as placeholders, so two
// customers' pages compare equal when they show the same things.
func rowsOf(r *webtest.Response, sel string, replace ...string) []string {
	var out []string
	if r.Doc == nil {
		return nil
	}
	r.Doc.Find(sel).Each(func(_ int, s *goquery.Selection) {
		s.Find(".activity-via").Remove()
		text := strings.Join(strings.Fields(s.Text()), " ")
		for i := 0; i+1 < len(replace); i += 2 {
			text = strings.ReplaceAll(text, replace[i], replace[i+1])
		}
		out = append(out, text)
	})
	return out
}

// API-1, API-5: a purchase made through the API shows on the customer's
// pages, its order, its invoice and the activity log exactly as the same
// purchase made in the browser; the log adds only that it came through the
// API, with the token's name.
func TestAPIPurchaseMatchesBrowser_API1_API5(t *testing.T) {
	t.Parallel()
	app := webtest.New(t)
	browser := app.SignedIn("sales@contoso.example")
	api := app.API(apiToken(t, app, "sales@contoso.example", "PSA"))
	admin := app.SignedIn("globaladmin@contoso.example")
	offer := demo.ID("offer:m365-business-basic")

	// Two customers alike but for their names.
	form := url.Values{"name": {"Twin Web"}, "domain": {"twinweb.example"}, "country": {"US"}, "segment": {"commercial"},
		"contact_name": {"Pat"}, "contact_email": {"pat@twin.example"}, "contact_phone": {"+1 555 0100"}}
	created := browser.Post("/customers", form)
	if created.Status != http.StatusSeeOther {
		t.Fatalf("create in browser: %d", created.Status)
	}
	web := strings.TrimPrefix(created.Location, "/customers/")
	r := api.Post("/api/v1/customers", map[string]any{"company_name": "Twin API", "domain": "twinapi.example", "country": "US", "segment": "commercial",
		"contact_name": "Pat", "contact_email": "pat@twin.example", "contact_phone": "+1 555 0100"})
	want(t, r, http.StatusCreated)
	viaAPI := r.JSON["id"].(string)

	// The same purchase: in the browser, then through the API.
	if r := browser.Post("/customers/"+web+"/cart/items", url.Values{"offer_id": {offer}, "quantity": {"7"}, "frequency": {"annual"}}); r.Status != http.StatusSeeOther {
		t.Fatalf("add in browser: %d", r.Status)
	}
	key, _ := browser.Get("/customers/" + web + "/cart").Doc.Find(`input[name="checkout_key"]`).Attr("value")
	bought := browser.Post("/customers/"+web+"/cart/checkout", url.Values{"checkout_key": {key}})
	if bought.Status != http.StatusSeeOther {
		t.Fatalf("checkout in browser: %d", bought.Status)
	}
	webOrder := strings.TrimPrefix(bought.Location, "/orders/")
	want(t, api.Post("/api/v1/customers/"+viaAPI+"/cart/items", map[string]any{"offer_id": offer, "quantity": 7, "frequency": "annual"}), http.StatusCreated)
	order := api.Post("/api/v1/customers/"+viaAPI+"/cart/checkout", nil)
	want(t, order, http.StatusCreated)
	apiOrder := order.JSON["id"].(string)

	webNames := []string{web, "ID", "Twin Web", "NAME", "twinweb.example", "DOMAIN", webOrder, "ORDER", webOrder[:8], "ORDER"}
	apiNames := []string{viaAPI, "ID", "Twin API", "NAME", "twinapi.example", "DOMAIN", apiOrder, "ORDER", apiOrder[:8], "ORDER"}
	same := func(what string, a, b []string) {
		t.Helper()
		if len(a) == 0 || !reflect.DeepEqual(a, b) {
			t.Errorf("%s differ:\nbrowser: %q\nAPI:     %q", what, a, b)
		}
	}
	for _, tab := range []string{"subscriptions", "orders"} {
		same("customer "+tab+" rows",
			rowsOf(browser.Get("/customers/"+web+"/"+tab), "main table tbody tr", webNames...),
			rowsOf(browser.Get("/customers/"+viaAPI+"/"+tab), "main table tbody tr", apiNames...))
	}
	same("order lines", rowsOf(browser.Get("/orders/"+webOrder), "main table tbody tr", webNames...),
		rowsOf(browser.Get("/orders/"+apiOrder), "main table tbody tr", apiNames...))

	invoiceOf := func(cust string) string {
		var inv billing.Invoice
		if err := app.DB.Where("customer_id = ?", cust).First(&inv).Error; err != nil {
			t.Fatalf("no invoice for %s: %v", cust, err)
		}
		return inv.ID
	}
	same("invoice lines", rowsOf(admin.Get("/billing/invoices/"+invoiceOf(web)), "main table tbody tr", webNames...),
		rowsOf(admin.Get("/billing/invoices/"+invoiceOf(viaAPI)), "main table tbody tr", apiNames...))

	webLog := admin.Get("/activity?customer=twinweb.example")
	apiLog := admin.Get("/activity?customer=twinapi.example")
	if webLog.Count(".activity-via") != 0 || apiLog.Count(".activity-via") == 0 ||
		!strings.Contains(apiLog.Text(".activity-via"), `token "PSA"`) {
		t.Errorf("the log must name the API token on the API's entries only: browser %d, API %d (%q)",
			webLog.Count(".activity-via"), apiLog.Count(".activity-via"), apiLog.Text(".activity-via"))
	}
	// Entries made in the same instant come in ID order; each names its own
	// record by a short ID: compare the sentences in sorted order, without
	// those.
	sentences := func(r *webtest.Response, names []string) []string {
		rows := rowsOf(r, "main table tbody tr", names...)
		for i := range rows {
			rows[i] = shortID.ReplaceAllString(rows[i], "RECORD")
		}
		sort.Strings(rows)
		return rows
	}
	same("activity sentences", sentences(webLog, webNames), sentences(apiLog, apiNames))
}

var shortID = regexp.MustCompile(`[0-9a-f]{8}…`)
