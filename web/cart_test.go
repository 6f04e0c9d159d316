package web_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"portal/internal/activity"
	"portal/internal/cart"
	"portal/internal/catalog"
	"portal/internal/demo"
	"portal/internal/orders"
	"portal/internal/perm"
	"portal/internal/subscriptions"
	"portal/web/webtest"
)

func addForm(slug, quantity, frequency string) url.Values {
	return url.Values{"offer_id": {offerID(slug)}, "quantity": {quantity}, "frequency": {frequency}}
}

func cartPath(domain string) string { return "/customers/" + custID(domain) + "/cart" }

// CAT-5: a license count is a whole number within the offer's limits; a bad
// one is a 422 with the catalog shown again, the error beside the field, and
// the cart unchanged.
func TestAddToCartRejectsBadCounts_CAT5(t *testing.T) {
	t.Parallel()
	app := webtest.New(t)
	c := app.SignedIn("globaladmin@contoso.example")
	add := "/customers/" + custID("relecloud.com") + "/cart/items"
	for _, q := range []string{"0", "-1", "301", "abc", "99999999999999999999", "1.5", "", " ", "1e3", "٣"} {
		t.Run(q, func(t *testing.T) {
			r := c.Post(add, addForm("m365-business-basic", q, "monthly")).Expect(t, http.StatusUnprocessableEntity)
			if got := r.Text("#quantity-" + offerID("m365-business-basic") + "-error"); got == "" {
				t.Fatalf("no error beside the field:\n%s", r.Text("#catalog-problem"))
			}
			if v, _ := r.Doc.Find("#qty-" + offerID("m365-business-basic")).Attr("value"); v != q {
				t.Fatalf("the form lost the value: %q", v)
			}
			if n := len(cartLines(t, app, "relecloud.com")); n != 0 {
				t.Fatalf("cart has %d lines", n)
			}
		})
	}
	// A frequency the offer does not have.
	r := c.Post(add, addForm("relecloud-hr-suite", "5", "monthly")).Expect(t, http.StatusUnprocessableEntity)
	if r.Text("#frequency-"+offerID("relecloud-hr-suite")+"-error") == "" {
		t.Fatal("no frequency error")
	}
	// Missing offer.
	c.Post(add, url.Values{"quantity": {"3"}}).Expect(t, http.StatusUnprocessableEntity)
	if n := len(cartLines(t, app, "relecloud.com")); n != 0 {
		t.Fatalf("cart has %d lines", n)
	}
	// The edges are accepted.
	c.Post(add, addForm("m365-business-basic", "300", "monthly")).Expect(t, http.StatusSeeOther)
	c.Post(add, addForm("m365-e3", "1", "annual")).Expect(t, http.StatusSeeOther)
	if n := len(cartLines(t, app, "relecloud.com")); n != 2 {
		t.Fatalf("cart has %d lines", n)
	}
}

// CAT-5: adding returns to the same catalog view; adding the same offer
// again replaces its line; a Microsoft trial's count is fixed (CAT-12).
func TestAddToCart_CAT5_CAT12(t *testing.T) {
	t.Parallel()
	app := webtest.New(t)
	c := app.SignedIn("sales@contoso.example")
	// A customer without demo purchases: the demo's Relecloud already holds
	// the one-per-customer E3 trial.
	add := "/customers/" + custID("proseware.com") + "/cart/items"
	f := addForm("m365-e3", "10", "monthly")
	f.Set("back", catalogOf("proseware.com")+"?tab=online&q=365&page=2")
	r := c.Post(add, f).Expect(t, http.StatusSeeOther)
	if u, _ := url.Parse(r.Location); u.Path != catalogOf("proseware.com") || u.Query().Get("q") != "365" || u.Query().Get("page") != "2" {
		t.Fatalf("back to %s", r.Location)
	}
	// A foreign back URL is not followed.
	f.Set("back", "https://evil.example/x")
	f.Set("quantity", "12")
	if r := c.Post(add, f).Expect(t, http.StatusSeeOther); !strings.HasPrefix(r.Location, catalogOf("proseware.com")) {
		t.Fatalf("back to %s", r.Location)
	}
	c.Post(add, addForm("m365-e3-trial", "999", "")).Expect(t, http.StatusSeeOther)
	items := map[string]cart.Item{}
	for _, it := range cartLines(t, app, "proseware.com") {
		items[it.OfferID] = it
	}
	e3, trial := items[offerID("m365-e3")], items[offerID("m365-e3-trial")]
	if len(items) != 2 || e3.Quantity != 12 || trial.Quantity != 25 || trial.Frequency != "monthly" {
		t.Fatalf("cart %+v", items)
	}
	var n int64
	app.DB.Model(&activity.Entry{}).Where("action = ? AND customer_id = ?", "cart.item_added", custID("proseware.com")).Count(&n)
	if n != 3 {
		t.Fatalf("%d cart.item_added entries", n)
	}
}

