package web_test

import (
	"encoding/csv"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"portal/internal/billing"
	"portal/internal/demo"
	"portal/internal/platform/db"
	"portal/internal/platform/keyset"
	"portal/web/webtest"
)

// BILL-2: the invoices list shows only the partner's invoices, filters by
// customer and period, and links to each invoice.
func TestInvoicesList_BILL2(t *testing.T) {
	t.Parallel()
	app := webtest.New(t)
	c := app.SignedIn("billing@contoso.example")
	r := c.Get("/billing/invoices").Expect(t, http.StatusOK)
	if r.Count("#invoices tbody tr") < 15 {
		t.Fatalf("%d invoices", r.Count("#invoices tbody tr"))
	}
	if strings.Contains(r.Body, "Blue Yonder Airlines") {
		t.Fatal("another partner's customer is listed")
	}
	// The customer filter lists all of the customer's invoices, one per
	// billing period the demo data charged (months of renewals), and no other.
	var adatum int64
	app.DB.Model(&billing.Invoice{}).Where("partner_id = ? AND customer_id = ?", demo.ContosoID, demo.ID("customer:adatum.com")).Count(&adatum)
	r = c.Get("/billing/invoices?customer=adatum.com").Expect(t, http.StatusOK)
	if n := r.Count("#invoices tbody tr"); int64(n) != min(adatum, 50) || adatum == 0 {
		t.Fatalf("customer filter: %d rows, want %d", n, min(adatum, 50))
	}
	r.Doc.Find("#invoices tbody tr").Each(func(_ int, row *goquery.Selection) {
		if !strings.Contains(row.Text(), "Adatum Corporation") {
			t.Errorf("customer filter lists %q", strings.TrimSpace(row.Text()))
		}
	})
	now := billing.PeriodKey(app.Clock.Now())
	r = c.Get("/billing/invoices?period="+now+"&customer=ADATUM.com").Expect(t, http.StatusOK)
	if r.Count("#invoices tbody tr") != 1 {
		t.Fatalf("period + customer: %d rows", r.Count("#invoices tbody tr"))
	}
	if v, _ := r.Doc.Find("#period option[selected]").Attr("value"); v != now {
		t.Fatalf("period select shows %q", v)
	}
	r = c.Get("/billing/invoices?period=2020-01").Expect(t, http.StatusOK)
	if r.Count("#invoices tbody tr") != 0 || r.Count(".empty") != 1 {
		t.Fatal("an old period should be empty")
	}
	for _, q := range []string{"?period=bogus", "?after=zzz", "?customer=%ff%fe", "?customer=nobody.example"} {
		c.Get("/billing/invoices"+q).Expect(t, http.StatusOK)
	}
}

// BILL-2: keyset pages: the next page continues the list without repeats.
func TestInvoicesPaging_BILL2(t *testing.T) {
	t.Parallel()
	app := webtest.New(t)
	// More invoices than a page: last month's for every Contoso customer.
	var ids []string
	app.DB.Table("customers").Where("partner_id = ?", demo.ContosoID).Pluck("id", &ids)
	prev := app.Clock.Now().AddDate(0, -1, 0)
	for _, id := range ids {
		if _, err := (billing.Ledger{DB: app.DB}).Post(t.Context(), billing.Entry{PartnerID: demo.ContosoID, CustomerID: id, At: prev, Reason: "renewal", Description: "Renewal", Amount: 100}); err != nil {
			t.Fatal(err)
		}
	}
	c := app.SignedIn("globaladmin@contoso.example")
	seen := map[string]bool{}
	path := "/billing/invoices"
	pages := 0
	for path != "" && pages < 10 {
		r := c.Get(path).Expect(t, http.StatusOK)
		r.Doc.Find("#invoices a.invoice-link").Each(func(_ int, s *goquery.Selection) {
			h, _ := s.Attr("href")
			if seen[h] {
				t.Fatalf("%s listed twice", h)
			}
			seen[h] = true
		})
		path, _ = r.Doc.Find(`.pager a[rel="next"]`).Attr("href")
		pages++
	}
	var total int64
	app.DB.Model(&billing.Invoice{}).Where("partner_id = ?", demo.ContosoID).Count(&total)
	if int64(len(seen)) != total || pages < 2 {
		t.Fatalf("saw %d of %d invoices in %d pages", len(seen), total, pages)
	}
}

