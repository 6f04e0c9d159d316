package e2e

import (
	"io"
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"portal/internal/catalog"
	"portal/internal/demo"
	"portal/internal/software"
	"portal/web/webtest"
)

// value returns the value of the form field matching sel.
func value(b *webtest.Browser, sel string) string {
	b.T.Helper()
	v, err := chromedp.Run(b.Ctx, chromedp.Value(chromedp.CSS(sel)))
	b.Must(err)
	return v
}

// shot scrolls to the top (a redirect may land on an anchor) and saves a
// screenshot.
func shot(b *webtest.Browser, name string) {
	b.T.Helper()
	_, err := chromedp.Run(b.Ctx, chromedp.Evaluate[bool]("(function(){window.scrollTo(0,0); return true})()"))
	b.Must(err)
	b.Screenshot(name)
}

// fetch downloads url with a plain HTTP client, as the customer holding the
// link would.
func fetch(t *testing.T, url string) (*http.Response, []byte) {
	t.Helper()
	res, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	body, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	return res, body
}

// SW-1, SW-2, SW-3, SW-5, SW-7: an admin agent opens a customer's software,
// gets the key and a download link, the link downloads the file, then the
// purchase is cancelled and the link answers 410; a sales agent sees no key
// or cancel action — with JavaScript on and off.
func TestSoftwareKeysDownloadCancel_Browser(t *testing.T) {
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
			b.Login("adminagent@contoso.example")
			id := demo.ID("software:adatum-windows-server")

			adatum := demo.ID("customer:adatum.com")
			var purchases int64
			app.DB.Model(&software.Purchase{}).Where("partner_id = ? AND customer_id = ?", demo.ContosoID, adatum).Count(&purchases)
			b.Open("/customers/" + adatum + "/software")
			if n := b.Count("#software-list tbody tr"); n != int(purchases) || n < 5 {
				t.Fatalf("%d purchases listed, want %d", n, purchases)
			}
			shot(b, "software-tab-"+name)
			b.ClickAndWait(`tr[data-id="` + id + `"] a.sw-product`)
			if b.Path() != "/software/"+id {
				t.Fatalf("on %s", b.Path())
			}

			// The second of each of the offer's lists, not the preselected first.
			var p software.Purchase
			var offer catalog.Offer
			if err := app.DB.Where("id = ?", id).Take(&p).Error; err != nil {
				t.Fatal(err)
			}
			if err := app.DB.Where("id = ?", p.OfferID).Take(&offer).Error; err != nil {
				t.Fatal(err)
			}
			pick := func(list string) string {
				l := catalog.List(list)
				if len(l) < 2 {
					t.Fatalf("offer list %q: want two choices", list)
				}
				return l[1]
			}
			version, language, fileType := pick(offer.Versions), pick(offer.Languages), pick(offer.FileTypes)
			b.Select("#version", version)
			b.Select("#language", language)
			b.Select("#file_type", fileType)
			b.ClickAndWait("#get-keys")
			key := value(b, "#activation-key")
			link := value(b, "#download-link")
			if !regexp.MustCompile(`^[A-Z0-9]{5}(-[A-Z0-9]{5}){4}$`).MatchString(key) || !strings.HasPrefix(link, b.URL+"/downloads/") {
				t.Fatalf("key %q link %q", key, link)
			}
			// "Copy link" is a button with JavaScript; without it the link
			// stays in a selectable text field.
			if got := b.Count("button.copy-btn:not([hidden])"); (got == 2) == noJS {
				t.Fatalf("%d copy buttons visible (JavaScript off: %v)", got, noJS)
			}
			if noJS {
				shot(b, "software-keys-nojs")
			} else {
				shot(b, "software-keys")
			}

			file := software.FileName(p.ProductName, version, language, fileType)
			res, body := fetch(t, link)
			if res.StatusCode != http.StatusOK || len(body) != software.FileSize ||
				res.Header.Get("Content-Disposition") != "attachment; filename="+file {
				t.Fatalf("download: %d, %d bytes, %q", res.StatusCode, len(body), res.Header.Get("Content-Disposition"))
			}

			b.ClickAndWait("#cancel-purchase")
			if got := b.Text("#days-left"); got != "50 days left to cancel" {
				t.Fatalf("days left %q", got)
			}
			b.Select("#order_id", demo.ID("order:software:adatum-windows-server"))
			b.ClickAndWaitNoLoad("#confirm")
			if !noJS {
				shot(b, "software-cancel")
			}
			b.ClickAndWait("#cancel-submit")
			if b.Path() != "/software/"+id || b.Count("#cancelled-note") != 1 || b.Count("#keys-form") != 0 {
				t.Fatalf("after cancelling: on %s", b.Path())
			}
			if res, _ := fetch(t, link); res.StatusCode != http.StatusGone {
				t.Fatalf("revoked link: status %d", res.StatusCode)
			}
			b.Open(strings.TrimPrefix(link, b.URL))
			if got := b.Text("h1"); got != "This download link has been revoked" {
				t.Fatalf("revoked page title %q", got)
			}

			// SW-6: Windows 7 ESU goes through a prefilled support request.
			b.Open("/software/" + demo.ID("software:adatum-windows-7-esu") + "/cancel")
			if href := b.Count(`#support-request[href^="/support/new?problem=csp_purchase_refund&customer="]`); href != 1 || b.Count("#cancel-form") != 0 {
				t.Fatal("ESU dialog without the support request link")
			}
			if !noJS {
				shot(b, "software-cancel-esu")
			}

			// An issued link expires when the (demo) clock passes 14 days.
			b.Open("/software/" + demo.ID("software:adatum-suse"))
			b.ClickAndWait("#get-keys")
			suse := value(b, "#download-link")
			app.Clock.Advance(15 * 24 * time.Hour)
			b.Open(strings.TrimPrefix(suse, b.URL))
			if got := b.Text("h1"); got != "This download link has expired" {
				t.Fatalf("expired page title %q", got)
			}
			if !noJS {
				shot(b, "download-expired")
			}

			sales := app.NewBrowser(webtest.BrowserOptions{NoJS: noJS})
			sales.Login("sales@contoso.example")
			sales.Open("/software/" + demo.ID("software:adatum-sql-server-3yr"))
			if sales.Count("#keys-form")+sales.Count("#cancel-purchase") != 0 || sales.Text("#product-name") == "" {
				t.Fatal("a sales agent sees key or cancel actions")
			}
		})
	}
}
