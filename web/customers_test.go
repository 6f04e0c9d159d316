package web_test

import (
	"github.com/PuerkitoBio/goquery"

	"encoding/csv"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"portal/internal/activity"
	"portal/internal/customers"
	"portal/internal/demo"
	"portal/web/webtest"
)

// CUST-1: the list is sorted by name, 25 a page, each row links to its
// customer, countries by name, with a count; Next and Previous use cursors.
func TestCustomerList_CUST1(t *testing.T) {
	t.Parallel()
	app := webtest.New(t)
	c := app.SignedIn("sales@contoso.example")
	r := c.Get("/customers").Expect(t, http.StatusOK)
	if n := r.Count("#customer-table tbody tr"); n != 25 {
		t.Fatalf("%d rows on the first page", n)
	}
	if got := r.Text("#customer-table tbody tr td a"); got != "Adatum Corporation" {
		t.Fatalf("first row %q", got)
	}
	if href, _ := r.Doc.Find("#customer-table tbody tr td a").First().Attr("href"); href != "/customers/"+demo.ID("customer:adatum.com") {
		t.Fatalf("row link %q", href)
	}
	if got := r.Text("#result-count"); got != "64 customers" {
		t.Fatalf("count %q", got)
	}
	if got := r.Doc.Find("#customer-table tbody tr").First().Find("td").Eq(2).Text(); got != "United States" {
		t.Fatalf("country %q", got)
	}
	if r.Count(`a[rel="prev"]`) != 0 {
		t.Fatal("a previous link on the first page")
	}
	next, _ := r.Doc.Find(`a[rel="next"]`).Attr("href")
	if !strings.Contains(next, "after=") {
		t.Fatalf("next link %q", next)
	}
	seen := map[string]bool{}
	pages := 0
	for href := "/customers"; href != ""; pages++ {
		r := c.Get(href).Expect(t, http.StatusOK)
		r.Doc.Find("#customer-table tbody tr td:first-child a").Each(func(_ int, s *goquery.Selection) {
			name := s.Text()
			if seen[name] {
				t.Errorf("%q on two pages", name)
			}
			seen[name] = true
		})
		href, _ = r.Doc.Find(`a[rel="next"]`).Attr("href")
	}
	if pages != 3 || len(seen) != 64 {
		t.Fatalf("%d pages, %d customers", pages, len(seen))
	}
	// ?page= (the URL contract) is sent on to the page's keyset URL.
	r = c.Get(c.Get("/customers?page=2").Expect(t, http.StatusSeeOther).Location).Expect(t, http.StatusOK)
	if r.Count("#customer-table tbody tr") != 25 || r.Count(`a[rel="prev"]`) != 1 {
		t.Fatal("page 2")
	}
	// Previous from page 2 goes back to the full first page.
	prev, _ := r.Doc.Find(`a[rel="prev"]`).Attr("href")
	r = c.Get(prev).Expect(t, http.StatusOK)
	if r.Count("#customer-table tbody tr") != 25 || r.Text("#customer-table tbody tr td a") != "Adatum Corporation" {
		t.Fatal("previous page is not the first page")
	}
	// Sorted by name descending.
	r = c.Get("/customers?sort=-name").Expect(t, http.StatusOK)
	if got := r.Text("#customer-table tbody tr td a"); got != "World Wildlife Friends" {
		t.Fatalf("first row descending %q", got)
	}
	if got, _ := r.Doc.Find("th[aria-sort]").Attr("aria-sort"); got != "descending" {
		t.Fatalf("aria-sort %q", got)
	}
}

