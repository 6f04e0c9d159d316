package web_test

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"portal/internal/customers"
	"portal/internal/testkit"
	"portal/web/webtest"
)

// homeTables are the tables the home page reads for its figures.
var homeTables = []string{"count_summaries", "subscriptions", "activity_entries", "license_summaries", "support_requests", "billed_summaries"}

// DASH-1, PERF-2: within a second, the views of a partner's home page read
// its figures once while nothing is written, on both engines; a write,
// any write, shows on the next view; the next second reads again; a user
// whose roles show other parts of the page reads them for itself. On
// PostgreSQL a view checks the database's snapshot instead
// (TestMemoAcrossNodesKeepsWhileTheSnapshotStays_PERF2).
func TestHomePageReadOncePerSecondUntilAWrite_DASH1_PERF2(t *testing.T) {
	t.Parallel()
	app := webtest.New(t)
	sales, billing := app.SignedIn(subSales), app.SignedIn("billing@contoso.example")
	rec := testkit.RecordQueries(t, app.DB)
	second := app.Clock.Now().Truncate(time.Second).Add(time.Second)
	view := func(c *webtest.Client, at time.Duration, wantRead bool) *webtest.Response {
		t.Helper()
		app.Clock.Set(second.Add(at))
		rec.Take()
		r := c.Get("/").Expect(t, http.StatusOK)
		read, snapshot := false, false
		for _, st := range rec.Take() {
			for _, table := range homeTables {
				read = read || strings.Contains(st.SQL, table)
			}
			snapshot = snapshot || strings.Contains(st.SQL, "pg_current_snapshot")
		}
		// On PostgreSQL the other tests' writes, on the same server, move
		// the snapshot at any time: a view may read again.
		if read != wantRead && (wantRead || !testkit.Postgres()) {
			t.Errorf("view at +%s: read the figures %v, want %v", at, read, wantRead)
		}
		if snapshot != testkit.Postgres() {
			t.Errorf("view at +%s: read the database's snapshot %v", at, snapshot)
		}
		return r
	}

	first := view(sales, 200*time.Millisecond, true)
	href, ok := first.Doc.Find(`tr.attention-deletion a[href^="/customers/"]`).First().Attr("href")
	if !ok {
		t.Fatal("no customer in the deletion list")
	}
	again := view(sales, 700*time.Millisecond, false)
	if got, want := again.Text("table"), first.Text("table"); got != want {
		t.Errorf("within the second the lists changed:\n%s\nthen\n%s", want, got)
	}
	view(billing, 750*time.Millisecond, true) // the billed chart, not the lists

	id := strings.TrimSuffix(strings.TrimPrefix(href, "/customers/"), "/subscriptions")
	if err := app.DB.Model(&customers.Customer{}).Where("id = ?", id).Update("name", "Renamed Customer Ltd").Error; err != nil {
		t.Fatal(err)
	}
	if r := view(sales, 800*time.Millisecond, true); !strings.Contains(r.Text(`tr.attention-deletion`), "Renamed Customer Ltd") {
		t.Error("the customer renamed in the same second is listed by its old name")
	}
	view(sales, 900*time.Millisecond, false)
	view(billing, 950*time.Millisecond, true) // the write moved the version for every key
	view(sales, 1100*time.Millisecond, true)  // the next second
}

// DASH-1, DASH-2, PERF-2: the views of a partner's home page that share
// its figures share the lists and charts as written once per language:
// each viewer is still greeted by name, a viewer in French reads them in
// French, and a viewer whose roles show other parts sees those parts.
func TestHomeListsWrittenOncePerFiguresAndLanguage_DASH1_DASH2_PERF2(t *testing.T) {
	t.Parallel()
	app := webtest.New(t)
	// The admin and helpdesk agents' roles show the same parts (counts,
	// lists, open support requests); the billing admin's the billed chart.
	adam, hugo := app.SignedIn("adminagent@contoso.example"), app.SignedIn("helpdesk@contoso.example")
	hugoFR := app.SignedIn("helpdesk@contoso.example")
	hugoFR.Lang = "fr"
	billing := app.SignedIn("billing@contoso.example")
	app.Clock.Set(app.Clock.Now().Truncate(time.Second).Add(time.Second + 100*time.Millisecond))

	body := func(r *webtest.Response) string {
		t.Helper()
		i := strings.Index(r.Body, `<div class="tiles" id="attention-counts">`)
		j := strings.LastIndex(r.Body, `</main>`)
		if i < 0 || j < i {
			t.Fatalf("no attention tiles in the home page:\n%s", r.Body)
		}
		return r.Body[i:j]
	}
	first := adam.Get("/").Expect(t, http.StatusOK)
	again := adam.Get("/").Expect(t, http.StatusOK)
	other := hugo.Get("/").Expect(t, http.StatusOK)
	if body(again) != body(first) || body(other) != body(first) {
		t.Error("two views of the same figures in English wrote different lists")
	}
	if got := other.Text("p.lead"); got != "Welcome, Hugo Helpdesk" {
		t.Errorf("the helpdesk agent is greeted %q", got)
	}
	if first.Doc.Find("tr.attention-deletion").Length() == 0 || first.Doc.Find("#licenses-title").Length() == 0 {
		t.Fatal("the admin agent's home page lists no data deletion, or no licenses chart")
	}

	fr := hugoFR.Get("/").Expect(t, http.StatusOK)
	if got := fr.Text("p.lead"); got != "Bienvenue, Hugo Helpdesk" {
		t.Errorf("in French the helpdesk agent is greeted %q", got)
	}
	if got := fr.Text("#licenses-title"); got != "Licences par offre" {
		t.Errorf("in French the licenses chart is titled %q", got)
	}
	if got := fr.Text("tr.attention-deletion td:first-child"); !strings.Contains(got, "Suppression des données") || strings.Contains(got, "Data deletion") {
		t.Errorf("in French the data deletions are labelled %q", got)
	}
	if again := hugo.Get("/").Expect(t, http.StatusOK); body(again) != body(first) {
		t.Error("after a view in French the English lists changed")
	}

	b := billing.Get("/").Expect(t, http.StatusOK)
	if b.Doc.Find("#billed-title").Length() != 1 || first.Doc.Find("#billed-title").Length() != 0 {
		t.Error("the billed chart is not on the billing admin's page alone")
	}
	if b.Doc.Find(`#attention-counts .tile-support`).Length() != 0 || first.Doc.Find(`#attention-counts .tile-support`).Length() != 1 {
		t.Error("the open support requests' tile is not on the agents' pages alone")
	}
}