// CAT-3, AUTH-1: a forged add of a hidden offer is a 404; of an unavailable
// one a 422 with the reason; nothing is added.
func TestForgedAddsAreRefused_CAT3(t *testing.T) {
	t.Parallel()
	app := webtest.New(t)
	c := app.SignedIn("globaladmin@contoso.example")
	add := "/customers/" + custID("adatum.com") + "/cart/items"
	c.Post(add, addForm("tailspin-field-service", "5", "monthly")).Expect(t, http.StatusNotFound)
	c.Post(add, url.Values{"offer_id": {demo.ID("offer:no-such-offer")}, "quantity": {"1"}}).Expect(t, http.StatusNotFound)
	c.Post(add, url.Values{"offer_id": {"not-a-uuid"}, "quantity": {"1"}}).Expect(t, http.StatusNotFound)
	unavailable := []struct{ slug, freq, want string }{
		{"m365-a3-education", "monthly", "segment"},
		{"northwind-analytics", "monthly", "not made this offer available"},
		{"litware-container-firewall", "monthly", "Azure management portal"},
		{"litware-secure-mail", "monthly", "billed in US"},
		{"m365-e3", "annual", "already"}, // adatum owns m365-e3: not limited, so this one is addable
	}
	for _, u := range unavailable[:4] {
		r := c.Post(add, addForm(u.slug, "5", u.freq)).Expect(t, http.StatusUnprocessableEntity)
		if got := r.Text("#catalog-problem"); !strings.Contains(got, u.want) {
			t.Errorf("%s: problem %q, want %q", u.slug, got, u.want)
		}
	}
	// One per customer, already owned by Contoso Pharmaceuticals.
	r := c.Post("/customers/"+custID("contosopharma.com")+"/cart/items", addForm("intune-suite", "5", "monthly")).Expect(t, http.StatusUnprocessableEntity)
	if !strings.Contains(r.Text("#catalog-problem"), "already has one") {
		t.Errorf("intune: %q", r.Text("#catalog-problem"))
	}
	// A reservation for a customer in an unavailable market.
	r = c.Post("/customers/"+custID("librevilletelecom.ga")+"/cart/items", addForm("azure-vm-d2s-v5-1yr", "1", "")).Expect(t, http.StatusUnprocessableEntity)
	if !strings.Contains(r.Text("#catalog-problem"), "(GA)") {
		t.Errorf("market: %q", r.Text("#catalog-problem"))
	}
	var n int64
	app.DB.Model(&cart.Item{}).Count(&n)
	if n != 0 {
		t.Fatalf("%d cart lines after forged adds", n)
	}
	// Another partner's customer.
	c.Post("/customers/"+custID("blueyonderairlines.com")+"/cart/items", addForm("m365-e3", "5", "monthly")).Expect(t, http.StatusNotFound)
}

