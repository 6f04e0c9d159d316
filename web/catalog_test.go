package web_test

import (
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"portal/internal/cart"
	"portal/internal/demo"
	"portal/internal/testkit"
	"portal/web/webtest"
)

func custID(domain string) string    { return demo.ID("customer:" + domain) }
func offerID(slug string) string     { return demo.ID("offer:" + slug) }
func catalogOf(domain string) string { return "/customers/" + custID(domain) + "/catalog" }

// offerNames returns the names of the offers a catalog page lists.
func offerNames(r *webtest.Response) []string {
	var out []string
	r.Doc.Find("#offers .offer-name").Each(func(_ int, s *goquery.Selection) { out = append(out, strings.TrimSpace(s.Text())) })
	return out
}

func hasName(names []string, want string) bool {
	for _, n := range names {
		if n == want {
			return true
		}
	}
	return false
}

// CAT-1, CAT-2: every filter the catalog offers, alone and combined, keeps
// only the matching offers; the filters stay in the URL and survive paging.
func TestCatalogFilters_CAT1_CAT2(t *testing.T) {
	t.Parallel()
	app := webtest.New(t)
	c := app.SignedIn("globaladmin@contoso.example")
	base := catalogOf("adatum.com")
	cases := []struct {
		query         string
		want, wantNot []string
	}{
		{"", []string{"Microsoft 365 E3", "Contoso Backup for Microsoft 365"}, []string{"Windows Server 2022 Standard - 16 core license"}},
		{"?tab=online&publisher=partner", []string{"Contoso Backup for Microsoft 365", "Wingtip CRM Cloud"}, []string{"Microsoft 365 E3"}},
		{"?tab=online&publisher=microsoft", []string{"Microsoft 365 E3"}, []string{"Wingtip CRM Cloud"}},
		{"?tab=online&billing=usage", []string{"Azure plan", "Litware Container Firewall"}, []string{"Microsoft 365 E3"}},
		{"?tab=online&billing=license&publisher=partner", []string{"Wingtip CRM Cloud"}, []string{"Litware Container Firewall"}},
		{"?tab=online&category=small_business", []string{"Microsoft 365 Business Basic"}, []string{"Microsoft 365 E3"}},
		{"?tab=online&category=enterprise", []string{"Microsoft 365 E3"}, []string{"Microsoft 365 Business Basic"}},
		{"?tab=online&category=trial", []string{"Relecloud HR Suite"}, []string{"Microsoft 365 E3"}},
		{"?tab=online&frequency=annual&publisher=partner", []string{"Relecloud HR Suite", "Wingtip CRM Cloud"}, []string{"Fabrikam Email Signature Manager"}},
		{"?tab=online&frequency=monthly&publisher=partner", []string{"Fabrikam Email Signature Manager", "Wingtip CRM Cloud"}, []string{"Relecloud HR Suite"}},
		{"?tab=online&q=defender", []string{"Microsoft Defender for Business", "Microsoft Defender for Office 365 (Plan 1)"}, []string{"Microsoft 365 E3"}},
		{"?tab=online&q=LITWARE", []string{"Litware Secure Mail Gateway"}, []string{"Microsoft 365 E3"}},
		{"?tab=online&publisher=microsoft&billing=license&category=enterprise&frequency=monthly&q=365", []string{"Microsoft 365 E3", "Office 365 E1"}, []string{"Microsoft 365 Business Basic", "Contoso Backup for Microsoft 365"}},
		{"?tab=software", []string{"Windows Server 2022 Standard - 16 core license", "Windows 7 Extended Security Updates", "Red Hat Enterprise Linux Server, Standard, 1-2 sockets"}, []string{"Microsoft 365 E3"}},
		{"?tab=software&q=sql", []string{"SQL Server 2022 Standard - 2 core, 3 year subscription"}, []string{"Windows 7 Extended Security Updates"}},
		{"?tab=reservation", []string{"Reserved VM Instance, Dsv5 series, D2s v5, East US, 1 year", "Azure Cosmos DB reserved capacity, 100 RU/s, 1 year"}, []string{"Microsoft 365 E3"}},
		{"?tab=trial", []string{"Microsoft 365 E3 Trial", "Power BI Pro Trial"}, []string{"Microsoft 365 E3"}},
		{"?tab=online&q=no-such-offer", nil, []string{"Microsoft 365 E3"}},
		{"?tab=bogus&publisher=nobody&frequency=weekly&page=-4", []string{"Microsoft 365 E3"}, nil},
	}
	for _, tc := range cases {
		t.Run(tc.query, func(t *testing.T) {
			r := c.Get(base+tc.query).Expect(t, http.StatusOK)
			names := offerNames(r)
			if next, ok := r.Doc.Find(`.pager a[rel="next"]`).Attr("href"); ok {
				names = append(names, offerNames(c.Get(next).Expect(t, http.StatusOK))...)
			}
			for _, w := range tc.want {
				if !hasName(names, w) {
					t.Errorf("missing %q in %v", w, names)
				}
			}
			for _, w := range tc.wantNot {
				if hasName(names, w) {
					t.Errorf("%q should be filtered out", w)
				}
			}
			if len(tc.want) == 0 && r.Count(".empty") != 1 {
				t.Errorf("no empty state")
			}
		})
	}
}

