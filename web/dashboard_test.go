package web_test

import (
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/google/uuid"
	"gorm.io/gorm"

	"portal/internal/activity"
	"portal/internal/demo"
	"portal/internal/platform/settings"
	"portal/internal/subscriptions"
	"portal/internal/testkit"
	"portal/web"
)

// DASH-1: the home page lists, each linked to its subscription, the
// suspended subscription nearing deletion, the windows closing within 24
// hours, the trial ending within 7 days and the scheduled cancellation.
func TestDashboardNeedsAttention_DASH1(t *testing.T) {
	app := testkit.New(t)
	r := app.SignedIn(subSales).Get("/").Expect(t, http.StatusOK)
	want := map[string]string{
		"deletion":      subNorthwind,
		"cancel_window": subAlpine,
		"trial_ending":  "contosopharma-backup",
		"scheduled":     subWoodgrove,
	}
	for kind, slug := range want {
		sel := "tr.attention-" + kind + ` a[href="` + subPath(slug) + `"]`
		if r.Count(sel) != 1 {
			t.Errorf("%s: no link to %s", kind, slug)
		}
	}
	// The annual window closing within 24 hours is listed with its time.
	if got := r.Doc.Find(`tr.attention-cancel_window a[href="` + subPath("lamna-m365-e3-annual") + `"]`).Parent().Parent().Text(); !strings.Contains(got, "UTC") {
		t.Errorf("annual window row %q", got)
	}
	// Bought directly and windows already closed are not listed.
	for _, slug := range []string{subAdatumDirect, subAdatumE3} {
		if r.Count(`#attention-list a[href="`+subPath(slug)+`"]`) != 0 {
			t.Errorf("%s listed", slug)
		}
	}
	// A day later Alpine's window has closed and is gone from the list.
	app.Clock.Advance(24 * time.Hour)
	r = app.SignedIn(subSales).Get("/").Expect(t, http.StatusOK)
	if r.Count(`tr.attention-cancel_window a[href="`+subPath(subAlpine)+`"]`) != 0 {
		t.Error("closed window still listed")
	}
}

// DASH-2: two charts drawn on the server as SVG with titles and their values
// as text; the billed chart only for roles that see invoices, nothing of
// subscriptions for roles that may not view customers.
func TestDashboardCharts_DASH2(t *testing.T) {
	app := testkit.New(t)
	r := app.SignedIn("globaladmin@contoso.example").Get("/").Expect(t, http.StatusOK)
	if r.Count("svg#licenses-chart[role=img] title") == 0 || r.Count("svg#licenses-chart .hbar") == 0 || r.Count("svg#licenses-chart .hbar") > 8 {
		t.Fatalf("licenses chart: %d bars", r.Count("svg#licenses-chart .hbar"))
	}
	if first := r.Doc.Find("svg#licenses-chart .hbar .bar-label").First().Text(); first != "Microsoft 365 E3" {
		t.Errorf("largest offer %q", first)
	}
	if !strings.Contains(r.Doc.Find("svg#licenses-chart").Text(), "140") {
		t.Error("license counts are not written as text")
	}
	if r.Count("svg#billed-chart .vbar") != 12 || r.Count("svg#billed-chart > title") != 1 {
		t.Fatalf("billed chart: %d months", r.Count("svg#billed-chart .vbar"))
	}
	if !strings.Contains(r.Doc.Find("svg#billed-chart").Text(), "$4,620.00") {
		t.Errorf("billed amounts are not written as text: %q", r.Doc.Find("svg#billed-chart").Text())
	}
	h := app.SignedIn("helpdesk@contoso.example").Get("/").Expect(t, http.StatusOK)
	if h.Count("#licenses-chart") != 1 || h.Count("#billed-chart") != 0 || h.Count("#attention-list") != 1 {
		t.Error("helpdesk: subscriptions data but no invoices")
	}
	u := app.SignedIn("usermgmt@contoso.example").Get("/").Expect(t, http.StatusOK)
	if u.Count("#licenses-chart, #billed-chart, #attention-list") != 0 {
		t.Error("user management admin sees subscriptions data")
	}
	// Another partner sees none of Contoso's.
	f := app.SignedIn("globaladmin@fabrikam.example").Get("/").Expect(t, http.StatusOK)
	if f.Count("#attention-list") != 0 || f.Count("#licenses-chart") != 0 {
		t.Error("Fabrikam sees Contoso's subscriptions")
	}
}

// queryCounter counts the SQL statements the app runs.
func queryCounter(t *testing.T, g *gorm.DB) *atomic.Int64 {
	t.Helper()
	var n atomic.Int64
	count := func(*gorm.DB) { n.Add(1) }
	for _, err := range []error{
		g.Callback().Query().After("gorm:query").Register("test:count_query", count),
		g.Callback().Row().After("gorm:row").Register("test:count_row", count),
		g.Callback().Raw().After("gorm:raw").Register("test:count_raw", count),
	} {
		if err != nil {
			t.Fatal(err)
		}
	}
	return &n
}

