package web_test

import (
	"net/http"
	"strings"
	"testing"

	"portal/internal/activity"
	"portal/internal/demo"
	"portal/web/webtest"
)

// API-1, API-3: the customer list pages with a cursor and keeps the web
// list's search and filters; a customer is read by ID, another partner's
// is a 404.
func TestAPICustomersListAndGet_API1_API3(t *testing.T) {
	t.Parallel()
	app := webtest.New(t)
	api := apiFor(t, app, "sales@contoso.example")
	seen := map[string]bool{}
	next := "/api/v1/customers?limit=2"
	pages := 0
	for next != "" && pages < 50 {
		r := api.Get(next)
		want(t, r, http.StatusOK)
		for _, it := range r.JSON["data"].([]any) {
			id := it.(map[string]any)["id"].(string)
			if seen[id] {
				t.Fatalf("customer %s on two pages", id)
			}
			seen[id] = true
		}
		next, _ = r.JSON["next"].(string)
		pages++
	}
	var total int64
	app.DB.Table("customers").Where("partner_id = ?", demo.ContosoID).Count(&total)
	if int64(len(seen)) != total || pages < 2 {
		t.Errorf("walked %d customers in %d pages, want all %d", len(seen), pages, total)
	}
	r := api.Get("/api/v1/customers?q=adatum")
	want(t, r, http.StatusOK)
	if data := r.JSON["data"].([]any); len(data) != 1 || data[0].(map[string]any)["domain"] != "adatum.com" {
		t.Errorf("search adatum: %s", r.Body)
	}
	bad := api.Get("/api/v1/customers?segment=retail&limit=0&cursor=zzz")
	want(t, bad, http.StatusUnprocessableEntity)
	if f := fieldsOf(bad); len(f) != 3 || f["segment"] == "" || f["limit"] == "" || f["cursor"] == "" {
		t.Errorf("bad filters: fields %v", f)
	}
	one := api.Get("/api/v1/customers/" + demo.ID("customer:adatum.com"))
	want(t, one, http.StatusOK)
	if one.JSON["company_name"] == "" || !strings.HasSuffix(one.JSON["opened_at"].(string), "Z") {
		t.Errorf("customer: %s", one.Body)
	}
	want(t, api.Get("/api/v1/customers/"+demo.ID("customer:fabrikamresidences.com")), http.StatusNotFound)
}

// API-1, API-2, API-5: creating a customer checks every field like the
// page (422 naming each) and writes the page's activity entry, marked as
// made through the API with the token's name.
func TestAPICustomerCreate_API1_API2_API5(t *testing.T) {
	t.Parallel()
	app := webtest.New(t)
	api := app.API(apiToken(t, app, "sales@contoso.example", "CRM import"))
	bad := api.Post("/api/v1/customers", map[string]any{"company_name": "", "domain": "not a domain", "country": "XX", "segment": "retail",
		"contact_name": "A", "contact_email": "nope", "contact_phone": "x"})
	want(t, bad, http.StatusUnprocessableEntity)
	f := fieldsOf(bad)
	for _, field := range []string{"company_name", "domain", "country", "segment", "contact_email", "contact_phone"} {
		if f[field] == "" {
			t.Errorf("field %s not named: %v", field, f)
		}
	}
	if f["domain"] != "Enter a domain name such as contoso.com." && f["domain"] == "" {
		t.Errorf("domain message %q", f["domain"])
	}
	want(t, api.Post("/api/v1/customers", `{"company_name": 3}`), http.StatusUnprocessableEntity)
	want(t, api.Post("/api/v1/customers", `{"colour": "red"}`), http.StatusUnprocessableEntity)
	var n int64
	app.DB.Table("customers").Where("domain = ?", "apicreated.example").Count(&n)
	if n != 0 {
		t.Fatal("a refused request saved a customer")
	}
	ok := api.Post("/api/v1/customers", map[string]any{"company_name": "API Created", "domain": "apicreated.example", "country": "FR", "segment": "education",
		"contact_name": "Zoé", "contact_email": "zoe@apicreated.example", "contact_phone": "+33 1 23 45 67 89"})
	want(t, ok, http.StatusCreated)
	id := ok.JSON["id"].(string)
	if ok.Header.Get("Location") != "/api/v1/customers/"+id {
		t.Errorf("Location %q", ok.Header.Get("Location"))
	}
	var e activity.Entry
	if err := app.DB.Where("resource_id = ?", id).First(&e).Error; err != nil {
		t.Fatalf("no activity entry: %v", err)
	}
	if e.ActorName != "sales@contoso.example" || e.Via != activity.ViaAPI("CRM import") {
		t.Errorf("entry actor %q via %q", e.ActorName, e.Via)
	}
	dup := api.Post("/api/v1/customers", map[string]any{"company_name": "Again", "domain": "apicreated.example", "country": "FR", "segment": "education",
		"contact_name": "Zoé", "contact_email": "zoe@apicreated.example", "contact_phone": "+33 1 23 45 67 89"})
	want(t, dup, http.StatusUnprocessableEntity)
	if fieldsOf(dup)["domain"] == "" {
		t.Errorf("taken domain not named: %s", dup.Body)
	}
}

// API-4: the document is served as kept in the repository, and the
// reference page drawn from it lists every endpoint.
func TestAPIDocumentAndReference_API4(t *testing.T) {
	t.Parallel()
	app := webtest.New(t)
	r := app.API("").Get("/api/v1/openapi.json")
	want(t, r, http.StatusOK)
	if r.JSON["openapi"] != "3.1.0" {
		t.Fatalf("openapi %v", r.JSON["openapi"])
	}
	paths := r.JSON["paths"].(map[string]any)
	c := app.SignedIn("helpdesk@contoso.example")
	page := c.Get("/api-reference")
	if page.Status != http.StatusOK {
		t.Fatalf("reference: status %d", page.Status)
	}
	ops := 0
	for _, p := range paths {
		for m := range p.(map[string]any) {
			if m != "parameters" {
				ops++
			}
		}
	}
	if got := page.Count(".api-endpoint"); got != ops || ops < 3 {
		t.Errorf("reference lists %d endpoints, document has %d", got, ops)
	}
	if page.Count(`script[src^="http"]`) != 0 {
		t.Error("the reference page loads an external script")
	}
	if c.Get("/account").Count("#api-reference-link") != 1 {
		t.Error("the account page does not link the reference")
	}
}