// AUTH-5: helpdesk and billing admins may not add; sales agents may not add
// software or reservations, even by a forged POST.
func TestAddToCartRoles_AUTH5(t *testing.T) {
	t.Parallel()
	app := webtest.New(t)
	add := "/customers/" + custID("adatum.com") + "/cart/items"
	cases := []struct {
		email, slug, freq string
		want              int
	}{
		{"helpdesk@contoso.example", "m365-e5", "monthly", http.StatusForbidden},
		{"billing@contoso.example", "m365-e5", "monthly", http.StatusForbidden},
		{"usermgmt@contoso.example", "m365-e5", "monthly", http.StatusForbidden},
		{"sales@contoso.example", "windows-server-2022-standard", "", http.StatusForbidden},
		{"sales@contoso.example", "azure-vm-d2s-v5-1yr", "", http.StatusForbidden},
		{"sales@contoso.example", "m365-e5", "monthly", http.StatusSeeOther},
		{"adminagent@contoso.example", "azure-vm-d2s-v5-1yr", "", http.StatusSeeOther},
	}
	for _, tc := range cases {
		c := app.SignedIn(tc.email)
		c.Post(add, addForm(tc.slug, "2", tc.freq)).Expect(t, tc.want)
	}
	if n := len(cartLines(t, app, "adatum.com")); n != 2 {
		t.Fatalf("%d lines", n)
	}
}

// CAT-6: the cart shows each line's price per period, what is due today,
// the total, and whether prices include tax (AU and BR) or not.
func TestCartReview_CAT6(t *testing.T) {
	t.Parallel()
	app := webtest.New(t)
	c := app.SignedIn("globaladmin@contoso.example")
	add := func(domain, slug, q, f string) {
		t.Helper()
		c.Post("/customers/"+custID(domain)+"/cart/items", addForm(slug, q, f)).Expect(t, http.StatusSeeOther)
	}
	add("relecloud.com", "m365-e3", "10", "monthly")              // $43.20 × 10 = $432.00/month; 11/30 today = $158.40
	add("relecloud.com", "m365-e5", "2", "annual")                // $684 × 2 = $1,368.00 today
	add("relecloud.com", "windows-server-2022-standard", "1", "") // $1,069.00 today
	add("relecloud.com", "contoso-backup-saas", "5", "monthly")   // trial: $0 today
	r := c.Get(cartPath("relecloud.com")).Expect(t, http.StatusOK)
	if r.Count("#cart-lines tbody tr") != 4 {
		t.Fatalf("%d lines", r.Count("#cart-lines tbody tr"))
	}
	if got := r.Text("#cart-total"); got != "$2,595.40" {
		t.Fatalf("total %q", got)
	}
	row := r.Doc.Find("#cart-lines tbody tr").FilterFunction(func(_ int, s *goquery.Selection) bool {
		return s.Find(".offer-name").Text() == "Microsoft 365 E3"
	})
	if txt := row.Text(); !strings.Contains(txt, "$432.00") || !strings.Contains(txt, "$158.40") || !strings.Contains(txt, "$43.20") {
		t.Fatalf("first line: %s", txt)
	}
	if got := r.Text("#tax-note"); got != "Prices exclude tax." {
		t.Fatalf("US tax note %q", got)
	}
	for _, domain := range []string{"harbourbridge.com.au", "cafepaulista.com.br"} {
		add(domain, "m365-business-basic", "3", "monthly")
		if got := c.Get(cartPath(domain)).Expect(t, http.StatusOK).Text("#tax-note"); got != "Prices include tax." {
			t.Errorf("%s tax note %q", domain, got)
		}
	}
	add("fabriquelumiere.fr", "m365-business-basic", "3", "monthly")
	fr := app.SignedIn("adminagent@contoso.example")
	fr.Lang = "fr"
	if got := fr.Get(cartPath("fabriquelumiere.fr")).Expect(t, http.StatusOK).Text("#tax-note"); got != "Prix hors taxes." {
		t.Errorf("FR tax note %q", got)
	}
	// An empty cart says what to do next.
	if c.Get(cartPath("adatum.com")).Expect(t, http.StatusOK).Count(".empty") != 1 {
		t.Fatal("no empty state")
	}
}

