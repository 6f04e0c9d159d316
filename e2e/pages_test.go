package e2e

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"portal/internal/demo"
	"portal/web/webtest"
)

// everyPage lists every GET page of the URL contract (SPEC section 14) and
// of the pages the portal adds to it, for the demo partner seen by a global
// admin: the lists, each tab of three customers, and one page per state of
// the things the demo data holds (subscriptions by status, software,
// reservations with their wizards, orders, invoices, support requests,
// users), so the crawl does not depend on which other tests exist.
func everyPage(t *testing.T, app *webtest.App) []string {
	t.Helper()
	pages := []string{
		"/", "/customers", "/customers?q=contoso", "/customers?segment=education", "/customers/new",
		"/support", "/support/new", "/activity", "/activity?type=subscription", "/billing/invoices",
		"/users", "/users/new", "/account", "/account/mfa", "/demo/clock", "/no-such-page",
		"/invitations/not-a-token", "/password-reset/not-a-token", "/downloads/not-a-token",
		"/customers/" + demo.ID("customer:no-such-customer"),
	}
	ids := func(q string, args ...any) []string {
		var out []string
		if err := app.DB.Raw(q, args...).Scan(&out).Error; err != nil {
			t.Fatalf("pages to crawl: %s: %v", q, err)
		}
		return out
	}
	p := demo.ContosoID
	customers := []string{demo.ID("customer:fourthcoffee.com"), demo.ID("customer:adatum.com")}
	customers = append(customers, ids(`SELECT c.id FROM customers c WHERE c.partner_id = ? AND c.id NOT IN (?, ?)
		ORDER BY (SELECT COUNT(*) FROM subscriptions s WHERE s.customer_id = c.id) DESC, c.id LIMIT 1`, p, customers[0], customers[1])...)
	for _, c := range customers {
		for _, tab := range []string{"", "/subscriptions", "/software", "/reservations", "/orders", "/account", "/catalog", "/cart"} {
			pages = append(pages, "/customers/"+c+tab)
		}
	}
	c := customers[0]
	for _, tab := range []string{"software", "reservations", "trials"} {
		pages = append(pages, "/customers/"+c+"/catalog?tab="+tab)
	}
	pages = append(pages, "/customers/"+c+"/catalog?q=microsoft+365+business")
	for _, id := range ids(`SELECT MIN(id) FROM subscriptions WHERE partner_id = ? GROUP BY status, billing_type, frequency ORDER BY 1 LIMIT 8`, p) {
		pages = append(pages, "/subscriptions/"+id)
	}
	for _, id := range ids(`SELECT id FROM subscriptions WHERE partner_id = ? AND status = 'active' ORDER BY id LIMIT 1`, p) {
		pages = append(pages, "/subscriptions/"+id+"/suspend", "/subscriptions/"+id+"/cancel")
	}
	for _, id := range ids(`SELECT id FROM software_purchases WHERE partner_id = ? ORDER BY id LIMIT 3`, p) {
		pages = append(pages, "/software/"+id, "/software/"+id+"/cancel")
	}
	res := demo.ID("reservation:adatum-vm-1yr")
	for _, id := range append([]string{res}, ids(`SELECT id FROM reservations WHERE partner_id = ? AND id <> ? ORDER BY id LIMIT 2`, p, res)...) {
		pages = append(pages, "/reservations/"+id, "/reservations/"+id+"/refund", "/reservations/"+id+"/exchange")
	}
	for prefix, q := range map[string]string{
		"/orders/":  `SELECT id FROM orders WHERE partner_id = ? ORDER BY id LIMIT 3`,
		"/support/": `SELECT id FROM support_requests WHERE partner_id = ? ORDER BY id LIMIT 3`,
		"/users/":   `SELECT id FROM users WHERE partner_id = ? ORDER BY id LIMIT 2`,
	} {
		for _, id := range ids(q, p) {
			pages = append(pages, prefix+id)
		}
	}
	for _, id := range ids(`SELECT id FROM invoices WHERE partner_id = ? ORDER BY id LIMIT 2`, p) {
		pages = append(pages, "/billing/invoices/"+id)
	}
	return pages
}

// UX-1, UX-2, I18N-1: every page, in English and in French, at desktop and
// at phone width (390 px), passes axe-core, the Nu HTML Checker (after the
// package's tests) and, at phone width, does not scroll sideways. Four tabs
// of the one browser share the work.
func TestEveryPage_UX1_UX2(t *testing.T) {
	t.Parallel()
	app := webtest.New(t)
	pages := everyPage(t, app)
	if len(pages) < 75 {
		t.Fatalf("only %d pages to crawl: %v", len(pages), pages)
	}
	for _, lang := range []string{"en", "fr"} {
		for _, width := range []int{1280, webtest.PhoneWidth} {
			t.Run(fmt.Sprintf("%s-%d", lang, width), func(t *testing.T) {
				t.Parallel()
				b := app.NewBrowserFor(t, webtest.BrowserOptions{Width: width, Height: 800, Lang: lang, Timeout: 20 * time.Minute})
				b.Login("globaladmin@contoso.example")
				for _, path := range pages {
					b.Open(path)
					if got := b.Lang(); got != lang {
						t.Fatalf("%s is in %q, want %q", path, got, lang)
					}
					if shot := screenshotName(path, lang, width); shot != "" {
						b.Screenshot(shot)
					}
				}
			})
		}
	}
}

// screenshotName names the screenshots of the pages people look at (issue
// 13's pages), e.g. customer-orders-fr-390; "" for the others.
func screenshotName(path, lang string, width int) string {
	name := ""
	switch {
	case path == "/":
		name = "home"
	case path == "/customers":
		name = "customers"
	case path == "/account":
		name = "account"
	case path == "/activity":
		name = "activity"
	case path == "/support":
		name = "support"
	case strings.HasPrefix(path, "/customers/"+demo.ID("customer:fourthcoffee.com")):
		rest := strings.TrimPrefix(path, "/customers/"+demo.ID("customer:fourthcoffee.com"))
		switch rest {
		case "":
			name = "customer-subscriptions"
		case "/orders", "/reservations", "/account", "/software", "/catalog":
			name = "customer-" + strings.TrimPrefix(rest, "/")
		}
	case path == "/customers/"+demo.ID("customer:adatum.com")+"/reservations":
		name = "customer-reservations-adatum"
	case strings.HasPrefix(path, "/reservations/"+demo.ID("reservation:adatum-vm-1yr")):
		name = "reservation" + strings.ReplaceAll(strings.TrimPrefix(path, "/reservations/"+demo.ID("reservation:adatum-vm-1yr")), "/", "-")
	}
	if name == "" {
		return ""
	}
	name += "-" + lang
	if width == webtest.PhoneWidth {
		name += "-390"
	}
	return name
}
