package web_test

import (
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"portal/internal/demo"
	"portal/internal/subscriptions"
	"portal/internal/support"
	"portal/web/webtest"
)

// tileNumber is what a tile's count may read: digits grouped, and a plus
// right after a capped count.
var tileNumber = regexp.MustCompile(`^[0-9][0-9,\x{202f}]*\+?$`)

// DASH-1, PERF-6 (issue 13 item 11): each tile gives its count from the
// summaries ("4", never "10 +"), names its kind in the form the count takes
// in English and in French, and links to the rows of its own kind; the
// scheduled-cancellation and support tiles give the exact count, not the
// length of the list.
func TestDashboardTiles_DASH1(t *testing.T) {
	t.Parallel()
	app := webtest.New(t)
	var scheduled, open int64
	app.DB.Model(&subscriptions.Subscription{}).Where("partner_id = ? AND cancel_at_term_end = ? AND status IN ? AND bought_directly = ?",
		demo.ContosoID, true, []string{subscriptions.Active, subscriptions.Trial}, false).Count(&scheduled)
	app.DB.Model(&support.Request{}).Where("partner_id = ? AND status IN ?", demo.ContosoID, []string{support.Open, support.AttentionNeeded}).Count(&open)
	if scheduled == 0 || open < 2 {
		t.Fatalf("the demo data has %d scheduled cancellations and %d open requests", scheduled, open)
	}
	c := app.SignedIn("globaladmin@contoso.example")
	r := c.Get("/").Expect(t, http.StatusOK)
	if n := r.Count("#attention-counts .tile"); n != 5 {
		t.Fatalf("%d tiles, want 5", n)
	}
	r.Doc.Find("#attention-counts .tile").Each(func(_ int, tile *goquery.Selection) {
		n := strings.TrimSpace(tile.Find(".tile-n").Text())
		if !tileNumber.MatchString(n) {
			t.Errorf("tile count %q", n)
		}
		kind := strings.TrimPrefix(strings.Fields(tile.AttrOr("class", ""))[1], "tile-")
		href, linked := tile.Attr("href")
		rows := r.Count("#attention-" + kind + " tr.attention-" + kind)
		if linked != (rows > 0) || (linked && href != "#attention-"+kind) {
			t.Errorf("%s tile links to %q (linked %v) with %d rows of its own", kind, href, linked, rows)
		}
		if rows != r.Count("tr.attention-"+kind) {
			t.Errorf("%s: %d rows in its own section, %d on the page", kind, rows, r.Count("tr.attention-"+kind))
		}
	})
	for _, want := range []struct {
		kind  string
		n     int64
		label string
	}{
		{"scheduled", scheduled, map[bool]string{true: "Scheduled cancellation", false: "Scheduled cancellations"}[scheduled == 1]},
		{"support", open, "Open support requests"},
	} {
		tile := ".tile-" + want.kind
		if got := strings.TrimSpace(r.Text(tile + " .tile-n")); got != strconv.FormatInt(want.n, 10) {
			t.Errorf("%s tile %q, want %d", want.kind, got, want.n)
		}
		if got := strings.TrimSpace(r.Text(tile + " .tile-label")); got != want.label {
			t.Errorf("%s tile label %q, want %q", want.kind, got, want.label)
		}
	}
	c.Lang = "fr"
	fr := c.Get("/").Expect(t, http.StatusOK)
	if got := strings.TrimSpace(fr.Text(".tile-support .tile-label")); got != "Demandes de support ouvertes" {
		t.Errorf("French support tile %q", got)
	}

	// A support request without a customer says so in the customer column.
	if err := app.DB.Model(&support.Request{}).Where("partner_id = ? AND status IN ?", demo.ContosoID,
		[]string{support.Open, support.AttentionNeeded}).Updates(map[string]any{"customer_id": "", "customer_name": ""}).Error; err != nil {
		t.Fatal(err)
	}
	c.Lang = "en"
	r = c.Get("/").Expect(t, http.StatusOK)
	r.Doc.Find("tr.attention-support td:nth-child(3)").Each(func(_ int, td *goquery.Selection) {
		if got := strings.TrimSpace(td.Text()); got != "No customer named" {
			t.Errorf("customer cell %q, want \"No customer named\"", got)
		}
	})
}