// CAT-5: changing a line's count validates it the same way; removing works.
func TestCartChangeAndRemove_CAT5(t *testing.T) {
	t.Parallel()
	app := webtest.New(t)
	c := app.SignedIn("sales@contoso.example")
	c.Post("/customers/"+custID("relecloud.com")+"/cart/items", addForm("m365-e3", "10", "monthly")).Expect(t, http.StatusSeeOther)
	item := cartLines(t, app, "relecloud.com")[0]
	path := cartPath("relecloud.com") + "/items/" + item.ID
	for _, q := range []string{"0", "10001", "x", "-5", "99999999999999999999"} {
		r := c.Post(path, url.Values{"quantity": {q}}).Expect(t, http.StatusUnprocessableEntity)
		if r.Text("#quantity-"+item.ID+"-error") == "" {
			t.Fatalf("%q: no error beside the field", q)
		}
		if got := cartLines(t, app, "relecloud.com")[0].Quantity; got != 10 {
			t.Fatalf("quantity changed to %d", got)
		}
	}
	c.Post(path, url.Values{"quantity": {"15"}}).Expect(t, http.StatusSeeOther)
	if got := cartLines(t, app, "relecloud.com")[0].Quantity; got != 15 {
		t.Fatalf("quantity %d", got)
	}
	c.Post(path+"/remove", nil).Expect(t, http.StatusSeeOther)
	c.Post(path+"/remove", nil).Expect(t, http.StatusSeeOther) // already gone: nothing to do
	if n := len(cartLines(t, app, "relecloud.com")); n != 0 {
		t.Fatalf("%d lines", n)
	}
	c.Post(path, url.Values{"quantity": {"3"}}).Expect(t, http.StatusNotFound)
	var entries int64
	app.DB.Model(&activity.Entry{}).Where("action IN ? AND resource_id = ?", []string{"cart.item_changed", "cart.item_removed"}, item.ID).Count(&entries)
	if entries != 2 {
		t.Fatalf("%d entries", entries)
	}
}

func checkoutKey(t *testing.T, r *webtest.Response) string {
	t.Helper()
	key, ok := r.Doc.Find(`#checkout-form input[name="checkout_key"]`).Attr("value")
	if !ok || key == "" {
		t.Fatal("no checkout key on the cart page")
	}
	return key
}

// CAT-7, CAT-9: purchase turns the cart into one order; a double submit
// goes to the same order; the order shows the partner SaaS setup link; the
// cart is emptied; the Orders tab lists it (CAT-11).
func TestCheckout_CAT7_CAT9_CAT11(t *testing.T) {
	t.Parallel()
	app := webtest.New(t)
	c := app.SignedIn("adminagent@contoso.example")
	add := "/customers/" + custID("relecloud.com") + "/cart/items"
	c.Post(add, addForm("m365-business-standard", "8", "monthly")).Expect(t, http.StatusSeeOther)
	c.Post(add, addForm("contoso-backup-saas", "8", "monthly")).Expect(t, http.StatusSeeOther)
	c.Post(add, addForm("azure-sql-database-1yr", "1", "")).Expect(t, http.StatusSeeOther)
	key := checkoutKey(t, c.Get(cartPath("relecloud.com")).Expect(t, http.StatusOK))
	first := c.Post(cartPath("relecloud.com")+"/checkout", url.Values{"checkout_key": {key}}).Expect(t, http.StatusSeeOther)
	second := c.Post(cartPath("relecloud.com")+"/checkout", url.Values{"checkout_key": {key}}).Expect(t, http.StatusSeeOther)
	if !strings.HasPrefix(first.Location, "/orders/") || second.Location != first.Location {
		t.Fatalf("double submit: %s then %s", first.Location, second.Location)
	}
	var n int64
	app.DB.Model(&orders.Order{}).Where("customer_id = ? AND user_id = ?", custID("relecloud.com"), demo.ID("user:adminagent@contoso.example")).Count(&n)
	if n != 1 || len(cartLines(t, app, "relecloud.com")) != 0 {
		t.Fatalf("%d orders, cart not emptied", n)
	}
	page := c.Get(first.Location).Expect(t, http.StatusOK)
	if page.Count(".flash") != 1 || page.Count("#order-lines tbody tr") != 3 {
		t.Fatalf("order page: flash %d, lines %d", page.Count(".flash"), page.Count("#order-lines tbody tr"))
	}
	if href, _ := page.Doc.Find(".setup-link a").Attr("href"); href != "https://setup.contosobackup.example/activate" {
		t.Fatalf("CAT-9 setup link %q", href)
	}
	// "Placed by" is read from the user: name and email; the order stores
	// the actor as every action does, by email (LOG-1, CAT-7).
	if got := strings.Join(strings.Fields(page.Text("#order-user")), " "); got != "Adam Agent (adminagent@contoso.example)" {
		t.Fatalf("user %q", got)
	}
	var stored []string
	app.DB.Model(&orders.Order{}).Where("customer_id = ? AND user_id = ?", custID("relecloud.com"), demo.ID("user:adminagent@contoso.example")).Pluck("user_name", &stored)
	if len(stored) != 1 || stored[0] != "adminagent@contoso.example" {
		t.Fatalf("stored placing user %v, want the email", stored)
	}
	if h1 := page.Text("h1"); !strings.HasPrefix(h1, "Order ") || len(h1) <= len("Order ") || page.Count("input#order-id") != 0 || !strings.Contains(page.Body, first.Location[len("/orders/"):]) {
		t.Fatalf("heading %q without the order number, or the ID in an input", h1)
	}
	links := page.Doc.Find("#order-lines a.record-link")
	var kinds []string
	links.Each(func(_ int, s *goquery.Selection) {
		h, _ := s.Attr("href")
		kinds = append(kinds, strings.Split(h, "/")[1])
	})
	if strings.Join(kinds, ",") == "" || !strings.Contains(strings.Join(kinds, ","), "reservations") || !strings.Contains(strings.Join(kinds, ","), "subscriptions") {
		t.Fatalf("record links %v", kinds)
	}
	orderID := strings.TrimPrefix(first.Location, "/orders/")
	tab := c.Get("/customers/"+custID("relecloud.com")+"/orders").Expect(t, http.StatusOK)
	if tab.Count(`#orders a[href="/orders/`+orderID+`"]`) != 1 {
		t.Fatal("CAT-11: the order is not in the Orders tab")
	}
	// An empty cart has nothing to buy.
	if r := c.Post(cartPath("relecloud.com")+"/checkout", url.Values{"checkout_key": {"whatever"}}).Expect(t, http.StatusSeeOther); r.Location != cartPath("relecloud.com") {
		t.Fatalf("empty cart checkout went to %s", r.Location)
	}
}

