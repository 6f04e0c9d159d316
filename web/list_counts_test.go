package web_test

import (
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"portal/internal/billing"
	"portal/internal/customers"
	"portal/internal/demo"
	"portal/internal/orders"
	"portal/internal/support"
	"portal/web/webtest"
)

var showing = regexp.MustCompile(`Showing ([\d,]+)–([\d,]+) of ([\d,]+)(\+?)`)

// countOf reads the "Showing a–b of n" line of a page.
func countOf(t *testing.T, r *webtest.Response, page string) (first, last, total int, capped bool) {
	t.Helper()
	m := showing.FindStringSubmatch(strings.Join(strings.Fields(r.Doc.Find("main").Text()), " "))
	if m == nil {
		t.Errorf("%s: no count line", page)
		return
	}
	n := func(s string) int { v, _ := strconv.Atoi(strings.ReplaceAll(s, ",", "")); return v }
	return n(m[1]), n(m[2]), n(m[3]), m[4] == "+"
}

// UX-4: every list says how many rows match and which of them it shows:
// customers, invoices, support requests, a customer's orders, the catalog
// and a customer's subscriptions, software and reservations tabs.
func TestListCounts_UX4(t *testing.T) {
	t.Parallel()
	app := webtest.New(t)
	c := app.SignedIn(contosoAdmin)
	count := func(model any, where string, args ...any) int {
		var n int64
		if err := app.DB.Model(model).Where("partner_id = ?", demo.ContosoID).Where(where, args...).Count(&n).Error; err != nil {
			t.Fatal(err)
		}
		return int(n)
	}
	adatum := demo.ID("customer:adatum.com")
	cases := []struct {
		page  string
		rows  string
		total int // -1: compare with the rows shown
	}{
		{"/customers", "#customer-table tbody tr, table.data tbody tr", count(&customers.Customer{}, "1 = 1")},
		{"/billing/invoices", "table.data tbody tr", count(&billing.Invoice{}, "1 = 1")},
		{"/support", "table.data tbody tr", count(&support.Request{}, "1 = 1")},
		{"/customers/" + adatum + "/orders", "table.data tbody tr", count(&orders.Order{}, "customer_id = ?", adatum)},
		{"/customers/" + adatum, "#subscriptions tbody tr", -1},
		{"/customers/" + adatum + "/software", "#software-list tbody tr", -1},
		{"/customers/" + adatum + "/reservations", "#reservations tbody tr", -1},
		{"/customers/" + adatum + "/catalog", "", -1},
	}
	for _, tc := range cases {
		r := c.Get(tc.page).Expect(t, http.StatusOK)
		first, last, total, capped := countOf(t, r, tc.page)
		if first != 1 || capped {
			t.Errorf("%s: shows %d–%d of %d (capped %v)", tc.page, first, last, total, capped)
		}
		want := tc.total
		if tc.rows != "" {
			shown := r.Count(tc.rows)
			if last != shown {
				t.Errorf("%s: says it shows up to row %d, the table has %d", tc.page, last, shown)
			}
			if want < 0 {
				want = shown
			}
		}
		if want >= 0 && total != want {
			t.Errorf("%s: says %d match, want %d", tc.page, total, want)
		}
		if total == 0 {
			t.Errorf("%s: no rows in the demo data", tc.page)
		}
	}
}
