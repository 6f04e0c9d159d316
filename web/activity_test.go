package web_test

import (
	"context"
	"encoding/csv"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"portal/internal/activity"
	"portal/internal/demo"
	"portal/web/webtest"
)

const contosoAdmin = "globaladmin@contoso.example"

// recordAt writes a Contoso entry at t.
func recordAt(t *testing.T, app *webtest.App, at time.Time, c activity.Change) {
	t.Helper()
	if c.PartnerID == "" {
		c.PartnerID = demo.ContosoID
	}
	if c.Action == "" {
		// A customer created, named by the test's marker (Details).
		c.Action = activity.ActionCustomerCreated
		if c.After == nil {
			c.After = map[string]string{"name": c.Details, "domain": "example.com"}
		}
	}
	if err := (activity.Recorder{DB: app.DB}).Record(context.Background(), at, c); err != nil {
		t.Fatal(err)
	}
}

// markers returns the marker of each row that recordAt wrote (its sentence
// otherwise).
func markers(r *webtest.Response) []string {
	var out []string
	for _, s := range rowsText(r, "td.activity-what .entry-summary") {
		out = append(out, strings.TrimSuffix(strings.TrimPrefix(s, "Customer "), " (example.com) created"))
	}
	return out
}

// rowsText returns the text of each row's cell matching sel.
func rowsText(r *webtest.Response, sel string) []string {
	var out []string
	r.Doc.Find("#activity-table tbody tr " + sel).Each(func(_ int, s *goquery.Selection) {
		out = append(out, strings.TrimSpace(s.Text()))
	})
	return out
}

// LOG-2: the page lists the partner's entries newest first with date-time,
// customer, what happened and partner user.
func TestActivityLogPage_LOG2(t *testing.T) {
	t.Parallel()
	app := webtest.New(t)
	// The demo purchases logged Contoso's orders at the seed's time: sign in
	// and change after them, so both are the newest rows.
	app.Clock.Advance(time.Minute)
	c := app.SignedIn(contosoAdmin)
	app.Clock.Advance(time.Minute)
	gloria := activity.Actor{UserID: demo.ID("user:" + contosoAdmin), Name: contosoAdmin}
	recordAt(t, app, app.Clock.Now(), activity.Change{
		Actor: gloria, CustomerID: demo.ID("customer:adatum.com"), CustomerName: "Adatum Corporation",
		ResourceType: "subscription", ResourceID: "0e3c5a1e-8a4b-4f0c-9a51-0c3f7e2b9d10", Action: "subscription.quantity_changed",
		Details: "Licenses changed", Before: map[string]any{"offer": "Microsoft 365 E3", "quantity": 10}, After: map[string]any{"offer": "Microsoft 365 E3", "quantity": 12},
	})
	r := c.Get("/activity").Expect(t, http.StatusOK)
	if got := r.Text(".page-head h1"); got != "Activity log" {
		t.Fatalf("title %q", got)
	}
	// One page of Contoso's entries of the last 30 days (all of them are):
	// the demo orders, the sign-in and the change.
	var entries int64
	app.DB.Model(&activity.Entry{}).Where("partner_id = ?", demo.ContosoID).Count(&entries)
	if n := r.Count("#activity-table tbody tr"); int64(n) != min(entries, 50) || entries < 2 {
		t.Fatalf("%d rows, want %d (the sign-in, the change and the demo orders, one page)", n, min(entries, 50))
	}
	first := r.Doc.Find("#activity-table tbody tr").First()
	cells := first.Find("td")
	if got := strings.TrimSpace(cells.Eq(0).Text()); got != "Nov 20, 2026, 9:02 AM UTC" && !strings.Contains(got, "2026") {
		t.Errorf("date %q", got)
	}
	if got := strings.TrimSpace(cells.Eq(1).Text()); got != "Adatum Corporation" {
		t.Errorf("customer %q", got)
	}
	if href, _ := cells.Eq(1).Find("a").Attr("href"); href != "/customers/"+demo.ID("customer:adatum.com") {
		t.Errorf("customer link %q", href)
	}
	// The entry as a sentence, linked to the subscription (UX-3).
	if got := strings.TrimSpace(cells.Eq(2).Find(".entry-summary").Text()); got != "License count of Microsoft 365 E3 changed" {
		t.Errorf("sentence %q", got)
	}
	if href, _ := cells.Eq(2).Find("a.entry-summary").Attr("href"); href != "/subscriptions/0e3c5a1e-8a4b-4f0c-9a51-0c3f7e2b9d10" {
		t.Errorf("object link %q", href)
	}
	if got := strings.TrimSpace(cells.Eq(3).Text()); got != "Gloria Admin" {
		t.Errorf("user %q", got)
	}
	if got := cells.Eq(2).Find(".entry-changes li").Text(); got != "Quantity 10 → 12" {
		t.Errorf("changes %q", got)
	}
	second := r.Doc.Find("#activity-table tbody tr").Eq(1).Find("td")
	if got := strings.TrimSpace(second.Eq(2).Text()); got != "Signed in" {
		t.Errorf("sign-in sentence %q", got)
	}
	if href, _ := r.Doc.Find("#export-csv").Attr("href"); !strings.HasPrefix(href, "/activity.csv?") {
		t.Errorf("export link %q", href)
	}

	// French labels.
	app.Clock.Advance(time.Minute)
	fr := app.SignedIn(contosoAdmin)
	fr.Lang = "fr"
	r = fr.Get("/activity").Expect(t, http.StatusOK)
	if got := r.Text("#activity-table tbody tr td.activity-what"); got != "Connexion" {
		t.Errorf("French label %q", got)
	}
}