// CAT-2: the pager keeps the filters; the form keeps their values.
func TestCatalogPagingKeepsFilters_CAT2(t *testing.T) {
	t.Parallel()
	app := webtest.New(t)
	c := app.SignedIn("globaladmin@contoso.example")
	r := c.Get(catalogOf("adatum.com")+"?tab=online&publisher=microsoft&billing=license").Expect(t, http.StatusOK)
	next, ok := r.Doc.Find(`.pager a[rel="next"]`).Attr("href")
	if !ok {
		t.Fatal("no next page")
	}
	u, _ := url.Parse(next)
	if q := u.Query(); q.Get("publisher") != "microsoft" || q.Get("billing") != "license" || q.Get("page") != "2" || q.Get("tab") != "online" {
		t.Fatalf("next link %s", next)
	}
	r2 := c.Get(next).Expect(t, http.StatusOK)
	if v, _ := r2.Doc.Find(`#f-publisher option[selected]`).Attr("value"); v != "microsoft" {
		t.Fatalf("publisher select shows %q", v)
	}
	if prev, _ := r2.Doc.Find(`.pager a[rel="prev"]`).Attr("href"); !strings.Contains(prev, "publisher=microsoft") {
		t.Fatalf("prev link %s", prev)
	}
	if back, _ := r2.Doc.Find(`.add-form input[name="back"]`).Attr("value"); !strings.Contains(back, "page=2") {
		t.Fatalf("add forms return to %q", back)
	}
}

// CAT-2: with htmx the filter form gets only the results.
func TestCatalogHtmxFragment_CAT2(t *testing.T) {
	t.Parallel()
	app := webtest.New(t)
	c := app.SignedIn("globaladmin@contoso.example")
	req := httpGet(catalogOf("adatum.com") + "?tab=online&publisher=partner")
	req.Header.Set("HX-Request", "true")
	req.Header.Set("HX-Target", "catalog-results")
	r := c.Do(req).Expect(t, http.StatusOK)
	if strings.Contains(r.Body, "<html") || r.Count("#offers") != 1 || r.Count("#catalog-filters") != 0 {
		t.Fatalf("not a fragment: %.300s", r.Body)
	}
	if hasName(offerNames(r), "Microsoft 365 E3") {
		t.Fatal("fragment not filtered")
	}
	full := c.Get(catalogOf("adatum.com")).Expect(t, http.StatusOK)
	form := full.Doc.Find("#catalog-filters")
	if m, _ := form.Attr("method"); m != "get" {
		t.Fatal("the filter form must work without JavaScript (GET)")
	}
	if v, _ := form.Attr("data-hx-push-url"); v != "true" {
		t.Fatal("data-hx-push-url missing")
	}
}

