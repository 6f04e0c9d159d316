package web_test

import (
	"net/http"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"testing"

	"portal/internal/activity"
	"portal/internal/demo"
	"portal/internal/subscriptions"
	"portal/web/webtest"
)

// API-1, API-2, API-5: a subscription's count and auto-renew change with
// the page's checks (422 naming the field), suspend and reactivate, cancel
// with the page's modes; a subscription bought directly is refused (403);
// each change writes the page's activity entry marked with the token.
func TestAPISubscriptions_API1_API2_API5(t *testing.T) {
	t.Parallel()
	app := webtest.New(t)
	api := app.API(apiToken(t, app, "sales@contoso.example", "quantity script"))
	e3 := demo.ID("subscription:adatum-m365-e3")
	list := api.Get("/api/v1/customers/" + demo.ID("customer:adatum.com") + "/subscriptions?limit=2")
	want(t, list, http.StatusOK)
	if len(list.JSON["data"].([]any)) != 2 || list.JSON["next"] == nil {
		t.Errorf("first page of 2: %s", list.Body)
	}
	bad := api.Patch("/api/v1/subscriptions/"+e3, map[string]any{"quantity": 100000})
	want(t, bad, http.StatusUnprocessableEntity)
	if fieldsOf(bad)["quantity"] == "" {
		t.Errorf("count out of range not named: %s", bad.Body)
	}
	want(t, api.Patch("/api/v1/subscriptions/"+e3, map[string]any{}), http.StatusUnprocessableEntity)
	ok := api.Patch("/api/v1/subscriptions/"+e3, map[string]any{"quantity": 61, "auto_renew": false})
	want(t, ok, http.StatusOK)
	if ok.JSON["quantity"].(float64) != 61 || ok.JSON["auto_renew"] != false {
		t.Errorf("after change: %s", ok.Body)
	}
	var entries []activity.Entry
	app.DB.Where("resource_id = ?", e3).Order("at, id").Find(&entries)
	vias := 0
	for _, e := range entries {
		if e.Via == activity.ViaAPI("quantity script") && e.ActorName == "sales@contoso.example" {
			vias++
		}
	}
	if vias != 2 {
		t.Errorf("%d entries through the API for two changes", vias)
	}
	want(t, api.Post("/api/v1/subscriptions/"+e3+"/suspend", nil), http.StatusOK)
	re := api.Post("/api/v1/subscriptions/"+e3+"/reactivate", nil)
	want(t, re, http.StatusOK)
	if re.JSON["status"] != subscriptions.Active {
		t.Errorf("after reactivate: %v", re.JSON["status"])
	}
	noMode := api.Post("/api/v1/subscriptions/"+e3+"/cancel", map[string]any{"mode": "whenever"})
	want(t, noMode, http.StatusUnprocessableEntity)
	if fieldsOf(noMode)["mode"] == "" {
		t.Errorf("bad mode not named: %s", noMode.Body)
	}
	sched := api.Post("/api/v1/subscriptions/"+e3+"/cancel", map[string]any{"mode": "at_renewal"})
	want(t, sched, http.StatusOK)
	if sched.JSON["cancel_at_term_end"] != true {
		t.Errorf("after at_renewal: %s", sched.Body)
	}
	direct := demo.ID("subscription:adatum-direct-business-basic")
	want(t, api.Patch("/api/v1/subscriptions/"+direct, map[string]any{"auto_renew": false}), http.StatusForbidden)
	helpdesk := apiFor(t, app, "helpdesk@contoso.example")
	want(t, helpdesk.Get("/api/v1/subscriptions/"+e3), http.StatusOK)
	want(t, helpdesk.Patch("/api/v1/subscriptions/"+e3, map[string]any{"auto_renew": true}), http.StatusForbidden)
	want(t, apiFor(t, app, "globaladmin@fabrikam.example").Get("/api/v1/subscriptions/"+e3), http.StatusNotFound)
}

// API-1, API-5: the bulk example in docs/ turns auto-renew off for every
// subscription of a customer through the API, against a real listener.
func TestAPIBulkAutoRenewExample_API1_API5(t *testing.T) {
	t.Parallel()
	if _, err := exec.LookPath("go"); err != nil {
		t.Skip("the go command is needed to run the example")
	}
	app := webtest.New(t)
	srv := app.HTTPServer()
	token := apiToken(t, app, "sales@contoso.example", "bulk auto-renew")
	cust := demo.ID("customer:adatum.com")
	var before int64
	app.DB.Model(&subscriptions.Subscription{}).Where("customer_id = ? AND auto_renew = ? AND bought_directly = ? AND status IN ?", cust, true, false,
		[]string{subscriptions.Active, subscriptions.Suspended}).Count(&before)
	if before == 0 {
		t.Fatal("the demo customer has no subscription renewing")
	}
	out, err := exampleCommand(cust, srv.URL, token).CombinedOutput()
	if err != nil {
		t.Fatalf("example: %v\n%s", err, out)
	}
	var left int64
	app.DB.Model(&subscriptions.Subscription{}).Where("customer_id = ? AND auto_renew = ? AND bought_directly = ? AND status IN ?", cust, true, false,
		[]string{subscriptions.Active, subscriptions.Suspended}).Count(&left)
	if left != 0 || !strings.Contains(string(out), "auto-renew turned off for "+strconv.FormatInt(before, 10)) {
		t.Errorf("%d subscriptions still renew; output:\n%s", left, out)
	}
	var logged int64
	app.DB.Model(&activity.Entry{}).Where("customer_id = ? AND via = ?", cust, activity.ViaAPI("bulk auto-renew")).Count(&logged)
	if logged == 0 {
		t.Error("no activity entry names the token")
	}
}

// exampleCommand runs docs/api-example for a customer against url.
func exampleCommand(cust, url, token string) *exec.Cmd {
	cmd := exec.Command("go", "run", "-tags", "sqlite_fts5", "../docs/api-example", cust)
	cmd.Env = append(os.Environ(), "PORTAL_URL="+url, "PORTAL_TOKEN="+token)
	return cmd
}
