package web_test

import (
	"net/http"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"portal/web/webtest"
)

// customerNames returns the names a customer list page shows, in order.
func customerNames(r *webtest.Response) []string {
	var names []string
	r.Doc.Find("#customer-table tbody tr td:first-child a").Each(func(_ int, s *goquery.Selection) {
		names = append(names, s.Text())
	})
	return names
}

// PERF-6, CUST-1: an old ?page=N link answers 303 with the keyset URL of
// that page, filters and sort kept: it lists what Next, Next… reaches,
// with the same links on. Page 1, a page past the end and a huge number
// go to the first page; a page that is not a number is ignored.
func TestCustomersPageRedirect_PERF6(t *testing.T) {
	t.Parallel()
	app := webtest.New(t)
	c := app.SignedIn("helpdesk@contoso.example")
	for _, list := range []string{"", "sort=-name", "q=a", "segment=commercial"} {
		var byNext [][]string
		for href := withParams("/customers", list); href != ""; {
			r := c.Get(href).Expect(t, http.StatusOK)
			byNext = append(byNext, customerNames(r))
			href, _ = r.Doc.Find(`a[rel="next"]`).Attr("href")
		}
		for n := 1; n <= len(byNext)+1; n++ {
			page := withParams("/customers", list) + sep(list) + "page=" + strconv.Itoa(n)
			red := c.Get(page).Expect(t, http.StatusSeeOther)
			if !strings.HasPrefix(red.Location, "/customers") || (list != "" && !strings.Contains(red.Location, list)) {
				t.Fatalf("%s: location %q", page, red.Location)
			}
			got := customerNames(c.Get(red.Location).Expect(t, http.StatusOK))
			want := byNext[0]
			if n <= len(byNext) {
				want = byNext[n-1]
			}
			if !slices.Equal(got, want) {
				t.Errorf("%s: %v, want %v", page, got, want)
			}
		}
	}
	if loc := c.Get("/customers?page=999999999").Expect(t, http.StatusSeeOther).Location; loc != "/customers" {
		t.Errorf("a huge page goes to %q", loc)
	}
	c.Get("/customers?page=abc").Expect(t, http.StatusOK)
}

func withParams(path, q string) string {
	if q == "" {
		return path
	}
	return path + "?" + q
}

func sep(q string) string {
	if q == "" {
		return "?"
	}
	return "&"
}
