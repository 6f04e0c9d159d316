package web_test

import (
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"portal/internal/activity"
	"portal/internal/demo"
	"portal/web/webtest"
)

// internalWords are what a reader must never see on the log: snake_case
// keys, event names such as order.placed, raw enum values in code style.
var internalWords = regexp.MustCompile(`\b[a-z]+_[a-z_]+\b|\b(auth|user|customer|cart|order|subscription|software|reservation|support|demo|lifecycle|partner)\.[a-z_]+\b`)

// recordSamples writes one entry of several kinds, as the features do.
func recordSamples(t *testing.T, app *webtest.App) {
	t.Helper()
	now := app.Clock.Now()
	gloria := activity.Actor{UserID: demo.ID("user:" + contosoAdmin), Name: contosoAdmin}
	cust := demo.ID("customer:adatum.com")
	state := func(q int, renew bool, status string) map[string]any {
		return map[string]any{"offer": "Microsoft 365 E3", "status": status, "quantity": q, "frequency": "monthly", "unit_price_cents": 3600,
			"auto_renew": renew, "cancel_at_term_end": false, "term_start": "2026-11-01T00:00:00Z", "term_end": "2026-12-01T00:00:00Z"}
	}
	for i, c := range []activity.Change{
		{ResourceType: "order", ResourceID: "o1", Action: "order.placed", Details: "Microsoft 365 E3, Visio Plan 2",
			After: map[string]any{"order_id": "o1", "lines": 3, "total": 3520}},
		{ResourceType: "subscription", ResourceID: "s1", Action: "subscription.quantity_changed", Details: "Microsoft 365 E3: 4 → 7 licenses",
			Before: state(4, true, "active"), After: state(7, true, "active")},
		{ResourceType: "subscription", ResourceID: "s1", Action: "subscription.auto_renew_changed", Details: "Microsoft 365 E3: auto-renew false",
			Before: state(7, true, "active"), After: state(7, false, "active")},
		{ResourceType: "subscription", ResourceID: "s1", Action: "subscription.suspended", Details: "x",
			Before: state(7, false, "active"), After: func() map[string]any {
				s := state(7, false, "suspended")
				s["retention_end"] = "2027-03-20T00:00:00Z"
				return s
			}()},
		{ResourceType: "support_request", ResourceID: "r1", Action: "support.status_changed", Details: "SR-1001",
			Before: map[string]string{"status": "open"}, After: map[string]string{"status": "closed"}},
		{ResourceType: "invoice", ResourceID: "i1", Action: "lifecycle.invoice_issued", Details: "billing period 2026-10 issued",
			Before: map[string]any{"status": "open", "total_cents": 864000}, After: map[string]any{"status": "issued", "total_cents": 864000}},
		{ResourceType: "cart_item", ResourceID: "c1", Action: "cart.item_added", Details: "Visio Plan 2",
			After: map[string]any{"offer": "Visio Plan 2", "quantity": 2, "frequency": "annual"}},
	} {
		c.Actor, c.CustomerID, c.CustomerName = gloria, cust, "Adatum Corporation"
		recordAt(t, app, now.Add(time.Duration(i+1)*time.Second), c)
	}
	app.Clock.Advance(time.Minute)
}

// UX-3: the log reads as sentences with before → after values, money as
// money and dates as dates, in English and French, and no internal key,
// event name or snake_case value appears anywhere in its text or tooltips.
func TestActivityLogSentences_UX3(t *testing.T) {
	t.Parallel()
	app := webtest.New(t)
	recordSamples(t, app)
	for _, tc := range []struct {
		lang string
		want []string
	}{
		{"en", []string{
			"Order placed: 3 lines, total $35.20 (Microsoft 365 E3, Visio Plan 2)",
			"License count of Microsoft 365 E3 changed", "Quantity 4 → 7",
			"Auto-renew of Microsoft 365 E3 changed", "Auto-renew on → off",
			"Microsoft 365 E3 suspended; its data is deleted on Mar 20, 2027 unless it is reactivated", "Status Active → Suspended",
			"Status of support request SR-1001 changed", "Status Open → Closed",
			"Invoice for Oct 2026 issued, total $8,640.00", "Status Open → Issued",
			"Added to the cart: Visio Plan 2, 2 licenses, billed Annual",
		}},
		{"fr", []string{
			"Commande passée : 3 lignes, total 35,20\u00a0$US (Microsoft 365 E3, Visio Plan 2)",
			"Quantité 4 → 7", "Renouvellement automatique activé → désactivé",
			"Microsoft 365 E3 suspendu ; ses données seront supprimées le 20 mars 2027 sauf réactivation",
			"Facture de oct. 2026 émise, total 8\u202f640,00\u00a0$US",
		}},
	} {
		c := app.SignedIn(contosoAdmin)
		c.Lang = tc.lang
		r := c.Get("/activity").Expect(t, http.StatusOK)
		table := r.Doc.Find("#activity-table")
		var lines []string
		table.Find(".entry-summary, .entry-changes li").Each(func(_ int, s *goquery.Selection) {
			lines = append(lines, strings.TrimSpace(s.Text()))
		})
		all := "\n" + strings.Join(lines, "\n") + "\n"
		for _, w := range tc.want {
			if !strings.Contains(all, "\n"+w+"\n") {
				t.Errorf("%s: no line %q in\n%s", tc.lang, w, all)
			}
		}
		text := table.Text()
		table.Find("[title]").Each(func(_ int, s *goquery.Selection) { text += " " + s.AttrOr("title", "") })
		if bad := internalWords.FindAllString(text, -1); len(bad) > 0 {
			t.Errorf("%s: internal words on the log: %v", tc.lang, bad)
		}
		// Compact: one table row per entry, no list of raw fields.
		if r.Count("#activity-table .changes, #activity-table del, #activity-table ins, #activity-table code") != 0 {
			t.Errorf("%s: debug-style chips on the log", tc.lang)
		}
	}
}
