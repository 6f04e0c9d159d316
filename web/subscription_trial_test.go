package web_test

import (
	"net/http"
	"strings"
	"testing"

	"portal/internal/demo"
	"portal/web/webtest"
)

// CAT-10, CAT-12, SUB-6: a trial's page does not contradict itself: its own
// period and end, free until then (and what a partner trial costs after),
// what happens at its end instead of "auto-renew", no full-credit banner,
// and ending it is not a red Cancel. A converted Microsoft trial no longer
// shows a trial end; a trial's list row shows the trial's end.
func TestTrialPagesAgree_CAT10_CAT12(t *testing.T) {
	t.Parallel()
	app := webtest.New(t)
	c := app.SignedIn(subSales)

	// Contoso Cloud Backup: a partner trial ending in 5 days (Nov 25).
	saas := c.Get(subPath("contosopharma-backup")).Expect(t, http.StatusOK)
	checks := map[string]string{
		"#prop-price":      "Free until Nov 25, 2026, then $3.50 per month",
		"#prop-term":       "Oct 26, 2026 – Nov 25, 2026",
		"#prop-auto-renew": "Converts to paid on Nov 25, 2026",
		"#prop-trial-end":  "Nov 25, 2026",
		"#trial-notice":    "nothing is charged until Nov 25, 2026",
		"#prop-paid-term":  "Nov 25, 2026 – Nov 30, 2026",
		"#cancel":          "Do not convert at the trial's end",
		"#sub-props":       "Trial period",
	}
	for sel, want := range checks {
		if want != "" && !strings.Contains(saas.Text(sel), want) {
			t.Errorf("partner trial %s: %q, want %q", sel, saas.Text(sel), want)
		}
	}
	if saas.Count("#window-notice, #prop-cancel-until, .btn-danger") != 0 {
		t.Error("a free trial shows the full-credit cancellation banner or a red button")
	}

	// Microsoft 365 E3 Trial: free, does not convert by itself.
	ms := c.Get(subPath(subRelecloud)).Expect(t, http.StatusOK)
	if !strings.Contains(ms.Text("#prop-price"), "Free trial") || strings.Contains(ms.Text("#sub-props"), "per month") {
		t.Errorf("Microsoft trial price: %q", ms.Text("#prop-price"))
	}
	if !strings.Contains(ms.Text("#prop-auto-renew"), "Does not convert by itself") || ms.Count("#window-notice, .btn-danger") != 0 {
		t.Errorf("Microsoft trial at its end: %q", ms.Text("#prop-auto-renew"))
	}

	// Converted: the trial end is history.
	c.Post(subPath(subRelecloud, "convert"), nil).Expect(t, http.StatusSeeOther)
	conv := c.Get(subPath(subRelecloud)).Expect(t, http.StatusOK)
	if got := conv.Text("#prop-trial-end"); !strings.Contains(got, "Converted to paid on Nov 20, 2026") {
		t.Errorf("converted trial's trial end: %q", got)
	}

	// The list row of a trial shows its end, not its first paid term's.
	list := c.Get("/customers/"+demo.ID("customer:contosopharma.com")+"/subscriptions").Expect(t, http.StatusOK)
	row := list.Text("#sub-" + demo.ID("subscription:contosopharma-backup"))
	if !strings.Contains(row, "Trial until Nov 25, 2026") || strings.Contains(row, "Nov 30, 2026") {
		t.Errorf("trial row: %q", row)
	}
}