// LOG-2: by default the last 30 days by the portal's clock; the end date is
// included through the end of its day (UTC).
func TestActivityLogDateRange_LOG2(t *testing.T) {
	t.Parallel()
	app := webtest.New(t) // 2026-11-20 09:00 UTC
	for _, at := range []time.Time{
		time.Date(2026, 10, 20, 23, 59, 59, 0, time.UTC), // 31 days ago: out
		time.Date(2026, 10, 21, 0, 0, 0, 0, time.UTC),    // 30 days ago, start of day: in
		time.Date(2026, 11, 5, 23, 59, 59, 0, time.UTC),  // end of an included "to" day
		time.Date(2026, 11, 6, 0, 0, 0, 0, time.UTC),     // the next day
	} {
		recordAt(t, app, at, activity.Change{Details: at.Format(time.RFC3339)})
	}
	c := app.SignedIn(contosoAdmin)
	r := c.Get("/activity?type=customer.created").Expect(t, http.StatusOK)
	got := markers(r)
	want := []string{"2026-11-06T00:00:00Z", "2026-11-05T23:59:59Z", "2026-10-21T00:00:00Z"}
	if strings.Join(got, ",") != strings.Join(want, ",") {
		t.Fatalf("default range: %v, want %v", got, want)
	}
	if v, _ := r.Doc.Find("#from").Attr("value"); v != "2026-10-21" {
		t.Errorf("default from %q", v)
	}
	if v, _ := r.Doc.Find("#to").Attr("value"); v != "2026-11-20" {
		t.Errorf("default to %q", v)
	}
	r = c.Get("/activity?type=customer.created&from=2026-10-01&to=2026-11-05").Expect(t, http.StatusOK)
	got = markers(r)
	want = []string{"2026-11-05T23:59:59Z", "2026-10-21T00:00:00Z", "2026-10-20T23:59:59Z"}
	if strings.Join(got, ",") != strings.Join(want, ",") {
		t.Fatalf("explicit range: %v, want %v", got, want)
	}
}

