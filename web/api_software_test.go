package web_test

import (
	"net/http"
	"strings"
	"testing"

	"portal/internal/software"
	"portal/web/webtest"
)

// API-1, API-2: software keys and downloads, and cancellation, with the
// page's checks; only the roles the table names may ask.
func TestAPISoftwareKeysAndCancel_API1_API2(t *testing.T) {
	t.Parallel()
	app := webtest.New(t)
	api := apiFor(t, app, adminAgent)
	keys := "/api/v1/software/" + swWindowsServer + "/keys"
	bad := api.Post(keys, map[string]any{"version": "nope", "language": "", "file_type": ""})
	want(t, bad, http.StatusUnprocessableEntity)
	if f := fieldsOf(bad); f["version"] == "" || f["language"] == "" || f["file_type"] == "" {
		t.Errorf("bad choices: %v", f)
	}
	ch := offerChoice(t, app, swWindowsServer)
	ok := api.Post(keys, map[string]any{"version": ch.Get("version"), "language": ch.Get("language"), "file_type": ch.Get("file_type")})
	want(t, ok, http.StatusCreated)
	if !keyFormat.MatchString(ok.JSON["key"].(string)) || !strings.Contains(ok.JSON["download_url"].(string), "/downloads/") {
		t.Errorf("keys: %s", ok.Body)
	}
	want(t, apiFor(t, app, "globaladmin@contoso.example").Post(keys, map[string]any{}), http.StatusForbidden)

	cancel := "/api/v1/software/" + swWindowsServer + "/cancel"
	unconfirmed := api.Post(cancel, map[string]any{"order_id": "", "confirm": false})
	want(t, unconfirmed, http.StatusUnprocessableEntity)
	if f := fieldsOf(unconfirmed); f["order_id"] == "" || f["confirm"] == "" {
		t.Errorf("unconfirmed cancel: %v", f)
	}
	var p software.Purchase
	app.DB.Where("id = ?", swWindowsServer).First(&p)
	done := api.Post(cancel, map[string]any{"order_id": p.OrderID, "confirm": true})
	want(t, done, http.StatusOK)
	if done.JSON["status"] == software.Active {
		t.Errorf("after cancel: %s", done.Body)
	}
	want(t, api.Post(cancel, map[string]any{"order_id": p.OrderID, "confirm": true}), http.StatusForbidden)
}
