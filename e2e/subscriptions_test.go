package e2e

import (
	"strings"
	"testing"

	"portal/internal/demo"
	"portal/web/webtest"
)

// SUB-1, SUB-2, SUB-4, SUB-5, SUB-6, SUB-8, LIFE-3, CAT-10: open a
// subscription, change its licenses, suspend it and see the deletion date,
// reactivate it, cancel it inside the window; then move the demo clock 31
// days and see the free trial converted.
func TestSubscriptionLifecycle_Browser(t *testing.T) {
	t.Parallel()
	app := webtest.New(t)
	b := app.NewBrowser(webtest.BrowserOptions{})
	b.Login("globaladmin@contoso.example")
	b.Screenshot("dashboard")
	if n := b.Count("#attention-list tbody tr"); n < 4 {
		t.Fatalf("dashboard lists %d items that need attention", n)
	}
	if b.Count("#licenses-chart .hbar") == 0 || b.Count("#billed-chart .vbar") != 12 {
		t.Fatal("dashboard charts are missing")
	}

	alpine := "/subscriptions/" + demo.ID("subscription:alpine-business-standard")
	b.Open(alpine)
	b.Screenshot("subscription-detail")
	if !strings.Contains(b.Text("#window-notice"), "UTC") {
		t.Fatalf("window notice %q", b.Text("#window-notice"))
	}
	b.Fill("#quantity", "30")
	b.ClickAndWait("#update-quantity")
	if got := b.Text("#prop-quantity"); got != "30" {
		t.Fatalf("licenses after the change: %q", got)
	}

	b.ClickAndWait("#suspend")
	if got := b.Text("#deletion-date"); !strings.Contains(got, "deleted on") {
		t.Fatalf("suspend page: %q", got)
	}
	b.ClickAndWait("#confirm-suspend")
	if got := b.Text("#prop-deletion"); got == "" {
		t.Fatal("no deletion date on the suspended subscription")
	}
	b.Screenshot("subscription-suspended")
	b.ClickAndWait("#reactivate")
	if got := b.Text(".sub-head .badge"); got != "Active" {
		t.Fatalf("status after reactivation %q", got)
	}

	b.ClickAndWait("#cancel")
	b.Screenshot("subscription-cancel")
	b.Fill("#reason", "Bought by mistake")
	b.ClickAndWait("#confirm-cancel")
	if got := b.Text(".sub-head .badge"); got != "Cancelled" {
		t.Fatalf("status after cancelling %q", got)
	}

	b.Open("/")
	b.Fill("#days", "31")
	b.ClickAndWait("#move-clock")
	if !strings.Contains(b.Text(".flash"), "Demo clock moved") {
		t.Fatalf("flash %q", b.Text(".flash"))
	}
	b.Screenshot("dashboard-after-clock")
	// The dashboard lists the conversion the engine made (LIFE-1, DASH-1).
	trial := "/subscriptions/" + demo.ID("subscription:contosopharma-backup")
	if n := b.Count("#recent-table a[href='" + trial + "']"); n != 1 {
		t.Fatalf("the converted trial is not on the dashboard (%d links)", n)
	}
	b.ClickAndWait("#recent-table a[href='" + trial + "']")
	if got := b.Text(".sub-head .badge"); got != "Active" {
		t.Fatalf("free trial after 31 days: %q, want converted to Active", got)
	}
	// Converted on Nov 25, renewed for December on Dec 1 (SUB-9, CAT-10).
	if got := b.Text("#prop-term"); got != "Dec 1, 2026 – Dec 31, 2026" {
		t.Fatalf("term after the clock move %q", got)
	}
}

// SUB-6, SUB-8: the cancel flow works with JavaScript off: a confirmation
// page, "Yes, cancel", and the subscription is cancelled.
func TestCancelInsideWindow_NoJS_Browser(t *testing.T) {
	t.Parallel()
	app := webtest.New(t)
	b := app.NewBrowser(webtest.BrowserOptions{NoJS: true})
	b.Login("sales@contoso.example")
	b.Open("/subscriptions/" + demo.ID("subscription:alpine-business-standard"))
	b.ClickAndWait("#cancel")
	if got := b.Text("#confirm-cancel"); got != "Yes, cancel" {
		t.Fatalf("confirm button %q", got)
	}
	b.ClickAndWait("#confirm-cancel")
	if got := b.Text(".sub-head .badge"); got != "Cancelled" {
		t.Fatalf("status %q", got)
	}
	if !strings.Contains(b.Text(".flash"), "full credit") {
		t.Fatalf("flash %q", b.Text(".flash"))
	}
}
