package e2e

import (
	"strings"
	"testing"

	"portal/internal/demo"
	"portal/internal/orders"
	"portal/internal/subscriptions"
	"portal/web/webtest"
)

// DEMO-1, CAT-10, SUB-4, SW-5, CAT-7: the pages a demo shows first, as a
// global admin, in English and French: a trial, the suspended Defender
// subscription with its deletion date, a software purchase's cancellation
// card, an order of the year's history, and the home page's billed chart.
// Screenshots are saved for people to look at.
func TestDemoPages_Browser(t *testing.T) {
	t.Parallel()
	app := webtest.New(t)
	var defender subscriptions.Subscription
	if err := app.DB.Where("customer_id = ? AND offer_id = ?", demo.ID("customer:fourthcoffee.com"), demo.ID("offer:microsoft-defender-for-business")).Take(&defender).Error; err != nil {
		t.Fatal(err)
	}
	var order orders.Order
	if err := app.DB.Where("checkout_key = ?", demo.DemoOrderKey("adatum.com", 1)).Take(&order).Error; err != nil {
		t.Fatal(err)
	}
	pages := []struct{ name, path, sel, want string }{
		{"trial", "/subscriptions/" + demo.ID("subscription:contosopharma-backup"), "#prop-auto-renew", ""},
		{"suspended", "/subscriptions/" + defender.ID, "#prop-deletion", ""},
		{"software", "/software/" + demo.ID("software:adatum-windows-server"), "#cancel-role", ""},
		{"order", "/orders/" + order.ID, "#order-id", order.ID},
		{"home", "/", "#billed-chart", ""},
	}
	for _, lang := range []string{"en", "fr"} {
		b := app.NewBrowser(webtest.BrowserOptions{Height: 1100})
		b.Login("globaladmin@contoso.example")
		if lang == "fr" {
			b.ClickAndWaitNoLoad(".user-menu summary")
			b.Select("#lang-select", "fr")
			b.ClickAndWait(".lang-form button")
		}
		for _, p := range pages {
			b.Open(p.path)
			if b.Count(p.sel) == 0 || (p.want != "" && !strings.Contains(b.Text(p.sel), p.want)) {
				t.Errorf("%s (%s): %s missing or without %q", p.name, lang, p.sel, p.want)
			}
			b.Screenshot("demo-" + p.name + "-" + lang)
		}
	}
}
