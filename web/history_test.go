package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"portal/internal/activity"
	"portal/internal/demo"
	"portal/internal/reservations"
	"portal/internal/software"
	"portal/internal/subscriptions"
	"portal/web/webtest"
)

// firstOf loads one of Contoso's rows of a model.
func firstOf[T any](t *testing.T, app *webtest.App, where string) T {
	t.Helper()
	var v T
	if err := app.DB.Where("partner_id = ?", demo.ContosoID).Where(where).Order("id").Take(&v).Error; err != nil {
		t.Fatal(err)
	}
	return v
}

// historyLines returns the text of each entry of a page's history card.
func historyLines(r *webtest.Response) []string {
	var out []string
	r.Doc.Find("#history .history-list > li").Each(func(_ int, li *goquery.Selection) {
		var parts []string
		li.Children().Each(func(_ int, s *goquery.Selection) { parts = append(parts, strings.Fields(s.Text())...) })
		out = append(out, strings.Join(parts, " "))
	})
	return out
}

// UX-3: a subscription, a software purchase, a reservation and a customer
// each show their own latest entries as sentences, and link to the log
// filtered to them, which lists that object's entries only.
func TestObjectHistories_UX3(t *testing.T) {
	t.Parallel()
	app := webtest.New(t)
	app.Clock.Advance(time.Minute)
	gloria := activity.Actor{UserID: demo.ID("user:" + contosoAdmin), Name: contosoAdmin}
	sub := firstOf[subscriptions.Subscription](t, app, "bought_directly = false AND parent_id = ''")
	sw := firstOf[software.Purchase](t, app, "1 = 1")
	res := firstOf[reservations.Reservation](t, app, "1 = 1")
	now := app.Clock.Now()
	recordAt(t, app, now, activity.Change{Actor: gloria, CustomerID: sub.CustomerID, CustomerName: "x", ResourceType: "subscription", ResourceID: sub.ID,
		Action: subscriptions.ActionQuantityChanged, Before: map[string]any{"offer": sub.OfferName, "quantity": 4}, After: map[string]any{"offer": sub.OfferName, "quantity": 7}})
	recordAt(t, app, now, activity.Change{Actor: gloria, CustomerID: sw.CustomerID, ResourceType: "software", ResourceID: sw.ID,
		Action: "software.cancelled", Before: map[string]string{"status": "active"}, After: map[string]any{"status": "cancelled", "credit_cents": 427600, "order_id": "o"}})
	recordAt(t, app, now, activity.Change{Actor: gloria, CustomerID: res.CustomerID, ResourceType: "reservation", ResourceID: res.ID,
		Action: "reservation.refunded", Details: res.Name + ": credit", Before: map[string]any{"status": "active"},
		After: map[string]any{"status": "cancelled", "final": 1234500, "fee": 12000, "support_request": "SR-1042"}})

	c := app.SignedIn(contosoAdmin)
	cases := []struct {
		page, param, id, want string
	}{
		{"/subscriptions/" + sub.ID, "resource", sub.ID, "License count of " + sub.OfferName + " changed Quantity 4 → 7 by Gloria Admin"},
		{"/software/" + sw.ID, "resource", sw.ID, "Software purchase cancelled; credit $4,276.00 Status Active → Cancelled by Gloria Admin"},
		{"/reservations/" + res.ID, "resource", res.ID, "Reservation " + res.Name + " refunded: credit $12,345.00 after a fee of $120.00 (support request SR-1042) Status Active → Cancelled by Gloria Admin"},
	}
	for _, tc := range cases {
		r := c.Get(tc.page).Expect(t, http.StatusOK)
		lines := historyLines(r)
		if len(lines) == 0 || len(lines) > 5 || !strings.HasSuffix(lines[0], tc.want) {
			t.Errorf("%s: history %q, want first %q", tc.page, lines, tc.want)
			continue
		}
		href, _ := r.Doc.Find("#history-all").Attr("href")
		u, _ := url.Parse(href)
		if u.Path != "/activity" || u.Query().Get(tc.param) != tc.id {
			t.Errorf("%s: link %q", tc.page, href)
			continue
		}
		var want int64
		app.DB.Model(&activity.Entry{}).Where("resource_id = ?", tc.id).Count(&want)
		log := c.Get(href).Expect(t, http.StatusOK)
		if n := log.Count("#activity-table tbody tr"); int64(n) != want || log.Count("#resource-note") != 1 {
			t.Errorf("%s: the filtered log has %d rows, want %d", tc.page, n, want)
		}
	}

	// The customer's account tab: its latest entries across its objects.
	r := c.Get("/customers/"+sub.CustomerID+"/account").Expect(t, http.StatusOK)
	if lines := historyLines(r); len(lines) == 0 || len(lines) > 5 {
		t.Errorf("customer history %q", lines)
	}
	if href, _ := r.Doc.Find("#history-all").Attr("href"); !strings.Contains(href, "customer="+sub.CustomerID) {
		t.Errorf("customer history link %q", href)
	}

	// French: the sentence and its money in French.
	fr := app.SignedIn(contosoAdmin)
	fr.Lang = "fr"
	r = fr.Get("/software/"+sw.ID).Expect(t, http.StatusOK)
	if lines := historyLines(r); len(lines) == 0 || !strings.Contains(lines[0], "Achat de logiciel annulé ; avoir de 4 276,00 $US Statut Actif → Annulé par Gloria Admin") ||
		!strings.Contains(r.Body, "4\u202f276,00\u00a0$US") {
		t.Errorf("French history %q", lines)
	}

	// LOG-2: a role that may not read the log sees no history.
	sales := app.SignedIn("sales@contoso.example")
	if r := sales.Get("/subscriptions/"+sub.ID).Expect(t, http.StatusOK); r.Count("#history") != 0 {
		t.Error("a sales agent sees the history")
	}
	// A bad object ID is a filter error, not a 500.
	c.Get("/activity?resource="+url.QueryEscape("x'; drop")).Expect(t, http.StatusUnprocessableEntity)
}