// CAT-7: a cart changed since its review is shown again, not bought.
func TestCheckoutOfAChangedCart_CAT7(t *testing.T) {
	t.Parallel()
	app := webtest.New(t)
	c := app.SignedIn("globaladmin@contoso.example")
	add := "/customers/" + custID("relecloud.com") + "/cart/items"
	c.Post(add, addForm("m365-business-standard", "8", "monthly")).Expect(t, http.StatusSeeOther)
	var before int64 // the demo data's orders of the customer
	app.DB.Model(&orders.Order{}).Where("customer_id = ?", custID("relecloud.com")).Count(&before)
	key := checkoutKey(t, c.Get(cartPath("relecloud.com")))
	app.Clock.Advance(1)
	c.Post(add, addForm("m365-business-standard", "9", "monthly")).Expect(t, http.StatusSeeOther)
	r := c.Post(cartPath("relecloud.com")+"/checkout", url.Values{"checkout_key": {key}}).Expect(t, http.StatusConflict)
	if r.Text("#cart-problem") == "" {
		t.Fatal("no explanation")
	}
	c.Post(cartPath("relecloud.com")+"/checkout", url.Values{}).Expect(t, http.StatusUnprocessableEntity)
	var n int64
	app.DB.Model(&orders.Order{}).Where("customer_id = ?", custID("relecloud.com")).Count(&n)
	if n != before || len(cartLines(t, app, "relecloud.com")) != 1 {
		t.Fatalf("bought a changed cart: %d orders, %d before", n, before)
	}
}

