package web_test

import (
	"net/http"
	"net/url"
	"testing"

	"portal/internal/customers"
	"portal/internal/demo"
	"portal/internal/support"
	"portal/web/webtest"
)

// SUP-1 (issue item 15): the support form picks the customer from the
// partner's customers, without JavaScript (a select sending the tenant ID);
// a link's domain selects its customer; a value that is not one of them is
// refused with 422 and nothing saved.
func TestSupportCustomerPicker_SUP1(t *testing.T) {
	t.Parallel()
	app := webtest.New(t)
	c := app.SignedIn("helpdesk@contoso.example")
	r := c.Get("/support/new?customer=adatum.com").Expect(t, http.StatusOK)
	var n int64
	app.DB.Model(&customers.Customer{}).Where("partner_id = ?", demo.ContosoID).Count(&n)
	if got := r.Count("select#customer option"); int64(got) != n+1 {
		t.Errorf("%d choices, want %d customers and none", got, n)
	}
	if r.Count(`select#customer option[value="`+demo.ID("tenant:blueyonderairlines.com")+`"]`) != 0 {
		t.Error("another partner's customer is offered")
	}
	if v, _ := r.Doc.Find("#customer option[selected]").Attr("value"); v != demo.ID("tenant:adatum.com") {
		t.Errorf("the link's customer is not selected: %q", v)
	}
	before := countRows(t, app, &support.Request{}, "1 = 1")
	bad := requestForm(url.Values{"customer": {"00000000-0000-4000-8000-000000000000"}})
	r = postMultipart(t, c, bad, nil).Expect(t, http.StatusUnprocessableEntity)
	if r.Count("#customer-error") != 1 || countRows(t, app, &support.Request{}, "1 = 1") != before {
		t.Error("an unknown customer is not refused, or a request was saved")
	}
	postMultipart(t, c, requestForm(url.Values{"customer": {demo.ID("tenant:adatum.com")}, "title": {"Picked"}}), nil).Expect(t, http.StatusSeeOther)
	if countRows(t, app, &support.Request{}, "title = ? AND customer_name = ?", "Picked", "Adatum Corporation") != 1 {
		t.Error("the picked customer is not on the request")
	}
}