// CAT-3: what each customer sees: hidden exclusive offers, and each reason.
func TestCatalogAvailabilityPerCustomer_CAT3(t *testing.T) {
	t.Parallel()
	app := webtest.New(t)
	c := app.SignedIn("globaladmin@contoso.example")
	reasonOf := func(domain, query, slug string) string {
		r := c.Get(catalogOf(domain)+query).Expect(t, http.StatusOK)
		return r.Text("#reason-" + offerID(slug))
	}
	// Hidden: exclusive to Fabrikam; shown: exclusive to Contoso.
	r := c.Get(catalogOf("adatum.com")+"?q=exclusive").Expect(t, http.StatusOK)
	if r.Count("#offer-"+offerID("tailspin-field-service")) != 0 || r.Count("#offer-"+offerID("adatum-helpdesk-pro")) != 1 {
		t.Fatal("exclusive offers: wrong visibility")
	}
	f := app.SignedIn("globaladmin@fabrikam.example")
	fr := f.Get(catalogOf("blueyonderairlines.com")+"?q=exclusive").Expect(t, http.StatusOK)
	if fr.Count("#offer-"+offerID("tailspin-field-service")) != 1 || fr.Count("#offer-"+offerID("adatum-helpdesk-pro")) != 0 {
		t.Fatal("Fabrikam sees the wrong exclusive offers")
	}
	checks := []struct{ name, domain, query, slug, want string }{
		{"segment", "adatum.com", "?q=faculty", "m365-a3-education", "segment"},
		{"education customer and a commercial plan", "bellowscollege.edu", "?q=E5", "m365-e5", "segment"},
		{"one per customer, owned", "contosopharma.com", "?q=intune", "intune-suite", "already has one"},
		{"country", "adatum.com", "?q=litware", "litware-secure-mail", "billed in US"},
		{"not in program", "adatum.com", "?q=northwind", "northwind-analytics", "not made this offer available"},
		{"usage-based partner offer", "adatum.com", "?q=firewall", "litware-container-firewall", "Azure management portal"},
		{"reservation market", "librevilletelecom.ga", "?tab=reservation", "azure-vm-d2s-v5-1yr", "(GA)"},
		{"add-on without base", "relecloud.com", "?q=phone", "teams-phone-system", "Microsoft 365 E3"},
	}
	for _, ch := range checks {
		if got := reasonOf(ch.domain, ch.query, ch.slug); !strings.Contains(got, ch.want) {
			t.Errorf("CAT-3 %s: reason %q, want it to say %q", ch.name, got, ch.want)
		}
	}
	// Suspended one-per-customer subscription: Reactivate instead of Add.
	r = c.Get(catalogOf("fourthcoffee.com")+"?q=defender").Expect(t, http.StatusOK)
	row := r.Doc.Find("#offer-" + offerID("microsoft-defender-for-business"))
	href, ok := row.Find("a.reactivate").Attr("href")
	if !ok || !strings.HasPrefix(href, "/subscriptions/") || row.Find(".add-form").Length() != 0 {
		t.Fatalf("CAT-3 suspended: reactivate link %q", href)
	}
	// Reservations are addable elsewhere.
	r = c.Get(catalogOf("adatum.com")+"?tab=reservation").Expect(t, http.StatusOK)
	if r.Doc.Find("#offer-"+offerID("azure-vm-d2s-v5-1yr")+" .add-form").Length() != 1 {
		t.Fatal("reservation not addable for a US customer")
	}
}

// AUTH-5: the add action shows only to roles that may buy the tab's offers.
func TestCatalogAddFormsFollowRoles_AUTH5(t *testing.T) {
	t.Parallel()
	app := webtest.New(t)
	cases := []struct {
		email, tab string
		forms      bool
	}{
		{"globaladmin@contoso.example", "software", true},
		{"adminagent@contoso.example", "reservation", true},
		{"sales@contoso.example", "online", true},
		{"sales@contoso.example", "software", false},
		{"sales@contoso.example", "reservation", false},
		{"helpdesk@contoso.example", "online", false},
		{"billing@contoso.example", "trial", false},
	}
	for _, tc := range cases {
		r := app.SignedIn(tc.email).Get(catalogOf("adatum.com")+"?tab="+tc.tab).Expect(t, http.StatusOK)
		if got := r.Count(".add-form") > 0; got != tc.forms {
			t.Errorf("%s on %s: add forms %v, want %v", tc.email, tc.tab, got, tc.forms)
		}
	}
}

func cartLines(t *testing.T, app *webtest.App, domain string) []cart.Item {
	t.Helper()
	var items []cart.Item
	if err := app.DB.Where("customer_id = ?", custID(domain)).Order("created_at").Find(&items).Error; err != nil {
		t.Fatal(err)
	}
	return items
}

func httpGet(path string) *http.Request {
	req, _ := http.NewRequest(http.MethodGet, "http://portal.test"+path, nil)
	return req
}

