package web_test

import (
	"net/http"
	"strings"
	"testing"

	"portal/internal/demo"
	"portal/web/webtest"
)

// API-1, API-5: the activity log through the API keeps the page's filters
// and messages and names the token of changes made through the API.
func TestAPIActivity_API1_API5(t *testing.T) {
	t.Parallel()
	app := webtest.New(t)
	sales := app.API(apiToken(t, app, "sales@contoso.example", "renewals"))
	want(t, sales.Patch("/api/v1/subscriptions/"+demo.ID("subscription:adatum-m365-e3"), map[string]any{"auto_renew": false}), http.StatusOK)
	log := apiFor(t, app, "globaladmin@contoso.example")
	r := log.Get("/api/v1/activity?customer=adatum.com&limit=100")
	want(t, r, http.StatusOK)
	viaAPI := 0
	for _, it := range r.JSON["data"].([]any) {
		e := it.(map[string]any)
		if e["api_token"] == "renewals" && e["user"] == "sales@contoso.example" {
			viaAPI++
		}
	}
	if viaAPI != 1 {
		t.Errorf("%d entries name the token, want 1", viaAPI)
	}
	bad := log.Get("/api/v1/activity?from=yesterday&customer=nowhere.example")
	want(t, bad, http.StatusUnprocessableEntity)
	if f := fieldsOf(bad); f["from"] == "" || f["customer"] == "" {
		t.Errorf("bad filters: %v", f)
	}
	next, _ := log.Get("/api/v1/activity?limit=2").JSON["next"].(string)
	if !strings.Contains(next, "cursor=") {
		t.Fatalf("no next link: %q", next)
	}
	want(t, log.Get(next), http.StatusOK)
}

// API-1: invoices with the page's filters, one with its lines.
func TestAPIInvoices_API1(t *testing.T) {
	t.Parallel()
	app := webtest.New(t)
	api := apiFor(t, app, "billing@contoso.example")
	list := api.Get("/api/v1/invoices?customer=adatum.com")
	want(t, list, http.StatusOK)
	data := list.JSON["data"].([]any)
	if len(data) == 0 {
		t.Fatal("no invoice for adatum.com")
	}
	id := data[0].(map[string]any)["id"].(string)
	one := api.Get("/api/v1/invoices/" + id)
	want(t, one, http.StatusOK)
	lines := api.Get("/api/v1/invoices/" + id + "/lines")
	want(t, lines, http.StatusOK)
	if len(lines.JSON["data"].([]any)) != len(one.JSON["lines"].([]any)) {
		t.Error("the lines differ between the invoice and its lines")
	}
	want(t, api.Get("/api/v1/invoices?period=2026-13"), http.StatusUnprocessableEntity)
	want(t, apiFor(t, app, "globaladmin@fabrikam.example").Get("/api/v1/invoices/"+id), http.StatusNotFound)
}

// API-1, API-2: support requests are listed, opened with the form's checks
// (422 naming each field) and given notes through the API.
func TestAPISupportRequests_API1_API2(t *testing.T) {
	t.Parallel()
	app := webtest.New(t)
	api := apiFor(t, app, "helpdesk@contoso.example")
	want(t, api.Get("/api/v1/support-requests?status=nonsense"), http.StatusUnprocessableEntity)
	list := api.Get("/api/v1/support-requests?limit=1")
	want(t, list, http.StatusOK)
	bad := api.Post("/api/v1/support-requests", map[string]any{"problem_type": "x", "severity": "", "title": "", "description": "d",
		"contact_name": "Hal", "contact_email": "nope"})
	want(t, bad, http.StatusUnprocessableEntity)
	if f := fieldsOf(bad); f["problem_type"] == "" || f["severity"] == "" || f["title"] == "" || f["contact_email"] == "" {
		t.Errorf("bad request: fields %v", f)
	}
	ok := api.Post("/api/v1/support-requests", map[string]any{"problem_type": "technical", "severity": "minimal", "title": "Sign-in loops",
		"description": "Users are asked to sign in again and again.", "customer": "adatum.com", "contact_name": "Hal", "contact_email": "hal@contoso.example"})
	want(t, ok, http.StatusCreated)
	id := ok.JSON["id"].(string)
	want(t, api.Post("/api/v1/support-requests/"+id+"/notes", map[string]any{"body": ""}), http.StatusUnprocessableEntity)
	want(t, api.Post("/api/v1/support-requests/"+id+"/notes", map[string]any{"body": "Started after the update."}), http.StatusCreated)
	want(t, apiFor(t, app, "globaladmin@fabrikam.example").Post("/api/v1/support-requests/"+id+"/notes", map[string]any{"body": "x"}), http.StatusNotFound)
}