// CUST-1: search and filters combine, are kept in the links, and bad values
// never fail the page.
func TestCustomerListFilters_CUST1(t *testing.T) {
	t.Parallel()
	app := webtest.New(t)
	c := app.SignedIn("helpdesk@contoso.example")
	r := c.Get("/customers?q=ada").Expect(t, http.StatusOK)
	if r.Count("#customer-table tbody tr") != 1 || r.Text("#result-count") != "1 customer" {
		t.Fatalf("q=ada: %d rows, %q", r.Count("#customer-table tbody tr"), r.Text("#result-count"))
	}
	r = c.Get("/customers?segment=education&country=FR").Expect(t, http.StatusOK)
	if got := r.Text("#customer-table tbody tr td a"); got != "Université de Lyon Sud" || r.Count("#customer-table tbody tr") != 1 {
		t.Fatalf("education in FR: %q", got)
	}
	if v, _ := r.Doc.Find("#country option[selected]").Attr("value"); v != "FR" || r.Count("#country option[selected]") != 1 {
		t.Fatalf("country select keeps FR: %q", v)
	}
	if n := r.Count("#country option"); n != 250 {
		t.Fatalf("country filter: %d options, want all countries and \"All countries\"", n)
	}
	if href, _ := r.Doc.Find("#export-csv").Attr("href"); href != "/customers.csv?country=FR&segment=education" {
		t.Fatalf("export link %q", href)
	}
	r = c.Get("/customers?q=zzzz").Expect(t, http.StatusOK)
	if r.Count(".empty") != 1 || !strings.Contains(r.Text(".empty"), "No customers match") {
		t.Fatal("no empty state for a search without results")
	}
	for _, q := range []string{"q=%25", "q=%27", "q=%22%3B+DROP+TABLE+customers%3B", "segment=bogus&country=ZZ", "q=%FF%FE", "after=%21%21", "before=xyz", "page=-4", "page=abc", "q=" + strings.Repeat("a", 10000)} {
		c.Get("/customers?"+q).Expect(t, http.StatusOK)
	}
	r = c.Get("/customers").Expect(t, http.StatusOK)
	if r.Count("#customer-table tbody tr") != 25 {
		t.Fatal("the customers table lost rows")
	}
	// The French page names countries in French.
	c.Lang = "fr"
	r = c.Get("/customers?country=DE").Expect(t, http.StatusOK)
	if got := r.Doc.Find("#customer-table tbody tr").First().Find("td").Eq(2).Text(); got != "Allemagne" {
		t.Fatalf("French country name %q", got)
	}
	// The filter's options, rendered once per language, are the French ones.
	if got := r.Doc.Find("#country option[selected]").Text(); got != "Allemagne" || r.Count("#country option[selected]") != 1 {
		t.Fatalf("French country filter selects %q", got)
	}
	if got := r.Doc.Find("#country option").First().Text(); got != "Tous les pays" {
		t.Fatalf("French country filter starts with %q", got)
	}
}

// CUST-1: the empty state says what to do next.
func TestCustomerListEmpty_CUST1(t *testing.T) {
	t.Parallel()
	app := webtest.New(t)
	c := app.SignedIn("globaladmin@contoso.example")
	app.DB.Exec("DELETE FROM customers")
	r := c.Get("/customers").Expect(t, http.StatusOK)
	if !strings.Contains(r.Text(".empty"), "No customers yet") || r.Count(`.empty a[href="/customers/new"]`) != 1 {
		t.Fatalf("empty state: %q", r.Text(".empty"))
	}
}