// CAT-3, CAT-8, PERF-2: a customer's catalog viewed again reads neither
// the customer's subscriptions, nor its cart, nor the catalog's version
// while nothing is written; a write, any write, shows on the next view: a
// subscription ended makes a one-per-customer offer addable again, a line
// put in the cart shows its badge.
func TestCatalogViewedAgainReadsNothingUntilAWrite_CAT3_CAT8_PERF2(t *testing.T) {
	t.Parallel()
	app := webtest.New(t)
	c := app.SignedIn("globaladmin@contoso.example")
	rec := testkit.RecordQueries(t, app.DB)
	path, intune := catalogOf("contosopharma.com")+"?q=intune", offerID("intune-suite")
	tables := regexp.MustCompile(`\b(subscriptions|cart_items|catalog_versions)\b`)
	view := func(wantRead bool) *webtest.Response {
		t.Helper()
		rec.Take()
		r := c.Get(path).Expect(t, http.StatusOK)
		read := false
		for _, st := range rec.Take() {
			read = read || tables.MatchString(st.SQL)
		}
		// On PostgreSQL the other tests' writes, on the same server, move
		// the snapshot at any time: a view may read again.
		if read != wantRead && (wantRead || !testkit.Postgres()) {
			t.Errorf("read the subscriptions, cart or version %v, want %v", read, wantRead)
		}
		return r
	}
	if got := view(true).Text("#reason-" + intune); !strings.Contains(got, "already has one") {
		t.Fatalf("owned one-per-customer offer: reason %q", got)
	}
	if got := view(false).Text("#reason-" + intune); !strings.Contains(got, "already has one") {
		t.Fatalf("viewed again: reason %q", got)
	}

	if err := app.DB.Exec("UPDATE subscriptions SET status = 'cancelled' WHERE customer_id = ? AND offer_id = ?",
		custID("contosopharma.com"), intune).Error; err != nil {
		t.Fatal(err)
	}
	r := view(true)
	if r.Text("#reason-"+intune) != "" || r.Doc.Find("#offer-"+intune+" .add-form").Length() != 1 {
		t.Fatalf("after the subscription ended: reason %q, no add form", r.Text("#reason-"+intune))
	}
	now := app.Clock.Now()
	if err := app.DB.Create(&cart.Item{ID: "00000000-0000-4000-8000-0000000ca470", PartnerID: demo.ContosoID,
		CustomerID: custID("contosopharma.com"), OfferID: intune, Quantity: 3, Frequency: "monthly",
		AddedBy: "test", CreatedAt: now, UpdatedAt: now}).Error; err != nil {
		t.Fatal(err)
	}
	if got := view(true).Text("#offer-" + intune); !strings.Contains(got, "In cart: 3") {
		t.Fatalf("after a line put in the cart: %q", strings.Join(strings.Fields(got), " "))
	}
}

// CAT-5, AUTH-8, PERF-2: the catalog's rows, written once for the same
// figures, carry each viewer's own form token: two sessions of one user
// viewing the same page get add forms with their own token, and each adds
// with the form as its page wrote it; a viewer in French reads the rows in
// French; another role sees its own actions (AUTH-5).
func TestCatalogRowsCarryEachViewersToken_CAT5_AUTH5_PERF2(t *testing.T) {
	t.Parallel()
	app := webtest.New(t)
	one, two := app.SignedIn("globaladmin@contoso.example"), app.SignedIn("globaladmin@contoso.example")
	french := app.SignedIn("globaladmin@contoso.example")
	french.Lang = "fr"
	helpdesk := app.SignedIn("helpdesk@contoso.example")
	path, basic := catalogOf("relecloud.com")+"?q=business", offerID("m365-business-basic")
	form := func(c *webtest.Client) (*webtest.Response, url.Values) {
		t.Helper()
		r := c.Get(path).Expect(t, http.StatusOK)
		page, _ := r.Doc.Find(`meta[name="csrf-token"]`).Attr("content")
		f := r.Doc.Find("#offer-" + basic + " form.add-form")
		if f.Length() != 1 {
			t.Fatalf("no add form for the offer:\n%s", r.Text("#offers"))
		}
		values := formValues(f)
		if page == "" || values.Get("_csrf") != page {
			t.Fatalf("the add form's token %q is not the page's %q", values.Get("_csrf"), page)
		}
		return r, values
	}
	first, v1 := form(one)
	_, v2 := form(two)
	if v1.Get("_csrf") == v2.Get("_csrf") {
		t.Fatal("two sessions got the same form token")
	}
	action := "/customers/" + custID("relecloud.com") + "/cart/items"
	two.Post(action, v2).Expect(t, http.StatusSeeOther)
	if n := len(cartLines(t, app, "relecloud.com")); n != 1 {
		t.Fatalf("after the second session's add the cart has %d lines", n)
	}
	// The add was a write: the first session's form, as its page wrote it
	// before, still adds (its own token), and the rows are written anew.
	v1.Set("quantity", "7")
	one.Post(action, v1).Expect(t, http.StatusSeeOther)
	again, _ := form(one)
	if got := again.Text("#offer-" + basic); !strings.Contains(got, "In cart: 7") || strings.Contains(first.Text("#offer-"+basic), "In cart") {
		t.Errorf("the rows after two adds: %q", strings.Join(strings.Fields(got), " "))
	}

	fr, _ := form(french)
	if got := fr.Text("#offer-" + basic + " .add-btn"); got != "Ajouter au panier" {
		t.Errorf("in French the add button reads %q", got)
	}
	h := helpdesk.Get(path).Expect(t, http.StatusOK)
	if h.Doc.Find("#offer-"+basic+" form.add-form").Length() != 0 || !strings.Contains(h.Text("#offer-"+basic), "role") {
		t.Errorf("the helpdesk agent, who may not buy, sees %q", strings.Join(strings.Fields(h.Text("#offer-"+basic)), " "))
	}
}

