package web_test

import (
	"net/http"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"
	"gorm.io/gorm"

	"portal/internal/activity"
	"portal/internal/billing"
	"portal/internal/customers"
	"portal/internal/demo"
	"portal/internal/platform/db"
	"portal/internal/platform/keyset"
	"portal/internal/subscriptions"
	"portal/internal/testkit"
	"portal/web/webtest"
)

// PERF-2: the list pages (the customers and their search, a customer's
// subscriptions, the invoices, the activity log) and a subscription's page
// read their rows and count once while nothing is written, on both
// engines: viewed again,
// by the same user or another, a page runs no statement on its table; a
// write, any write, shows on the next view. On PostgreSQL no view reads
// the database's snapshot on its own: the session lookup brings it.
func TestListPagesReadOnceUntilAWrite_PERF2(t *testing.T) {
	t.Parallel()
	app := webtest.New(t)
	// Two sessions: each request looks its own up.
	admin, other := app.SignedIn("globaladmin@contoso.example"), app.SignedIn("globaladmin@contoso.example")
	rec := testkit.RecordQueries(t, app.DB)
	view := func(t *testing.T, c *webtest.Client, path, table string, wantRead bool) *webtest.Response {
		t.Helper()
		rec.Take()
		r := c.Get(path).Expect(t, http.StatusOK)
		read := false
		names := regexp.MustCompile(`\b(` + table + `)\b`)
		for _, st := range rec.Take() {
			read = read || names.MatchString(st.SQL)
			if st.SQL == "SELECT "+db.SnapshotSQL {
				t.Errorf("%s: read the database's snapshot on its own", path)
			}
		}
		// On PostgreSQL other tests' writes on the same server move the
		// snapshot at any time: a view may read again.
		if read != wantRead && (wantRead || !testkit.Postgres()) {
			t.Errorf("%s: read %s %v, want %v", path, table, read, wantRead)
		}
		return r
	}
	var cust customers.Customer
	if err := app.DB.Where("partner_id = ?", demo.ContosoID).Order("name_key").Take(&cust).Error; err != nil {
		t.Fatal(err)
	}
	var sub subscriptions.Subscription
	if err := app.DB.Where("partner_id = ? AND customer_id <> ''", demo.ContosoID).Order("id").Take(&sub).Error; err != nil {
		t.Fatal(err)
	}
	var inv billing.Invoice
	if err := app.DB.Where("partner_id = ?", demo.ContosoID).Order("period_start DESC, id DESC").Take(&inv).Error; err != nil {
		t.Fatal(err)
	}
	word := strings.Fields(cust.Name)[0]
	for _, tc := range []struct {
		name, path, table string
		write             func(t *testing.T) string // returns what the next view shows
	}{
		{"customers", "/customers", "customers", func(t *testing.T) string {
			return rename(t, app, cust.ID, "Aaardvark Memo Ltd")
		}},
		{"search", "/customers?q=" + word, "search_terms|search_prefixes", func(t *testing.T) string {
			return rename(t, app, cust.ID, word+" Renamed Again Ltd")
		}},
		{"subscriptions tab", "/customers/" + sub.CustomerID + "/subscriptions", "subscriptions", func(t *testing.T) string {
			if err := app.DB.Model(&subscriptions.Subscription{}).Where("id = ?", sub.ID).Update("offer_name", "Memo Offer Plan").Error; err != nil {
				t.Fatal(err)
			}
			return "Memo Offer Plan"
		}},
		{"subscription", "/subscriptions/" + sub.ID, "subscriptions", func(t *testing.T) string {
			if err := app.DB.Model(&subscriptions.Subscription{}).Where("id = ?", sub.ID).Update("offer_name", "Memo Offer Again").Error; err != nil {
				t.Fatal(err)
			}
			return "Memo Offer Again"
		}},
		{"invoices", "/billing/invoices", "invoices", func(t *testing.T) string {
			return rename(t, app, inv.CustomerID, "Invoiced Memo Ltd")
		}},
		{"activity", "/activity", "activity_entries", func(t *testing.T) string {
			var e activity.Entry
			if err := app.DB.Where("partner_id = ?", demo.ContosoID).Order("at DESC, id DESC").Take(&e).Error; err != nil {
				t.Fatal(err)
			}
			e.ID, e.At, e.CustomerID, e.CustomerName = keyset.NewID(), app.Clock.Now().Add(-time.Minute), "", "Logged Memo Ltd"
			if err := app.DB.Create(&e).Error; err != nil {
				t.Fatal(err)
			}
			return "Logged Memo Ltd"
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			first := view(t, admin, tc.path, tc.table, true)
			again := view(t, admin, tc.path, tc.table, false)
			if got, want := again.Text("main"), first.Text("main"); got != want {
				t.Errorf("the page changed with nothing written:\n%s\nthen\n%s", want, got)
			}
			view(t, other, tc.path, tc.table, false)
			shown := tc.write(t)
			if r := view(t, admin, tc.path, tc.table, true); !strings.Contains(r.Text("main"), shown) {
				t.Errorf("after the write the page does not show %q", shown)
			}
			view(t, other, tc.path, tc.table, false)
		})
	}
}

