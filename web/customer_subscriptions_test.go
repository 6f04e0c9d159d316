package web_test

import (
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
	"github.com/google/uuid"

	"portal/internal/demo"
	"portal/internal/subscriptions"
	"portal/web/webtest"
)

// pageRows returns the IDs of a keyset list page's rows (the
// attribute attr of each row matching sel, less prefix), in order, and its
// previous and next links.
func pageRows(r *webtest.Response, sel, attr, prefix string) (ids []string, prev, next string) {
	r.Doc.Find(sel).Each(func(_ int, s *goquery.Selection) {
		id, _ := s.Attr(attr)
		ids = append(ids, strings.TrimPrefix(id, prefix))
	})
	prev, _ = r.Doc.Find("a[rel=prev]").Attr("href")
	next, _ = r.Doc.Find("a[rel=next]").Attr("href")
	return ids, prev, next
}

// tabRows reads a Subscriptions tab page (see pageRows).
func tabRows(r *webtest.Response) (ids []string, prev, next string) {
	return pageRows(r, "#subscriptions tbody tr", "id", "sub-")
}

// PERF-6, CUST-4: a big customer's Subscriptions tab comes in keyset pages
// of 50 by offer name: Next and Previous walk every subscription once, in
// order, with no gap or repeat; an add-on on a later page than its parent
// still names it; a hand-edited cursor shows the first page.
func TestCustomerSubscriptionsPages_PERF6_UX4(t *testing.T) {
	t.Parallel()
	app := webtest.New(t)
	custID := demo.ID("customer:adatum.com")
	var parent subscriptions.Subscription
	if err := app.DB.Where("id = ?", demo.ID("subscription:"+subAdatumE3)).Take(&parent).Error; err != nil {
		t.Fatal(err)
	}
	for i := range 120 {
		s := parent
		s.ID, s.ParentID, s.OfferName = uuid.NewString(), parent.ID, fmt.Sprintf("Zz add-on %03d", i)
		if err := app.DB.Create(&s).Error; err != nil {
			t.Fatal(err)
		}
	}
	var want []string
	if err := app.DB.Model(&subscriptions.Subscription{}).Where("customer_id = ?", custID).
		Order("offer_name, id").Pluck("id", &want).Error; err != nil {
		t.Fatal(err)
	}
	c := app.SignedIn("helpdesk@contoso.example")
	base := "/customers/" + custID + "/subscriptions"
	first := c.Get(base).Expect(t, http.StatusOK)
	ids, prev, next := tabRows(first)
	if len(ids) != 50 || prev != "" || next == "" {
		t.Fatalf("first page: %d rows, prev %q, next %q", len(ids), prev, next)
	}
	firstIDs := ids
	var got []string
	pages := []*webtest.Response{first}
	for page := first; ; {
		ids, _, next := tabRows(page)
		got = append(got, ids...)
		if next == "" {
			break
		}
		page = c.Get(next).Expect(t, http.StatusOK)
		pages = append(pages, page)
	}
	if !slices.Equal(got, want) {
		t.Fatalf("the pages list %d subscriptions, want the %d in order", len(got), len(want))
	}
	// Each page says which rows it shows and how many there are (UX-4).
	for i, page := range pages {
		from, to := i*50+1, min((i+1)*50, len(want))
		wantSummary := fmt.Sprintf("Showing %d–%d of %d", from, to, len(want))
		if got := page.Text(".pager"); !strings.Contains(got, wantSummary) {
			t.Errorf("page %d says %q, want %q", i+1, got, wantSummary)
		}
	}
	last := pages[len(pages)-1]
	if !strings.Contains(last.Text("#subscriptions tbody tr:last-child"), "Add-on of") ||
		!strings.Contains(last.Text("#subscriptions tbody tr:last-child"), parent.OfferName) {
		t.Errorf("an add-on on the last page does not name its parent: %q", last.Text("#subscriptions tbody tr:last-child"))
	}
	_, prev, _ = tabRows(pages[1])
	back := c.Get(prev).Expect(t, http.StatusOK)
	if ids, prev, _ := tabRows(back); !slices.Equal(ids, firstIDs) || prev != "" {
		t.Errorf("Previous from page 2 is not the first page (prev link %q)", prev)
	}
	bad := c.Get(base+"?after=not-a-cursor").Expect(t, http.StatusOK)
	if ids, _, _ := tabRows(bad); !slices.Equal(ids, firstIDs) {
		t.Error("a bad cursor does not show the first page")
	}
}
