package web_test

import (
	"net/http"
	"testing"

	"portal/internal/demo"
	"portal/internal/orders"
	"portal/web/webtest"
)

// newAPICustomer creates a customer through the API and returns its ID.
func newAPICustomer(t *testing.T, api *webtest.APIClient, domain string) string {
	t.Helper()
	r := api.Post("/api/v1/customers", map[string]any{"company_name": "Cust " + domain, "domain": domain, "country": "US", "segment": "commercial",
		"contact_name": "Pat", "contact_email": "pat@" + domain, "contact_phone": "+1 555 0100"})
	want(t, r, http.StatusCreated)
	return r.JSON["id"].(string)
}

// API-1, API-3, CAT-3: a customer's offers carry their availability and
// the catalog page's reason; a line is added with the page's checks and
// the cart bought; the same Idempotency-Key answers the same order and
// places no second one; the same key with another body is refused.
func TestAPIPurchase_API1_API3(t *testing.T) {
	t.Parallel()
	app := webtest.New(t)
	api := apiFor(t, app, "sales@contoso.example")
	cust := newAPICustomer(t, api, "apibuyer.example")

	offers := api.Get("/api/v1/customers/" + cust + "/offers")
	want(t, offers, http.StatusOK)
	unavailable := 0
	for _, it := range offers.JSON["data"].([]any) {
		a := it.(map[string]any)["availability"].(map[string]any)
		if a["available"] == false && a["reason"] != nil {
			unavailable++
		}
	}
	if unavailable == 0 {
		t.Error("no offer says why it is unavailable (an add-on without its base must)")
	}
	want(t, api.Get("/api/v1/customers/"+cust+"/offers?tab=shoes"), http.StatusUnprocessableEntity)

	items := "/api/v1/customers/" + cust + "/cart/items"
	basic := demo.ID("offer:m365-business-basic")
	bad := api.Post(items, map[string]any{"offer_id": basic, "quantity": 0, "frequency": "weekly"})
	want(t, bad, http.StatusUnprocessableEntity)
	if f := fieldsOf(bad); f["quantity"] == "" || f["frequency"] == "" {
		t.Errorf("bad line: fields %v", f)
	}
	added := api.Post(items, map[string]any{"offer_id": basic, "quantity": 3, "frequency": "monthly"})
	want(t, added, http.StatusCreated)
	if n := len(added.JSON["data"].([]any)); n != 1 {
		t.Fatalf("cart has %d lines", n)
	}

	api.Header.Set("Idempotency-Key", "order-2026-11-29-a")
	first := api.Post("/api/v1/customers/"+cust+"/cart/checkout", map[string]any{})
	want(t, first, http.StatusCreated)
	again := api.Post("/api/v1/customers/"+cust+"/cart/checkout", map[string]any{})
	want(t, again, http.StatusCreated)
	if again.JSON["id"] != first.JSON["id"] || again.Header.Get("Idempotent-Replayed") != "true" {
		t.Errorf("repeat answered order %v, want %v replayed", again.JSON["id"], first.JSON["id"])
	}
	var n int64
	app.DB.Model(&orders.Order{}).Where("customer_id = ?", cust).Count(&n)
	if n != 1 {
		t.Errorf("%d orders for one Idempotency-Key, want 1", n)
	}
	other := api.Post("/api/v1/customers/"+cust+"/cart/checkout", map[string]any{"checkout_key": "something else"})
	want(t, other, http.StatusUnprocessableEntity)
	api.Header.Del("Idempotency-Key")
	// Without a key, the cart is now empty: nothing to buy.
	want(t, api.Post("/api/v1/customers/"+cust+"/cart/checkout", nil), http.StatusUnprocessableEntity)

	order := api.Get("/api/v1/orders/" + first.JSON["id"].(string))
	want(t, order, http.StatusOK)
	if total := order.JSON["total"].(map[string]any); total["currency"] != "USD" || total["amount"].(float64) <= 0 {
		t.Errorf("order total %v", total)
	}
	fabrikam := apiFor(t, app, "globaladmin@fabrikam.example")
	want(t, fabrikam.Get("/api/v1/orders/"+first.JSON["id"].(string)), http.StatusNotFound)
	want(t, fabrikam.Get("/api/v1/customers/"+cust+"/offers"), http.StatusNotFound)
}