// rename renames a customer as a write outside the portal's pages would,
// and returns the new name.
func rename(t *testing.T, app *webtest.App, id, name string) string {
	t.Helper()
	err := app.DB.Model(&customers.Customer{}).Where("id = ?", id).
		Updates(map[string]any{"name": name, "name_key": customers.Fold(name)}).Error
	if err != nil {
		t.Fatal(err)
	}
	return name
}

// PERF-2, UX-3: a kept page of the log keeps its entries told in each
// language it was shown in; each language reads its own sentences and
// dates, the same as a page read anew tells them.
func TestKeptLogPageToldInEachLanguage_PERF2_UX3(t *testing.T) {
	t.Parallel()
	app := webtest.New(t)
	// Signed in first: a sign-in is a write (its entry).
	clients := map[string]*webtest.Client{}
	for _, lang := range []string{"en", "fr"} {
		clients[lang] = app.SignedIn("globaladmin@contoso.example")
		clients[lang].Lang = lang
	}
	summaries := func(lang string) []string {
		t.Helper()
		c := clients[lang]
		var out []string
		c.Get("/activity").Expect(t, http.StatusOK).Doc.Find("#activity-table tbody tr").Each(func(_ int, s *goquery.Selection) {
			out = append(out, s.Find(".activity-at").Text()+" | "+strings.Join(strings.Fields(s.Find(".activity-what").Text()), " "))
		})
		if len(out) == 0 {
			t.Fatalf("%s: no entries", lang)
		}
		return out
	}
	en, fr := summaries("en"), summaries("fr") // fr from the page en read
	for i := range min(len(en), len(fr)) {
		if en[i] == fr[i] || !strings.Contains(fr[i], " à ") || !strings.Contains(en[i], ", ") {
			t.Fatalf("entry %d: English %q, French %q", i, en[i], fr[i])
		}
	}
	if again := summaries("en"); !slices.Equal(again, en) {
		t.Errorf("English again:\n%q\nwant\n%q", again, en)
	}
	// A write: the next views read the page anew and tell it again.
	if err := app.DB.Exec("UPDATE partners SET name = name").Error; err != nil {
		t.Fatal(err)
	}
	if anew := summaries("fr"); !slices.Equal(anew, fr) {
		t.Errorf("French read anew:\n%q\nkept:\n%q", anew, fr)
	}
	if anew := summaries("en"); !slices.Equal(anew, en) {
		t.Errorf("English read anew:\n%q\nkept:\n%q", anew, en)
	}
}

// keptRowsInEachLanguage checks a list whose rows are written once per
// language for the page read (ui.Kept): viewed in English, in French (the
// page the English view read), in English again, and after write (a
// write whose result shows in the rows, as want), in French and English.
func keptRowsInEachLanguage(t *testing.T, app *webtest.App, email, path, rows string, en, fr func(string) bool, write func(), want string) {
	t.Helper()
	clients := map[string]*webtest.Client{"en": app.SignedIn(email), "fr": app.SignedIn(email)}
	clients["fr"].Lang = "fr"
	view := func(lang string) []string {
		t.Helper()
		var out []string
		clients[lang].Get(path).Expect(t, http.StatusOK).Doc.Find(rows).Each(func(_ int, s *goquery.Selection) {
			out = append(out, strings.Join(strings.Fields(s.Text()), " "))
		})
		if len(out) == 0 {
			t.Fatalf("%s %s: no rows", lang, path)
		}
		return out
	}
	inEnglish, inFrench := view("en"), view("fr")
	for i := range inEnglish {
		if !en(inEnglish[i]) || !fr(inFrench[i]) {
			t.Fatalf("row %d: English %q, French %q", i, inEnglish[i], inFrench[i])
		}
	}
	if again := view("en"); !slices.Equal(again, inEnglish) {
		t.Errorf("English again:\n%q\nwant\n%q", again, inEnglish)
	}
	write()
	for _, lang := range []string{"fr", "en"} {
		if got := view(lang); !strings.Contains(strings.Join(got, "|"), want) {
			t.Errorf("%s after the write: %q, want %q among them", lang, got, want)
		}
	}
}