// PERF-1, DASH-1: the dashboard, a customer's Subscriptions tab and a
// subscription's page cost the same number of queries whatever the number of
// subscriptions.
func TestSubscriptionPagesFixedQueries_PERF1(t *testing.T) {
	app := testkit.New(t)
	n := queryCounter(t, app.DB)
	c := app.SignedIn(subSales)
	pages := []string{"/", "/customers/" + demo.ID("customer:adatum.com") + "/subscriptions", subPath(subAdatumE3)}
	measure := func() []int64 {
		var out []int64
		for _, p := range pages {
			n.Store(0)
			c.Get(p).Expect(t, http.StatusOK)
			out = append(out, n.Load())
		}
		return out
	}
	before := measure()
	now := app.Clock.Now()
	parent := demo.ID("subscription:" + subAdatumE3)
	for i := 0; i < 40; i++ {
		trialEnd := now.Add(72 * time.Hour)
		s := subscriptions.Subscription{
			ID: uuid.NewString(), PartnerID: demo.ContosoID, CustomerID: demo.ID("customer:adatum.com"), OfferID: uuid.NewString(),
			OfferName: "Extra offer " + string(rune('A'+i%26)), Quantity: 3, Frequency: subscriptions.Monthly, BillingType: subscriptions.License,
			UnitPrice: 100, Status: subscriptions.Trial, TermStart: now, TermEnd: trialEnd, AutoRenew: true, TrialEnd: &trialEnd,
			PurchasedAt: now.Add(-time.Hour), FirstBillingStart: now, CancelAtTermEnd: i%2 == 0, ParentID: parent,
		}
		if err := app.DB.Create(&s).Error; err != nil {
			t.Fatal(err)
		}
	}
	after := measure()
	for i := range pages {
		if before[i] != after[i] {
			t.Errorf("%s: %d queries with few subscriptions, %d with 40 more", pages[i], before[i], after[i])
		}
	}
}

// LIFE-3: a global admin moves the demo clock forward; the shift is stored,
// the move logged, every page uses the moved time, and the lifecycle engine
// applied what fell due (the 5-day free trial converted).
func TestDemoClockMove_LIFE3(t *testing.T) {
	app := testkit.New(t)
	c := app.SignedIn("globaladmin@contoso.example")
	home := c.Get("/").Expect(t, http.StatusOK)
	if home.Count("form[action='/demo/clock'] input#days") != 1 {
		t.Fatal("no demo clock form for the global admin")
	}
	if app.SignedIn(subSales).Get("/").Count("#demo-clock") != 0 {
		t.Error("the demo clock is shown to a sales agent")
	}
	for _, bad := range []string{"0", "401", "-1", "abc", ""} {
		r := c.Post("/demo/clock", url.Values{"days": {bad}}).Expect(t, http.StatusUnprocessableEntity)
		if r.Count("#days-error") != 1 {
			t.Errorf("days %q: no field error", bad)
		}
	}
	c.Post("/demo/clock", url.Values{"days": {"31"}}).Expect(t, http.StatusSeeOther)
	if v, _, _ := (settings.Store{DB: app.DB}).Get(t.Context(), demo.ClockSetting); v != "31" {
		t.Fatalf("stored shift %q", v)
	}
	page := c.Get("/").Expect(t, http.StatusOK)
	want := app.Clock.Now().AddDate(0, 0, 31).Format("Jan 2, 2006")
	if got := page.Text("#demo-date"); !strings.Contains(got, want) {
		t.Fatalf("demo date %q, want %s", got, want)
	}
	if s := subLoad(t, app, "contosopharma-backup"); s.Status != subscriptions.Active {
		t.Fatalf("free trial after 31 days: %s", s.Status)
	}
	var e activity.Entry
	if err := app.DB.Where("action = ?", demo.ActionClockMoved).Take(&e).Error; err != nil || e.ActorID != demo.ID("user:globaladmin@contoso.example") {
		t.Fatalf("clock entry %+v: %v", e, err)
	}
	if n := len(subEntries(t, app, demo.ID("subscription:contosopharma-backup"), subscriptions.ActionTrialConverted)); n != 1 {
		t.Fatalf("%d conversion entries", n)
	}
	app.SignedIn(subSales).Post("/demo/clock", url.Values{"days": {"1"}}).Expect(t, http.StatusForbidden)
}

// LIFE-3: outside demo mode the demo clock does not exist.
func TestDemoClockOnlyInDemoMode_LIFE3(t *testing.T) {
	app := testkit.New(t)
	key := make([]byte, 64)
	for i := range key {
		key[i] = byte(i + 1)
	}
	srv, err := web.New(web.Config{DB: app.DB, Clock: app.Clock, Bundle: app.Bundle, SessionKey: key,
		Logger: slog.New(slog.NewTextHandler(io.Discard, nil)), BcryptCost: 4})
	if err != nil {
		t.Fatal(err)
	}
	plain := *app
	plain.Server = srv
	c := plain.SignedIn("globaladmin@contoso.example")
	c.Post("/demo/clock", url.Values{"days": {"5"}}).Expect(t, http.StatusNotFound)
	c.Get("/demo/clock").Expect(t, http.StatusNotFound)
	if c.Get("/").Count("#demo-clock") != 0 {
		t.Error("demo clock form outside demo mode")
	}
}