// LOG-2: filters by action type, customer (domain or tenant ID) and user; a
// user of another partner sees none of it (AUTH-1).
func TestActivityLogFilters_LOG2(t *testing.T) {
	t.Parallel()
	app := webtest.New(t)
	now := app.Clock.Now()
	// A user the demo's history never acts as, so the user filter lists
	// only this entry.
	sales := activity.Actor{UserID: demo.ID("user:billing@contoso.example"), Name: "billing@contoso.example"}
	// Customers without demo purchases, whose orders the log would list too.
	recordAt(t, app, now, activity.Change{Actor: sales, CustomerID: demo.ID("customer:proseware.com"), CustomerName: "Proseware, Inc.", Details: "proseware by sales"})
	recordAt(t, app, now.Add(-time.Minute), activity.Change{CustomerID: demo.ID("customer:wingtiptoys.com"), CustomerName: "Wingtip Toys", Details: "wingtip toys"})
	recordAt(t, app, now, activity.Change{PartnerID: demo.FabrikamID, CustomerName: "Blue Yonder Airlines", Details: "fabrikam"})
	c := app.SignedIn(contosoAdmin)

	cases := map[string][]string{
		"type=customer.created":                                     {"proseware by sales", "wingtip toys"},
		"customer=proseware.com":                                    {"proseware by sales"},
		"customer=PROSEWARE.COM":                                    {"proseware by sales"},
		"customer=" + demo.ID("tenant:wingtiptoys.com"):             {"wingtip toys"},
		"customer=" + demo.ID("customer:proseware.com"):             {"proseware by sales"},
		"user=" + sales.UserID:                                      {"proseware by sales"},
		"user=" + sales.UserID + "&customer=wingtiptoys.com":        nil,
		"type=auth.signed_in&user=" + demo.ID("user:"+contosoAdmin): {"Signed in"},
	}
	for query, want := range cases {
		r := c.Get("/activity?"+query).Expect(t, http.StatusOK)
		got := markers(r)
		if strings.Join(got, "|") != strings.Join(want, "|") {
			t.Errorf("%s: %v, want %v", query, got, want)
		}
		if len(want) == 0 && r.Count(".empty") != 1 {
			t.Errorf("%s: no empty state", query)
		}
	}
	r := c.Get("/activity?customer=proseware.com").Expect(t, http.StatusOK)
	if got := r.Text("#customer-help"); !strings.Contains(got, "Proseware, Inc.") {
		t.Errorf("customer filter help %q", got)
	}
	// The bar ends like every filter bar: Filter, then Clear back to the
	// unfiltered log while a filter is applied, and no Clear without one.
	if got, _ := r.Doc.Find("#clear-filters").Attr("href"); got != "/activity" || r.Text("#clear-filters") != "Clear" || r.Text("#apply-filters") != "Filter" {
		t.Errorf("filtered log: Clear links to %q, reads %q", got, r.Text("#clear-filters"))
	}
	if n := c.Get("/activity").Expect(t, http.StatusOK).Count("#clear-filters"); n != 0 {
		t.Errorf("the unfiltered log offers to clear its filters (%d)", n)
	}
	// The user select lists Contoso's users only.
	if r.Count(`#user option[value="`+demo.ID("user:globaladmin@fabrikam.example")+`"]`) != 0 || r.Count(`#user option`) != 10 {
		t.Errorf("user options: %d", r.Count("#user option"))
	}
	// The type select offers the registered actions with their labels.
	if got := r.Text(`#type option[value="auth.signed_in"]`); got != "Signed in" {
		t.Errorf("type option %q", got)
	}

	f := app.SignedIn("globaladmin@fabrikam.example")
	r = f.Get("/activity").Expect(t, http.StatusOK)
	if strings.Contains(r.Body, "proseware by sales") || !strings.Contains(r.Body, "fabrikam") {
		t.Error("Fabrikam sees Contoso's activity, or not its own")
	}
	// Another partner's customer is not found for Fabrikam.
	f.Get("/activity?customer=proseware.com").Expect(t, http.StatusUnprocessableEntity)
}

// LOG-2: bad filters answer 422 with each bad field explained; the page
// still works (navigation, filter bar), and nothing is listed.
func TestActivityLogBadFilters_LOG2(t *testing.T) {
	t.Parallel()
	app := webtest.New(t)
	c := app.SignedIn(contosoAdmin)
	cases := map[string]string{
		"from=2026-11-10&to=2026-11-01": "#to-error",
		"from=yesterday":                "#from-error",
		"to=2026-02-30":                 "#to-error",
		"from=0001-01-01":               "#from-error",
		"type=Robert%27%29%3BDROP":      "#type-error",
		"user=" + demo.ID("user:globaladmin@fabrikam.example"): "#user-error",
		"user=not-a-user":                 "#user-error",
		"customer=blueyonderairlines.com": "#customer-error",
	}
	for query, sel := range cases {
		r := c.Get("/activity?"+query).Expect(t, http.StatusUnprocessableEntity)
		if r.Text(sel) == "" || r.Count("#form-errors") != 1 || r.Count("#activity-table") != 0 || r.Count("#activity-filters") != 1 {
			t.Errorf("%s: error %q, summary %d, table %d", query, r.Text(sel), r.Count("#form-errors"), r.Count("#activity-table"))
		}
		if r.Count("#export-csv") != 0 {
			t.Errorf("%s: export offered with bad filters", query)
		}
		c.Get("/activity.csv?"+query).Expect(t, http.StatusUnprocessableEntity)
	}
	// The values typed are shown back.
	r := c.Get("/activity?from=2026-11-10&to=2026-11-01")
	if v, _ := r.Doc.Find("#from").Attr("value"); v != "2026-11-10" {
		t.Errorf("from shown back as %q", v)
	}
	// A cursor the page did not make shows the first page.
	c.Get("/activity?cursor=%%%garbage").Expect(t, http.StatusOK)
	c.Get("/activity?cursor=YXwxfHg").Expect(t, http.StatusOK)
}

