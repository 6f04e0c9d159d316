package web_test

import (
	"net/http"
	"testing"

	"portal/internal/demo"
	"portal/web/webtest"
)

// API-1, API-2, RES-2: a reservation is read, its refund quoted and
// refunded with the wizard's checks of every field; once refunded it
// refuses another refund (403).
func TestAPIReservationRefund_API1_API2(t *testing.T) {
	t.Parallel()
	app := webtest.New(t)
	api := apiFor(t, app, "adminagent@contoso.example")
	id := demo.ID("reservation:contosopharma-sql-1yr")
	want(t, api.Get("/api/v1/reservations/"+id), http.StatusOK)
	q := api.Get("/api/v1/reservations/" + id + "/refund-quote")
	want(t, q, http.StatusOK)
	bad := api.Post("/api/v1/reservations/"+id+"/refund", map[string]any{"title": "", "issue_type": "x"})
	want(t, bad, http.StatusUnprocessableEntity)
	if f := fieldsOf(bad); f["title"] == "" || f["issue_type"] == "" || f["contact_email"] == "" {
		t.Errorf("bad refund: fields %v", f)
	}
	body := map[string]any{"title": "Refund please", "issue_type": "billing", "problem_type": "reservation_management",
		"category": "exchanges_refunds", "severity": "moderate", "description": "No longer needed",
		"contact_name": "Adam Agent", "contact_email": "adminagent@contoso.example", "contact_phone": "+1 425 555 0101"}
	done := api.Post("/api/v1/reservations/"+id+"/refund", body)
	want(t, done, http.StatusOK)
	refund := q.JSON["refund"].(map[string]any)["amount"]
	if done.JSON["refund_amount"].(map[string]any)["amount"] != refund {
		t.Errorf("refunded %v, quoted %v", done.JSON["refund_amount"], refund)
	}
	want(t, api.Post("/api/v1/reservations/"+id+"/refund", body), http.StatusForbidden)
	want(t, apiFor(t, app, "sales@contoso.example").Get("/api/v1/reservations/"+id+"/refund-quote"), http.StatusForbidden)
	want(t, apiFor(t, app, "globaladmin@fabrikam.example").Get("/api/v1/reservations/"+id), http.StatusNotFound)
}