// BILL-1, BILL-2: a purchase lands on the open invoice of the current
// period, whose page lists its lines, and whose CSV export has them too.
func TestInvoiceDetailAndCSV_BILL1_BILL2(t *testing.T) {
	t.Parallel()
	app := webtest.New(t)
	admin := app.SignedIn("globaladmin@contoso.example")
	admin.Post("/customers/"+custID("relecloud.com")+"/cart/items", addForm("m365-e3", "10", "monthly")).Expect(t, http.StatusSeeOther)
	key := checkoutKey(t, admin.Get(cartPath("relecloud.com")))
	admin.Post(cartPath("relecloud.com")+"/checkout", url.Values{"checkout_key": {key}}).Expect(t, http.StatusSeeOther)

	c := app.SignedIn("billing@contoso.example")
	list := c.Get("/billing/invoices?customer=relecloud.com").Expect(t, http.StatusOK)
	href, ok := list.Doc.Find("#invoices a.invoice-link").Attr("href")
	if !ok {
		t.Fatal("no invoice for the purchase")
	}
	r := c.Get(href).Expect(t, http.StatusOK)
	row := r.Text("#invoice-lines tbody tr")
	for _, want := range []string{"Microsoft 365 E3", "Purchase", "10", "$158.40", "Nov 20, 2026"} {
		if !strings.Contains(row, want) {
			t.Errorf("line %q lacks %q", row, want)
		}
	}
	if got := r.Text("#invoice-total"); got != "$158.40" {
		t.Fatalf("total %q", got)
	}
	csvHref, _ := r.Doc.Find("#export-csv").Attr("href")
	for _, p := range []string{csvHref, href + "?format=csv"} {
		res := c.Get(p).Expect(t, http.StatusOK)
		if !strings.HasPrefix(res.Header.Get("Content-Type"), "text/csv") || !strings.Contains(res.Header.Get("Content-Disposition"), "relecloud.com") {
			t.Fatalf("%s: headers %v", p, res.Header)
		}
		rows, err := csv.NewReader(strings.NewReader(res.Body)).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		if len(rows) != 3 || rows[0][0] != "Date" || rows[1][1] != "Microsoft 365 E3" || rows[1][4] != "158.40" || rows[2][4] != "158.40" {
			t.Fatalf("csv %v", rows)
		}
	}
	// Sales agents may not see invoices (AUTH-5).
	app.SignedIn("sales@contoso.example").Get(href).Expect(t, http.StatusForbidden)
	app.SignedIn("globaladmin@fabrikam.example").Get(csvHref).Expect(t, http.StatusNotFound)
}

// BILL-2, UX-4, PERF-6: past a thousand invoices the list without a
// customer filter still says exactly how many there are (the billed
// summary keeps each period's number), in English and French; a customer's
// invoices are counted as before.
func TestInvoicesListCountsPastTheCap_BILL2_UX4_PERF6(t *testing.T) {
	t.Parallel()
	app := webtest.New(t)
	var ids []string
	app.DB.Table("customers").Where("partner_id = ?", demo.ContosoID).Order("id").Pluck("id", &ids)
	// Issued invoices of the months from January 2000, one per customer a
	// month, until there are more than the cap of a counted list.
	var old []billing.Invoice
	first := time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)
	for m := 0; len(old) <= db.CountCap; m++ {
		start := first.AddDate(0, m, 0)
		for _, id := range ids {
			old = append(old, billing.Invoice{ID: keyset.NewID(), PartnerID: demo.ContosoID, CustomerID: id,
				PeriodStart: start, PeriodEnd: start.AddDate(0, 1, 0), Status: billing.Issued, Total: 1200})
		}
	}
	if err := app.DB.CreateInBatches(old, 200).Error; err != nil {
		t.Fatal(err)
	}
	var total int64
	app.DB.Model(&billing.Invoice{}).Where("partner_id = ?", demo.ContosoID).Count(&total)
	c := app.SignedIn("billing@contoso.example")
	c.Lang = "en"
	for _, lang := range []string{"en", "fr"} {
		c.Post("/language", url.Values{"lang": {lang}})
		l := app.Bundle.For(lang)
		r := c.Get("/billing/invoices").Expect(t, http.StatusOK)
		want := l.T("list.showing", l.Number(1), l.Number(50), l.Number(total))
		if got := r.Text(".pager"); !strings.Contains(got, want) {
			t.Errorf("%s: pager %q, want %q", lang, got, want)
		}
	}
	// A customer's invoices: counted, fewer than the cap.
	var adatum int64
	app.DB.Model(&billing.Invoice{}).Where("customer_id = ?", demo.ID("customer:adatum.com")).Count(&adatum)
	l := app.Bundle.For("fr")
	r := c.Get("/billing/invoices?customer=adatum.com").Expect(t, http.StatusOK)
	if want := l.T("list.showing", l.Number(1), l.Number(min(adatum, 50)), l.Number(adatum)); !strings.Contains(r.Text(".pager"), want) {
		t.Errorf("customer filter: pager %q, want %q", r.Text(".pager"), want)
	}
}