// LOG-2: Next and Previous walk the log by keyset, keeping the filters;
// UX-4: each page says which rows it shows and how many match.
func TestActivityLogPager_LOG2_UX4(t *testing.T) {
	t.Parallel()
	app := webtest.New(t)
	for i := range 120 {
		recordAt(t, app, app.Clock.Now().Add(-time.Duration(i)*time.Minute), activity.Change{Details: "entry"})
	}
	c := app.SignedIn(contosoAdmin)
	r := c.Get("/activity?type=customer.created").Expect(t, http.StatusOK)
	pages := 0
	for {
		pages++
		n := r.Count("#activity-table tbody tr")
		if pages < 3 && n != 50 || pages == 3 && n != 20 {
			t.Fatalf("page %d has %d rows", pages, n)
		}
		wantSummary := map[int]string{1: "Showing 1–50 of 120", 2: "Showing 51–100 of 120", 3: "Showing 101–120 of 120"}[pages]
		if got := r.Text(".pager .muted"); got != wantSummary {
			t.Errorf("page %d says %q, want %q", pages, got, wantSummary)
		}
		if pages > 1 && r.Count(`a[rel="prev"]`) != 1 {
			t.Fatalf("page %d has no Previous link", pages)
		}
		next, ok := r.Doc.Find(`a[rel="next"]`).Attr("href")
		if !ok {
			break
		}
		u, _ := url.Parse(next)
		if u.Query().Get("type") != "customer.created" || u.Query().Get("cursor") == "" {
			t.Fatalf("next link %q loses the filters", next)
		}
		r = c.Get(next).Expect(t, http.StatusOK)
	}
	if pages != 3 {
		t.Fatalf("%d pages, want 3", pages)
	}
	prev, _ := r.Doc.Find(`a[rel="prev"]`).Attr("href")
	r = c.Get(prev).Expect(t, http.StatusOK)
	if r.Count("#activity-table tbody tr") != 50 || r.Count(`a[rel="next"]`) != 1 {
		t.Fatalf("back to page 2: %d rows", r.Count("#activity-table tbody tr"))
	}
	if got := r.Text(".pager .muted"); got != "Showing 51–100 of 120" {
		t.Errorf("back on page 2 it says %q", got)
	}
}

// LOG-2: the CSV export has the page's filters, a header in the user's
// language, and the label of each action.
func TestActivityCSV_LOG2(t *testing.T) {
	t.Parallel()
	app := webtest.New(t)
	recordAt(t, app, app.Clock.Now().Add(-time.Hour), activity.Change{CustomerName: "=cmd|' /C calc'!A0", Details: "csv row"})
	c := app.SignedIn(contosoAdmin)
	r := c.Get("/activity.csv?type=customer.created").Expect(t, http.StatusOK)
	if ct := r.Header.Get("Content-Type"); !strings.HasPrefix(ct, "text/csv") {
		t.Fatalf("content type %q", ct)
	}
	if cd := r.Header.Get("Content-Disposition"); !strings.Contains(cd, `attachment; filename="activity-2026-10-21-to-2026-11-20.csv"`) {
		t.Errorf("disposition %q", cd)
	}
	recs, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(r.Body, "\uFEFF"))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != 2 || recs[0][0] != "Date (UTC)" || recs[0][4] != "Action label" {
		t.Fatalf("records %v", recs)
	}
	row := recs[1]
	if row[1] != "'=cmd|' /C calc'!A0" || row[3] != "customer.created" || row[4] != "Customer created" || row[8] != "csv row" {
		t.Errorf("row %v", row)
	}
	fr := app.SignedIn(contosoAdmin)
	fr.Lang = "fr"
	r = fr.Get("/activity.csv?type=customer.created").Expect(t, http.StatusOK)
	if !strings.Contains(r.Body, "Libellé de l’action") || !strings.Contains(r.Body, "Client créé") {
		t.Errorf("French export: %q", r.Body)
	}
	// Without a filter the sign-ins are there too.
	r = c.Get("/activity.csv").Expect(t, http.StatusOK)
	if !strings.Contains(r.Body, "auth.signed_in") {
		t.Error("unfiltered export lacks the sign-ins")
	}
}

// LOG-2: an account admin may open the log but not customers: customer
// names are not links.
func TestActivityLogForAccountAdmin_LOG2(t *testing.T) {
	t.Parallel()
	app := webtest.New(t)
	recordAt(t, app, app.Clock.Now(), activity.Change{CustomerID: demo.ID("customer:adatum.com"), CustomerName: "Adatum Corporation"})
	c := app.SignedIn("accountadmin@contoso.example")
	r := c.Get("/activity").Expect(t, http.StatusOK)
	if r.Count("td.activity-customer a") != 0 || !strings.Contains(strings.Join(rowsText(r, "td.activity-customer"), ","), "Adatum Corporation") {
		t.Errorf("customer cells for an account admin: %q, links %d", rowsText(r, "td.activity-customer"), r.Count("td.activity-customer a"))
	}
}
