package e2e

import (
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"portal/internal/demo"
	"portal/web/webtest"
)

// CAT-1 to CAT-9, BILL-2: open a customer, add products, filter the
// catalog, add two offers, change a count in the cart, purchase, see the
// order with the setup link and the invoice — with JavaScript on (htmx
// filters update the list and the URL) and off (plain GET forms).
func TestCatalogToOrder_Browser(t *testing.T) {
	t.Parallel()
	for _, noJS := range []bool{false, true} {
		name := "js"
		if noJS {
			name = "nojs"
		}
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			app := webtest.New(t)
			b := app.NewBrowser(webtest.BrowserOptions{NoJS: noJS})
			b.Login("globaladmin@contoso.example")
			cust := demo.ID("customer:relecloud.com")
			backup, standard := demo.ID("offer:contoso-backup-saas"), demo.ID("offer:m365-business-standard")
			e3 := demo.ID("offer:m365-e3")

			b.Open("/customers/" + cust)
			b.ClickAndWait("#add-products")
			if !strings.HasPrefix(b.Path(), "/customers/"+cust+"/catalog") {
				t.Fatalf("Add products went to %s", b.Path())
			}
			// Filter by publisher: partner offers only.
			b.Select("#f-publisher", "partner")
			if noJS {
				b.ClickAndWait("#apply-filters")
			} else {
				// A change event is what a person's choice fires; htmx swaps the
				// results and pushes the filtered URL.
				_, err := chromedp.Run(b.Ctx, chromedp.Evaluate[bool](`document.querySelector('#f-publisher').dispatchEvent(new Event('change', {bubbles: true}))`))
				b.Must(err)
				waitFor(t, b, `location.search.includes('publisher=partner') && !document.querySelector('#offer-`+e3+`') && !!document.querySelector('#offer-`+backup+`')`)
			}
			if !strings.Contains(b.Path(), "publisher=partner") {
				t.Fatalf("the filter is not in the URL: %s", b.Path())
			}
			if b.Count("#offer-"+e3) != 0 || b.Count("#offer-"+backup) != 1 {
				t.Fatal("the list is not filtered")
			}
			b.Screenshot("catalog-filtered-" + name)
			// Add the partner SaaS offer (30-day trial) with 12 licenses.
			b.Fill("#qty-"+backup, "12")
			b.ClickAndWait("#offer-" + backup + " .add-btn")
			if b.Count(".flash") != 1 || !strings.Contains(b.Path(), "publisher=partner") {
				t.Fatalf("after adding: %s", b.Path())
			}
			// Search for a Microsoft plan and add it billed annually.
			b.Open("/customers/" + cust + "/catalog?tab=online&q=business+standard")
			b.Fill("#qty-"+standard, "5")
			b.Select("#freq-"+standard, "annual")
			b.ClickAndWait("#offer-" + standard + " .add-btn")
			if got := b.Text("#review-cart"); !strings.Contains(got, "(2)") {
				t.Fatalf("cart button %q", got)
			}
			b.Screenshot("catalog-" + name)

			b.ClickAndWait("#review-cart")
			if b.Count("#cart-lines tbody tr") != 2 {
				t.Fatalf("%d cart lines", b.Count("#cart-lines tbody tr"))
			}
			// Change the Microsoft plan's count to 7.
			sel := `#cart-lines tbody tr:has(input[aria-label*="Business Standard"])`
			b.Fill(sel+" input.qty", "7")
			b.ClickAndWait(sel + " .update-btn")
			if got := b.Text("#summary-total"); got != "$1,050.00" { // 7 × $150 today; the trial is free
				t.Fatalf("total after the change %q", got)
			}
			if !strings.Contains(b.Text("#tax-note"), "exclude tax") {
				t.Fatal("tax note")
			}
			b.Screenshot("cart-" + name)

			b.ClickAndWait("#purchase")
			if !strings.HasPrefix(b.Path(), "/orders/") {
				t.Fatalf("purchase went to %s", b.Path())
			}
			if b.Count("#order-lines tbody tr") != 2 || b.Count(".setup-link") != 1 || b.Count(".flash") != 1 {
				t.Fatal("order page incomplete")
			}
			if got := b.Text(".setup-url"); got != "https://setup.contosobackup.example/activate" {
				t.Fatalf("setup link %q", got)
			}
			b.Screenshot("order-" + name)
			orderPath := b.Path()
			b.Open("/customers/" + cust + "/orders")
			if b.Count(`#orders a[href="`+orderPath+`"]`) != 1 {
				t.Fatal("CAT-11: the order is not in the Orders tab")
			}
			b.Screenshot("orders-tab-" + name)

			b.Open("/billing/invoices")
			b.Screenshot("invoices-" + name)
			b.Open("/billing/invoices?customer=relecloud.com")
			b.ClickAndWait("#invoices a.invoice-link")
			if !strings.Contains(b.Text("#invoice-lines"), "Microsoft 365 Business Standard") {
				t.Fatal("the purchase is not on the invoice")
			}
			b.Screenshot("invoice-" + name)
		})
	}
}

// waitFor polls a script until it is true.
func waitFor(t *testing.T, b *webtest.Browser, script string) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		ok, err := chromedp.Run(b.Ctx, chromedp.Evaluate[bool](script))
		b.Must(err)
		if ok {
			return
		}
		time.Sleep(100 * time.Millisecond)
	}
	t.Fatalf("timed out waiting for %s", script)
}