// CAT-2, PERF-2: a catalog page viewed again, by the same viewer or
// another with the same roles, is the page kept for the database's state:
// the same offers, badges and pager, each view with its own form token; a
// write (a line put in the cart) shows on the next view, with the pager.
func TestKeptCatalogPageWithItsPager_CAT2_PERF2(t *testing.T) {
	t.Parallel()
	app := webtest.New(t)
	one, two := app.SignedIn("globaladmin@contoso.example"), app.SignedIn("globaladmin@contoso.example")
	path := catalogOf("adatum.com") + "?tab=online&publisher=microsoft&billing=license"
	results := func(c *webtest.Client) (string, *webtest.Response) {
		t.Helper()
		r := c.Get(path).Expect(t, http.StatusOK)
		token, _ := r.Doc.Find(`meta[name="csrf-token"]`).Attr("content")
		html, err := r.Doc.Find("#catalog-results").Html()
		if err != nil || token == "" || !strings.Contains(html, token) {
			t.Fatalf("no results with the page's token %q: %v", token, err)
		}
		return strings.ReplaceAll(html, token, "TOKEN"), r
	}
	first, r := results(one)
	next, ok := r.Doc.Find(`.pager a[rel="next"]`).Attr("href")
	summary := strings.Join(strings.Fields(r.Text(".pager")), " ")
	if !ok || !strings.Contains(summary, "1–25") {
		t.Fatalf("the first page's pager: %q, next %q", summary, next)
	}
	for _, c := range []*webtest.Client{one, two, one} {
		if again, _ := results(c); again != first {
			t.Fatalf("viewed again the results differ:\n%s\n---\n%s", first, again)
		}
	}
	// A line in the cart is a write: the offer shows it, the pager stays.
	offer, _ := r.Doc.Find("#offers tr.offer form.add-form").First().Closest("tr").Attr("id")
	values := formValues(r.Doc.Find("#" + offer + " form.add-form"))
	values.Del("_csrf") // the adding session's own
	two.Post("/customers/"+custID("adatum.com")+"/cart/items", values).Expect(t, http.StatusSeeOther)
	after, r2 := results(one)
	if after == first || !strings.Contains(r2.Text("#"+offer), "In cart") {
		t.Errorf("after the add the offer reads %q", strings.Join(strings.Fields(r2.Text("#"+offer)), " "))
	}
	if got := strings.Join(strings.Fields(r2.Text(".pager")), " "); got != summary {
		t.Errorf("after the add the pager reads %q, want %q", got, summary)
	}
}

// formValues is what a form sends as written: each field's value, a
// select's first option.
func formValues(f *goquery.Selection) url.Values {
	values := url.Values{}
	f.Find("input[name], select[name]").Each(func(_ int, s *goquery.Selection) {
		name, _ := s.Attr("name")
		v, _ := s.Attr("value")
		if s.Is("select") {
			v, _ = s.Find("option").First().Attr("value")
		}
		values.Set(name, v)
	})
	return values
}