// BILL-2, PERF-2: the invoices' rows are written once per language for
// the page read, and a write shows at the next view.
func TestKeptInvoiceRowsInEachLanguage_BILL2_PERF2(t *testing.T) {
	t.Parallel()
	app := webtest.New(t)
	keptRowsInEachLanguage(t, app, "billing@contoso.example", "/billing/invoices", "#invoices tbody tr", says("View"), says("Voir"), func() {
		if err := app.DB.Model(&customers.Customer{}).Where("partner_id = ?", demo.ContosoID).
			Update("name", gorm.Expr("'Renamed ' || name")).Error; err != nil {
			t.Fatal(err)
		}
	}, "Renamed ")
}

// LOG-2, AUTH-5, PERF-2: the log's rows, written once for a page read,
// are written for each viewer's roles: a role that may not view customers
// reads the customers' names without their links, after a viewer who may
// followed them on the same page read.
func TestKeptLogRowsFollowTheViewersRoles_LOG2_AUTH5_PERF2(t *testing.T) {
	t.Parallel()
	app := webtest.New(t)
	admin, account := app.SignedIn("globaladmin@contoso.example"), app.SignedIn("accountadmin@contoso.example")
	names := func(r *webtest.Response) []string {
		var out []string
		r.Doc.Find("#activity-table tbody td.activity-customer").Each(func(_ int, s *goquery.Selection) {
			out = append(out, strings.TrimSpace(s.Text()))
		})
		return out
	}
	for range 2 {
		a := admin.Get("/activity").Expect(t, http.StatusOK)
		b := account.Get("/activity").Expect(t, http.StatusOK)
		if a.Count("#activity-table td.activity-customer a") == 0 {
			t.Fatal("the global admin sees no customer link in the log")
		}
		if n := b.Count("#activity-table td.activity-customer a"); n != 0 {
			t.Errorf("the account admin, who may not view customers, sees %d customer links", n)
		}
		if !slices.Equal(names(a), names(b)) {
			t.Errorf("the two viewers read different customers:\n%q\n%q", names(a), names(b))
		}
	}
}

// says reports whether a row's text holds s.
func says(s string) func(string) bool {
	return func(row string) bool { return strings.Contains(row, s) }
}

// CUST-3, PERF-2: a customer's subscriptions tab writes its rows once per
// language for the same page and database, and a write shows at the next
// view.
func TestKeptSubscriptionRowsInEachLanguage_CUST3_PERF2(t *testing.T) {
	t.Parallel()
	app := webtest.New(t)
	customer := demo.ID("customer:adatum.com")
	english := func(row string) bool { return strings.Contains(row, "On") || strings.Contains(row, "Off") }
	keptRowsInEachLanguage(t, app, "sales@contoso.example", "/customers/"+customer+"/subscriptions", "#subscriptions tbody tr",
		english, says("ctivé"), func() {
			if err := app.DB.Exec("UPDATE subscriptions SET offer_name = 'Renamed ' || offer_name WHERE customer_id = ?", customer).Error; err != nil {
				t.Fatal(err)
			}
		}, "Renamed ")
}

// CUST-1, PERF-2: a kept page of customers writes its rows once in each
// language (French segments from the page an English view read), and a
// write shows at the next view.
func TestKeptCustomerRowsInEachLanguage_CUST1_PERF2(t *testing.T) {
	t.Parallel()
	app := webtest.New(t)
	keptRowsInEachLanguage(t, app, "sales@contoso.example", "/customers?segment=education", "#customer-table tbody tr",
		says("Education"), says("Éducation"), func() {
			if err := app.DB.Model(&customers.Customer{}).Where("partner_id = ? AND segment = ?", demo.ContosoID, "education").
				Update("name", gorm.Expr("'Renamed ' || name")).Error; err != nil {
				t.Fatal(err)
			}
		}, "Renamed ")
}
