package e2e

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"portal/internal/demo"
	"portal/web/webtest"
)

// UX-2: at 390 px with JavaScript off, the navigation is folded behind the
// Menu button, opens without a script, and leads to another page; the
// product name and the demo date stay on one line each.
func TestPhoneMenuWithoutJavaScript_UX2(t *testing.T) {
	t.Parallel()
	app := webtest.New(t)
	b := app.NewBrowser(webtest.BrowserOptions{NoJS: true, Width: webtest.PhoneWidth, Height: 800})
	b.Login("globaladmin@contoso.example")
	if n := b.Count(".rail a:not([hidden])"); n == 0 {
		t.Fatal("no navigation links on the page")
	}
	if b.Visible("#main-nav") {
		t.Fatal("the navigation is not folded at 390 px")
	}
	for _, sel := range []string{".brand-name", "#demo-date"} {
		if h := b.Height(sel); h > 26 {
			t.Errorf("%s wraps: %.0f px high", sel, h)
		}
	}
	b.ClickAndWaitNoLoad(".nav-button")
	if !b.Visible("#main-nav") {
		t.Fatal("the Menu button does not open the navigation without JavaScript")
	}
	b.Screenshot("menu-open-en-390")
	b.ClickAndWait(`#main-nav a[href="/customers"]`)
	if got := b.Text(".page-head h1"); got != "Customers" {
		t.Fatalf("after the menu's Customers link: %q", got)
	}
	if b.Visible("#main-nav") {
		t.Fatal("the menu stays open on the next page")
	}
}

// DASH-1, UX-2: at 390 px the home page's needs-attention list shows every
// item whole, its date included, without scrolling sideways, in English and
// in French: each item's cells stack inside the card.
func TestAttentionListFitsAPhone_DASH1_UX2(t *testing.T) {
	t.Parallel()
	app := webtest.New(t)
	for _, lang := range []string{"en", "fr"} {
		b := app.NewBrowserFor(t, webtest.BrowserOptions{Width: webtest.PhoneWidth, Height: 800, Lang: lang})
		b.Login("globaladmin@contoso.example")
		rows := b.Count("#attention-list tbody tr")
		if rows == 0 {
			t.Fatalf("%s: no item in the needs-attention list", lang)
		}
		// Every cell, the "when" sentence last, lies within the card.
		outside, err := chromedp.Run(b.Ctx, chromedp.Evaluate[[]string](`(function(){
			var card = document.querySelector('#attention-card').getBoundingClientRect(), out = [];
			document.querySelectorAll('#attention-list tbody td').forEach(function(td){
				var r = td.getBoundingClientRect();
				if (r.width === 0 || r.left < card.left || r.right > card.right + 0.5) out.push(td.textContent.trim());
			});
			return out;
		})()`))
		b.Must(err)
		if len(outside) > 0 {
			t.Errorf("%s: %d of the %d items' cells are cut or outside the card at 390 px: %q", lang, len(outside), rows, outside)
		}
		when := b.Text("#attention-list tbody tr:first-child td:last-child")
		if lang == "en" && !strings.Contains(when, " on ") && !strings.Contains(when, " until ") {
			t.Errorf("the first item's date reads %q", when)
		}
		b.Screenshot("home-attention-" + lang + "-390")
	}
}

// CUST-3, UX-2: at 390 px a customer's header shows the domain on a line of
// its own and the tenant ID under it, in English and in French: no
// separator is left at the end of the domain's line.
func TestCustomerHeaderFitsAPhone_CUST3_UX2(t *testing.T) {
	t.Parallel()
	app := webtest.New(t)
	cust := demo.ID("customer:fourthcoffee.com")
	for _, lang := range []string{"en", "fr"} {
		b := app.NewBrowserFor(t, webtest.BrowserOptions{Width: webtest.PhoneWidth, Height: 800, Lang: lang})
		b.Login("globaladmin@contoso.example")
		b.Open("/customers/" + cust + "/orders")
		if got := b.Text("#tenant-id"); got == "" {
			t.Fatalf("%s: no tenant ID in the customer's header", lang)
		}
		// A separator shown must sit on one line with the domain and the
		// tenant ID; one the tenant ID wrapped away from is left dangling.
		dangling, err := chromedp.Run(b.Ctx, chromedp.Evaluate[bool](`(function(){
			var head = document.querySelector('.customer-head'), spans = head.querySelectorAll(':scope > span');
			var domain = spans[0].getBoundingClientRect(), tenant = document.querySelector('#tenant-id').getBoundingClientRect();
			return Array.prototype.some.call(spans, function(s){
				if (s.textContent.trim() !== '·') return false;
				var r = s.getBoundingClientRect();
				return r.width > 0 && (Math.abs(r.top - domain.top) > 2 || Math.abs(r.top - tenant.top) > 2);
			});
		})()`))
		b.Must(err)
		if dangling {
			t.Errorf("%s: the header's separator is left at the end of a line at 390 px", lang)
		}
		b.Screenshot("customer-head-" + lang + "-390")
	}
}