// CAT-8: a one-per-customer offer bought elsewhere since it was put in the
// cart is refused at purchase, with the reason beside its line.
func TestCheckoutRechecksAvailability_CAT8(t *testing.T) {
	t.Parallel()
	app := webtest.New(t)
	c := app.SignedIn("globaladmin@contoso.example")
	c.Post("/customers/"+custID("relecloud.com")+"/cart/items", addForm("intune-suite", "5", "monthly")).Expect(t, http.StatusSeeOther)
	c.Post("/customers/"+custID("relecloud.com")+"/cart/items", addForm("m365-e3", "5", "monthly")).Expect(t, http.StatusSeeOther)
	key := checkoutKey(t, c.Get(cartPath("relecloud.com")))
	s := &orders.Store{DB: app.DB, Clock: app.Clock, Activity: activity.Recorder{DB: app.DB}, Markets: catalog.MustUnavailableMarkets()}
	_, err := s.Checkout(context.Background(), orders.Request{Buyer: orders.Buyer{PartnerID: demo.ContosoID, Roles: perm.Roles{perm.GlobalAdmin}},
		CustomerID: custID("relecloud.com"), Key: "elsewhere", Lines: []orders.RequestLine{{OfferID: offerID("intune-suite"), Quantity: 1, Frequency: "monthly"}}})
	if err != nil {
		t.Fatal(err)
	}
	r := c.Post(cartPath("relecloud.com")+"/checkout", url.Values{"checkout_key": {key}}).Expect(t, http.StatusConflict)
	var intune cart.Item
	for _, it := range cartLines(t, app, "relecloud.com") {
		if it.OfferID == offerID("intune-suite") {
			intune = it
		}
	}
	if !strings.Contains(r.Text("#problem-"+intune.ID), "already has one") {
		t.Fatalf("line problem %q", r.Text("#problem-"+intune.ID))
	}
	var subs int64
	app.DB.Model(&subscriptions.Subscription{}).Where("customer_id = ? AND offer_id = ?", custID("relecloud.com"), offerID("m365-e3")).Count(&subs)
	if subs != 0 {
		t.Fatal("part of the order was bought")
	}
}

// AUTH-5: a sales agent cannot buy a cart holding software, even with a
// forged form; helpdesk agents and billing admins cannot buy at all.
func TestCheckoutRoles_AUTH5(t *testing.T) {
	t.Parallel()
	app := webtest.New(t)
	var before int64 // the demo data's orders of the customer
	app.DB.Model(&orders.Order{}).Where("customer_id = ?", custID("relecloud.com")).Count(&before)
	admin := app.SignedIn("adminagent@contoso.example")
	admin.Post("/customers/"+custID("relecloud.com")+"/cart/items", addForm("windows-server-2022-standard", "1", "")).Expect(t, http.StatusSeeOther)
	sales := app.SignedIn("sales@contoso.example")
	sales.Post("/customers/"+custID("relecloud.com")+"/cart/items", addForm("m365-e3", "5", "monthly")).Expect(t, http.StatusSeeOther)
	page := sales.Get(cartPath("relecloud.com")).Expect(t, http.StatusOK)
	if _, disabled := page.Doc.Find("#purchase").Attr("disabled"); !disabled {
		t.Fatal("the purchase button should be disabled for the sales agent")
	}
	key := checkoutKey(t, page)
	sales.Post(cartPath("relecloud.com")+"/checkout", url.Values{"checkout_key": {key}}).Expect(t, http.StatusForbidden)
	for _, email := range []string{"helpdesk@contoso.example", "billing@contoso.example"} {
		app.SignedIn(email).Post(cartPath("relecloud.com")+"/checkout", url.Values{"checkout_key": {key}}).Expect(t, http.StatusForbidden)
	}
	var n int64
	app.DB.Model(&orders.Order{}).Where("customer_id = ?", custID("relecloud.com")).Count(&n)
	if n != before || len(cartLines(t, app, "relecloud.com")) != 2 {
		t.Fatalf("something was bought: %d orders, %d before", n, before)
	}
	// The admin agent buys it.
	admin.Post(cartPath("relecloud.com")+"/checkout", url.Values{"checkout_key": {checkoutKey(t, admin.Get(cartPath("relecloud.com")))}}).Expect(t, http.StatusSeeOther)
	app.DB.Model(&orders.Order{}).Where("customer_id = ?", custID("relecloud.com")).Count(&n)
	if n != before+1 || len(cartLines(t, app, "relecloud.com")) != 0 {
		t.Fatalf("the admin agent's purchase: %d orders, %d before", n, before)
	}
}