// CUST-1: the CSV export has the filters applied, the six columns, and
// neutralizes formulas.
func TestCustomerCSV_CUST1(t *testing.T) {
	t.Parallel()
	app := webtest.New(t)
	store := &customers.Store{DB: app.DB, Clock: app.Clock, Activity: activity.Recorder{DB: app.DB}}
	if _, err := store.Create(t.Context(), demo.ContosoID, activity.System, customers.NewCustomer{
		Name: "=HYPERLINK(\"http://x\")", Domain: "formula.fr", Country: "FR", Segment: customers.Education,
		ContactName: "X", ContactEmail: "x@formula.fr", ContactPhone: "+33 1 23 45 67 89",
	}); err != nil {
		t.Fatal(err)
	}
	c := app.SignedIn("billing@contoso.example")
	r := c.Get("/customers.csv?segment=education&country=FR").Expect(t, http.StatusOK)
	if ct := r.Header.Get("Content-Type"); !strings.HasPrefix(ct, "text/csv") {
		t.Fatalf("content type %q", ct)
	}
	if cd := r.Header.Get("Content-Disposition"); !strings.HasPrefix(cd, "attachment;") || !strings.Contains(cd, ".csv") {
		t.Fatalf("disposition %q", cd)
	}
	rows, err := csv.NewReader(strings.NewReader(r.Body)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	want := [][]string{
		{"Company name", "Primary domain", "Tenant ID", "Country", "Segment", "Relationship"},
		{"'=HYPERLINK(\"http://x\")", "formula.fr", "", "FR", "education", "none"},
		{"Université de Lyon Sud", "univ-lyonsud.fr", demo.ID("tenant:univ-lyonsud.fr"), "FR", "education", "active"},
	}
	if len(rows) != len(want) {
		t.Fatalf("%d rows: %q", len(rows), rows)
	}
	for i := range want {
		for j := range want[i] {
			if j == 2 && i == 1 {
				continue // a new random tenant ID
			}
			if rows[i][j] != want[i][j] {
				t.Errorf("row %d col %d: %q, want %q", i, j, rows[i][j], want[i][j])
			}
		}
	}
	all := c.Get("/customers.csv").Expect(t, http.StatusOK)
	if n := strings.Count(all.Body, "\n"); n != 66 {
		t.Fatalf("full export: %d lines", n)
	}
}

func createForm() url.Values {
	return url.Values{
		"name": {"Northwind Health"}, "domain": {"NorthwindHealth.com"}, "country": {"ca"}, "segment": {"commercial"},
		"contact_name": {"Jane Doe"}, "contact_email": {"jane@northwindhealth.com"}, "contact_phone": {"+1 604 555 0199"},
	}
}

func customerCount(t *testing.T, app *webtest.App) int64 {
	var n int64
	app.DB.Model(&customers.Customer{}).Count(&n)
	return n
}

// CUST-2: a customer is created with a tenant ID and its opening date, the
// domain lower-cased, and the page goes to the customer with a flash.
func TestCreateCustomer_CUST2(t *testing.T) {
	t.Parallel()
	app := webtest.New(t)
	c := app.SignedIn("sales@contoso.example")
	form := c.Get("/customers/new").Expect(t, http.StatusOK)
	if form.Count("#country option") != 250 || form.Count("#segment option") != 5 {
		t.Fatalf("choices: %d countries, %d segments", form.Count("#country option"), form.Count("#segment option"))
	}
	r := c.Post("/customers", createForm()).Expect(t, http.StatusSeeOther)
	var cu customers.Customer
	if err := app.DB.Where("domain = ?", "northwindhealth.com").Take(&cu).Error; err != nil {
		t.Fatal(err)
	}
	if r.Location != "/customers/"+cu.ID || cu.Country != "CA" || cu.TenantID == "" || !cu.OpenedAt.Equal(app.Clock.Now()) || cu.PartnerID != demo.ContosoID {
		t.Fatalf("created %+v, location %q", cu, r.Location)
	}
	page := c.Get(r.Location).Expect(t, http.StatusOK)
	if page.Text(".flash") != "Customer created." || page.Text("h1") != "Northwind Health" {
		t.Fatalf("flash %q title %q", page.Text(".flash"), page.Text("h1"))
	}
	var e activity.Entry
	if err := app.DB.Where("action = ? AND customer_id = ?", "customer.created", cu.ID).Take(&e).Error; err != nil {
		t.Fatal("no activity entry")
	}
	// The new customer is found by search at once.
	if got := c.Get("/customers?q=northwind+health").Text("#customer-table tbody tr td a"); got != "Northwind Health" {
		t.Fatalf("search finds %q", got)
	}
}

// CUST-2: bad input answers 422 with the form again, each bad field
// explained, values escaped, and nothing saved.
func TestCreateCustomerBadInput_CUST2(t *testing.T) {
	t.Parallel()
	app := webtest.New(t)
	c := app.SignedIn("adminagent@contoso.example")
	before := customerCount(t, app)
	long := strings.Repeat("x", 5000) // over every limit, under the 64 KB body cap (AUTH-13)
	cases := []struct {
		name   string
		change map[string]string
		fields []string
	}{
		{"all empty", map[string]string{"name": "", "domain": "", "country": "", "segment": "", "contact_name": "", "contact_email": "", "contact_phone": ""},
			[]string{"name", "domain", "country", "segment", "contact_name", "contact_email", "contact_phone"}},
		{"bad domain", map[string]string{"domain": "not a domain"}, []string{"domain"}},
		{"domain without dot", map[string]string{"domain": "contoso"}, []string{"domain"}},
		{"duplicate domain", map[string]string{"domain": "ADATUM.com"}, []string{"domain"}},
		{"bad country", map[string]string{"country": "XX"}, []string{"country"}},
		{"bad segment", map[string]string{"segment": "military"}, []string{"segment"}},
		{"bad email", map[string]string{"contact_email": "jane@"}, []string{"contact_email"}},
		{"bad phone", map[string]string{"contact_phone": "call me"}, []string{"contact_phone"}},
		{"over-long", map[string]string{"name": long, "domain": long + ".com", "contact_name": long, "contact_email": long + "@x.com", "contact_phone": long, "country": long, "segment": long},
			[]string{"name", "domain", "country", "segment", "contact_name", "contact_email", "contact_phone"}},
		{"non-UTF-8", map[string]string{"name": "Bad \xff\xfe name", "contact_name": "\xc3\x28", "domain": "b\xffd.com"}, []string{"name", "contact_name", "domain"}},
		{"control characters", map[string]string{"name": "Evil\x00Corp"}, []string{"name"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			f := createForm()
			for k, v := range tc.change {
				f.Set(k, v)
			}
			r := c.Post("/customers", f).Expect(t, http.StatusUnprocessableEntity)
			if r.Count("#form-errors") != 1 {
				t.Error("no error summary")
			}
			for _, field := range tc.fields {
				if r.Text("#"+field+"-error") == "" {
					t.Errorf("field %s not explained", field)
				}
				if v, _ := r.Doc.Find("#" + field).Attr("aria-invalid"); v != "true" {
					t.Errorf("field %s not marked invalid", field)
				}
			}
			if got := r.Count(".field-error"); got != len(tc.fields) {
				t.Errorf("%d field errors, want %d", got, len(tc.fields))
			}
		})
	}
	if got := r422Dup(t, c); got != "This domain is already used by another of your customers." {
		t.Errorf("duplicate domain message %q", got)
	}
	if customerCount(t, app) != before {
		t.Fatal("a customer was saved despite bad input")
	}
}

func r422Dup(t *testing.T, c *webtest.Client) string {
	f := createForm()
	f.Set("domain", "adatum.com")
	return c.Post("/customers", f).Expect(t, http.StatusUnprocessableEntity).Text("#domain-error")
}

// CUST-2: an XSS payload in every text field comes back escaped.
func TestCreateCustomerEscapesInput_CUST2(t *testing.T) {
	t.Parallel()
	app := webtest.New(t)
	c := app.SignedIn("sales@contoso.example")
	const xss = `<script>alert(1)</script>`
	f := url.Values{}
	for _, k := range []string{"name", "domain", "country", "segment", "contact_name", "contact_email", "contact_phone"} {
		f.Set(k, xss)
	}
	r := c.Post("/customers", f).Expect(t, http.StatusUnprocessableEntity)
	if strings.Contains(r.Body, xss) || r.Count("script:not([src])") != 0 {
		t.Fatal("the payload came back unescaped")
	}
	for _, k := range []string{"name", "contact_name", "contact_email", "contact_phone"} {
		if v, _ := r.Doc.Find("#" + k).Attr("value"); v != xss {
			t.Errorf("field %s shows %q", k, v)
		}
	}
	// Saved as text, shown as text on the list, detail and account pages.
	f = createForm()
	f.Set("name", xss)
	f.Set("contact_name", xss)
	r = c.Post("/customers", f).Expect(t, http.StatusSeeOther)
	for _, path := range []string{r.Location, r.Location + "/account", "/customers?q=script"} {
		page := c.Get(path).Expect(t, http.StatusOK)
		if strings.Contains(page.Body, xss) || page.Count("script:not([src])") != 0 {
			t.Errorf("%s: payload not escaped", path)
		}
	}
}

// CUST-2, AUTH-5: roles that may not create customers get 403 and see no
// button.
func TestCreateCustomerForbidden_CUST2(t *testing.T) {
	t.Parallel()
	app := webtest.New(t)
	c := app.SignedIn("helpdesk@contoso.example")
	if r := c.Get("/customers").Expect(t, http.StatusOK); r.Count("#create-customer") != 0 {
		t.Fatal("helpdesk sees Create a customer")
	}
	before := customerCount(t, app)
	c.Post("/customers", createForm()).Expect(t, http.StatusForbidden)
	if customerCount(t, app) != before {
		t.Fatal("created despite 403")
	}
}

// CUST-3, CUST-5: the account tab shows the company, contact, tenant ID and
// opening date; a request makes an invitation link and a pending
// relationship; the customer accepts on the public page; then the
// management-portal link is enabled.
func TestRelationshipRequestAndAcceptance_CUST5(t *testing.T) {
	t.Parallel()
	app := webtest.New(t)
	c := app.SignedIn("sales@contoso.example")
	r := c.Post("/customers", createForm()).Expect(t, http.StatusSeeOther)
	account := r.Location + "/account"
	page := c.Get(account).Expect(t, http.StatusOK)
	if page.Text("#account-domain") != "northwindhealth.com" || page.Count("#tenant-id") != 1 || page.Count("#tenant-copy") != 0 || page.Text("#account-opened") != "Nov 20, 2026" {
		t.Fatalf("account tab: domain %q opened %q", page.Text("#account-domain"), page.Text("#account-opened"))
	}
	if page.Count("#request-relationship") != 1 || page.Count("a#management-portal") != 0 || page.Count(`span#management-portal[aria-disabled="true"]`) != 1 {
		t.Fatal("before the request: a request button and a disabled portal link")
	}
	id := strings.TrimPrefix(r.Location, "/customers/")
	r = c.Post("/customers/"+id+"/relationship", nil).Expect(t, http.StatusSeeOther)
	if r.Location != account {
		t.Fatalf("redirect to %q", r.Location)
	}
	page = c.Get(account).Expect(t, http.StatusOK)
	link, _ := page.Doc.Find("#invitation-link").Attr("value")
	if !strings.HasPrefix(link, "http://portal.test/invitations/") || !strings.Contains(page.Text("#relationship-state"), "pending") {
		t.Fatalf("invitation link %q, state %q", link, page.Text("#relationship-state"))
	}
	if page.Count("#request-relationship") != 0 || page.Text(".flash") == "" {
		t.Fatal("after the request: no second button, a flash")
	}
	var e activity.Entry
	if err := app.DB.Where("action = ? AND customer_id = ?", "customer.relationship_requested", id).Take(&e).Error; err != nil {
		t.Fatal("no relationship_requested entry")
	}
	// The customer, not signed in, opens the link.
	path := strings.TrimPrefix(link, "http://portal.test")
	anon := app.Client()
	inv := anon.Get(path).Expect(t, http.StatusOK)
	if inv.Text("#invitation-partner") != "Contoso Cloud Partners" || inv.Text("#invitation-customer") != "Northwind Health" || inv.Count("#accept-invitation") != 1 {
		t.Fatalf("invitation page: %q %q", inv.Text("#invitation-partner"), inv.Text("#invitation-customer"))
	}
	anon.Post(path, url.Values{"_csrf": {"forged"}}).Expect(t, http.StatusForbidden)
	anon.Post(path, nil).Expect(t, http.StatusSeeOther)
	done := anon.Get(path).Expect(t, http.StatusOK)
	if done.Count("#accept-invitation") != 0 || !strings.Contains(done.Text("#invitation-accepted"), "accepted") {
		t.Fatal("accepted page")
	}
	anon.Post(path, nil).Expect(t, http.StatusSeeOther) // a second accept changes nothing
	var n int64
	app.DB.Model(&activity.Entry{}).Where("action = ? AND customer_id = ? AND actor_name = ?", "customer.relationship_accepted", id, "customer").Count(&n)
	if n != 1 {
		t.Fatalf("%d relationship_accepted entries", n)
	}
	page = c.Get(account).Expect(t, http.StatusOK)
	if href, _ := page.Doc.Find("a#management-portal").Attr("href"); !strings.Contains(href, "CTID=") {
		t.Fatalf("portal link %q once active", href)
	}
	if page.Count("#invitation-link") != 0 || page.Count("#request-relationship") != 0 {
		t.Fatal("an active relationship still offers a request")
	}
	// A request for an active relationship changes nothing.
	c.Post("/customers/"+id+"/relationship", nil).Expect(t, http.StatusSeeOther)

	anon.Get("/invitations/unknown-token").Expect(t, http.StatusNotFound)
	anon.Get("/invitations/"+strings.Repeat("x", 500)).Expect(t, http.StatusNotFound)
	anon.Post("/invitations/unknown-token", nil).Expect(t, http.StatusNotFound)
}

// CUST-5, AUTH-5: helpdesk may view the account tab but may not request.
func TestRelationshipRequestForbidden_CUST5(t *testing.T) {
	t.Parallel()
	app := webtest.New(t)
	c := app.SignedIn("helpdesk@contoso.example")
	id := demo.ID("customer:margiestravel.com") // pending in the demo data
	page := c.Get("/customers/"+id+"/account").Expect(t, http.StatusOK)
	if page.Count("#request-relationship") != 0 {
		t.Fatal("helpdesk sees Request a relationship")
	}
	c.Post("/customers/"+id+"/relationship", nil).Expect(t, http.StatusForbidden)
	var n int64
	app.DB.Model(&customers.Invitation{}).Count(&n)
	if n != 0 {
		t.Fatal("an invitation was made despite 403")
	}
	fab := app.SignedIn("globaladmin@fabrikam.example")
	fab.Post("/customers/"+id+"/relationship", nil).Expect(t, http.StatusNotFound)
}
