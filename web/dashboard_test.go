package web_test

import (
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"
	"github.com/google/uuid"
	"gorm.io/gorm"

	"portal/internal/activity"
	"portal/internal/billing"
	"portal/internal/demo"
	"portal/internal/platform/i18n"
	"portal/internal/platform/money"
	"portal/internal/platform/settings"
	"portal/internal/subscriptions"
	"portal/internal/support"
	"portal/web"
	"portal/web/webtest"
)

// DASH-1: the home page lists, each linked to its subscription, the
// suspended subscription nearing deletion, the windows closing within 24
// hours, the trial ending within 7 days and the scheduled cancellation.
func TestDashboardNeedsAttention_DASH1(t *testing.T) {
	t.Parallel()
	app := webtest.New(t)
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
	// A scheduled cancellation says the last day it stays active, the date
	// its confirmation page gave (issue 13 item 9: one end-date convention).
	var sched subscriptions.Subscription
	if err := app.DB.Where("id = ?", demo.ID("subscription:"+subWoodgrove)).Take(&sched).Error; err != nil {
		t.Fatal(err)
	}
	row := r.Doc.Find(`tr.attention-scheduled a[href="` + subPath(subWoodgrove) + `"]`).Parent().Parent().Text()
	if want := "Active until " + i18n.LastDay(subscriptions.ScheduledEnd(sched)).Format("Jan 2, 2006"); !strings.Contains(row, want) {
		t.Errorf("scheduled row %q, want %q", row, want)
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
	t.Parallel()
	app := webtest.New(t)
	r := app.SignedIn("globaladmin@contoso.example").Get("/").Expect(t, http.StatusOK)
	if r.Count("svg#licenses-chart[role=img] title") == 0 || r.Count("svg#licenses-chart .hbar") == 0 || r.Count("svg#licenses-chart .hbar") > 8 {
		t.Fatalf("licenses chart: %d bars", r.Count("svg#licenses-chart .hbar"))
	}
	if first := r.Doc.Find("svg#licenses-chart .hbar .bar-label").First().Text(); first != "Microsoft 365 E3" {
		t.Errorf("largest offer %q", first)
	}
	// The largest bar's count, as the DB has it (demo subscriptions and
	// purchases), is written in the chart.
	if e3 := licensesOf(t, app, demo.ContosoID, "Microsoft 365 E3"); e3 == 0 || !strings.Contains(r.Doc.Find("svg#licenses-chart").Text(), groupThousands(e3)) {
		t.Errorf("license counts are not written as text: want %s in %q", groupThousands(e3), r.Doc.Find("svg#licenses-chart").Text())
	}
	if r.Count("svg#billed-chart .vbar") != 12 || r.Count("svg#billed-chart > title") != 1 {
		t.Fatalf("billed chart: %d months", r.Count("svg#billed-chart .vbar"))
	}
	// The first month's total, as the invoices have it, is written in the chart.
	var first int64
	app.DB.Model(&billing.Invoice{}).Select("COALESCE(SUM(total), 0)").
		Where("partner_id = ? AND period_start = ?", demo.ContosoID, time.Date(2025, 12, 1, 0, 0, 0, 0, time.UTC)).Scan(&first)
	if first == 0 || !strings.Contains(r.Doc.Find("svg#billed-chart").Text(), app.Bundle.For("en").Money(money.Cents(first))) {
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
	// Another partner sees its own subscriptions and none of Contoso's
	// (AUTH-1): every attention link is one of Fabrikam's subscriptions, the
	// chart's bars add up to Fabrikam's licenses, and Contoso's largest offer
	// and customers are absent.
	f := app.SignedIn("globaladmin@fabrikam.example").Get("/").Expect(t, http.StatusOK)
	links := 0
	f.Doc.Find("#attention-list tbody tr:not(.attention-support) td:nth-child(2) a").Each(func(_ int, a *goquery.Selection) {
		links++
		href, _ := a.Attr("href")
		var partner string
		app.DB.Model(&subscriptions.Subscription{}).Where("id = ?", strings.TrimPrefix(href, "/subscriptions/")).Pluck("partner_id", &partner)
		if partner != demo.FabrikamID {
			t.Errorf("Fabrikam sees Contoso's subscriptions: %s (partner %q)", href, partner)
		}
	})
	if links == 0 {
		t.Error("Fabrikam's own window closing is not listed")
	}
	var bars int64
	f.Doc.Find("svg#licenses-chart .hbar .bar-value").Each(func(_ int, v *goquery.Selection) {
		n, err := strconv.ParseInt(strings.ReplaceAll(strings.TrimSpace(v.Text()), ",", ""), 10, 64)
		if err != nil {
			t.Errorf("bar value %q", v.Text())
		}
		bars += n
	})
	var fabrikam int64
	app.DB.Model(&subscriptions.Subscription{}).Select("COALESCE(SUM(quantity), 0)").
		Where("partner_id = ? AND status IN ? AND bought_directly = ? AND billing_type = ?", demo.FabrikamID,
			[]string{subscriptions.Active, subscriptions.Trial}, false, subscriptions.License).Scan(&fabrikam)
	if bars == 0 || bars != fabrikam {
		t.Errorf("Fabrikam's chart shows %d licenses, Fabrikam has %d", bars, fabrikam)
	}
	body := f.Doc.Find("main").Text()
	for _, contoso := range []string{"Microsoft 365 E3", "Adatum Corporation", "Alpine Ski House", "Woodgrove Bank", "Northwind Traders"} {
		if strings.Contains(body, contoso) {
			t.Errorf("Fabrikam sees Contoso's subscriptions: %q", contoso)
		}
	}
}

// licensesOf returns a partner's licenses of an offer in active and trial
// subscriptions sold through the partner (what the DASH-2 chart counts).
func licensesOf(t *testing.T, app *webtest.App, partnerID, offerName string) int64 {
	t.Helper()
	var n int64
	err := app.DB.Model(&subscriptions.Subscription{}).Select("COALESCE(SUM(quantity), 0)").
		Where("partner_id = ? AND offer_name = ? AND status IN ? AND bought_directly = ? AND billing_type = ?", partnerID, offerName,
			[]string{subscriptions.Active, subscriptions.Trial}, false, subscriptions.License).Scan(&n).Error
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// groupThousands writes n the English way: 1,715.
func groupThousands(n int64) string {
	s := strconv.FormatInt(n, 10)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
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
	t.Parallel()
	app := webtest.New(t)
	n := queryCounter(t, app.DB)
	c := app.SignedIn(subSales)
	pages := []string{"/", "/customers/" + demo.ID("customer:adatum.com") + "/subscriptions", subPath(subAdatumE3)}
	measure := func() []int64 {
		var out []int64
		for _, p := range pages {
			// Viewed once, then, after a write that changes nothing
			// shown and a second later, viewed again: every memo
			// (db.Memo: the session, the home page's figures, the lists)
			// reads anew, whatever other tests wrote meanwhile on the
			// same server, so the count is of a view that reads all.
			c.Get(p).Expect(t, http.StatusOK)
			if err := app.DB.Exec("UPDATE partners SET name = name WHERE id = ?", demo.ContosoID).Error; err != nil {
				t.Fatal(err)
			}
			app.Clock.Advance(time.Second)
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
	t.Parallel()
	app := webtest.New(t)
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
	// CAT-10, SUB-9: the trial ended on Nov 25 09:00; its first paid term ran
	// to the end of November, charged 50 × 3.50 × 6/30; December renewed in
	// full on Dec 1 (the clock is now Dec 21).
	backup := demo.ID("subscription:contosopharma-backup")
	conv := subLines(t, app, backup, subscriptions.ReasonTrialConversion)
	if len(conv) != 1 || conv[0].Amount != 3500 || !conv[0].At.Equal(time.Date(2026, 11, 25, 9, 0, 0, 0, time.UTC)) {
		t.Fatalf("conversion lines %+v, want 3500 on Nov 25", conv)
	}
	ren := subLines(t, app, backup, subscriptions.ReasonRenewal)
	if len(ren) != 1 || ren[0].Amount != 17500 || !ren[0].At.Equal(time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)) {
		t.Fatalf("renewal lines %+v, want 17500 on Dec 1", ren)
	}
	if s := subLoad(t, app, "contosopharma-backup"); !s.TermStart.Equal(ren[0].At) || !s.TermEnd.Equal(time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC)) {
		t.Fatalf("term %v..%v, want December", s.TermStart, s.TermEnd)
	}
	app.SignedIn(subSales).Post("/demo/clock", url.Values{"days": {"1"}}).Expect(t, http.StatusForbidden)
}

// LIFE-3: outside demo mode the demo clock does not exist.
func TestDemoClockOnlyInDemoMode_LIFE3(t *testing.T) {
	t.Parallel()
	app := webtest.New(t)
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

// DASH-1: open support requests are listed for the roles that handle them,
// each linked to its request: those waiting for the partner's reply first,
// then the most severe; closed ones and another partner's are not; roles
// without support see none.
func TestDashboardSupportRequests_DASH1(t *testing.T) {
	t.Parallel()
	app := webtest.New(t)
	now := app.Clock.Now()
	fabrikamReq := support.Request{ID: uuid.NewString(), PartnerID: demo.FabrikamID, Number: "SR-261120-0001", ProblemType: support.ProblemAccount,
		Severity: support.Critical, Title: "Fabrikam's own request", ContactName: "Felix Fabrikam", ContactEmail: "globaladmin@fabrikam.example",
		Status: support.Open, CreatedBy: demo.ID("user:globaladmin@fabrikam.example"), CreatedAt: now, UpdatedAt: now}
	if err := app.DB.Create(&fabrikamReq).Error; err != nil {
		t.Fatal(err)
	}
	var open []support.Request
	app.DB.Where("partner_id = ? AND status IN ?", demo.ContosoID, []string{support.Open, support.AttentionNeeded}).Find(&open)
	if len(open) < 2 {
		t.Fatalf("the demo data has %d open requests", len(open))
	}

	r := app.SignedIn("helpdesk@contoso.example").Get("/").Expect(t, http.StatusOK)
	var hrefs []string
	r.Doc.Find("#attention-list tr.attention-support td:nth-child(2) a").Each(func(_ int, a *goquery.Selection) {
		h, _ := a.Attr("href")
		hrefs = append(hrefs, h)
	})
	if len(hrefs) != min(len(open), 10) {
		t.Fatalf("%d support rows, want %d", len(hrefs), min(len(open), 10))
	}
	for _, o := range open {
		if r.Count(`tr.attention-support a[href="/support/`+o.ID+`"]`) != 1 {
			t.Errorf("open request %q is not linked", o.Title)
		}
	}
	for _, gone := range []string{demo.ID("support:sql-scope"), fabrikamReq.ID} {
		if r.Count(`#attention-list a[href="/support/`+gone+`"]`) != 0 {
			t.Errorf("closed or another partner's request %s listed", gone)
		}
	}
	// Waiting for the partner's reply and critical first; the subscription
	// deadlines come before the requests.
	if hrefs[0] != "/support/"+demo.ID("support:teams-sign-in") {
		t.Errorf("first request %s, want the critical one waiting for a reply", hrefs[0])
	}
	if cls, _ := r.Doc.Find("#attention-list tbody tr").Last().Attr("class"); cls != "attention-support" {
		t.Errorf("last row %q: requests should follow the dated items", cls)
	}
	row := r.Doc.Find(`tr.attention-support:has(a[href="/support/` + demo.ID("support:teams-sign-in") + `"])`)
	if got := row.Find(".badge").Text(); got != "Support request" {
		t.Errorf("kind label %q", got)
	}
	if got := row.Text(); !strings.Contains(got, "Waiting for your reply") || !strings.Contains(got, "Bellows College") {
		t.Errorf("row %q", got)
	}
	if href, _ := row.Find(`td:nth-child(3) a`).Attr("href"); href != "/customers/"+demo.ID("customer:bellowscollege.edu") {
		t.Errorf("customer link %q", href)
	}
	if got := strings.TrimSpace(r.Text(".tile-support .tile-n")); got != strconv.Itoa(len(open)) {
		t.Errorf("support tile %q, want %d", got, len(open))
	}

	// Closing a request takes it off the list.
	app.DB.Model(&support.Request{}).Where("id = ?", demo.ID("support:teams-sign-in")).Update("status", support.Closed)
	r = app.SignedIn("helpdesk@contoso.example").Get("/").Expect(t, http.StatusOK)
	if r.Count(`a[href="/support/`+demo.ID("support:teams-sign-in")+`"]`) != 0 || r.Count("tr.attention-support") != len(open)-1 {
		t.Error("a closed request is still listed")
	}
	// French label.
	fr := app.SignedIn("helpdesk@contoso.example")
	fr.Lang = "fr"
	if got := fr.Get("/").Expect(t, http.StatusOK).Text("tr.attention-support .badge"); !strings.HasPrefix(got, "Demande de support") {
		t.Errorf("French label %q", got)
	}
	// A sales agent does not handle support requests.
	s := app.SignedIn(subSales).Get("/").Expect(t, http.StatusOK)
	if s.Count("tr.attention-support, .tile-support") != 0 {
		t.Error("a sales agent is shown support requests")
	}
	// Fabrikam sees its own request only.
	f := app.SignedIn("globaladmin@fabrikam.example").Get("/").Expect(t, http.StatusOK)
	if f.Count("tr.attention-support") != 1 || f.Count(`tr.attention-support a[href="/support/`+fabrikamReq.ID+`"]`) != 1 {
		t.Errorf("Fabrikam's support rows: %d", f.Count("tr.attention-support"))
	}
}

// DASH-1, LIFE-1, LIFE-3: after the demo clock moves past a free trial's end,
// the home page lists the conversion the engine made, linked to the
// subscription; another partner's home page does not.
func TestDashboardRecentAutomaticChanges_DASH1_LIFE1(t *testing.T) {
	t.Parallel()
	app := webtest.New(t)
	c := app.SignedIn("globaladmin@contoso.example")
	if n := c.Get("/").Expect(t, http.StatusOK).Count("#recent-table tbody tr"); n != 0 {
		t.Fatalf("%d recent changes before the clock moved", n)
	}
	c.Post("/demo/clock", url.Values{"days": {"31"}}).Expect(t, http.StatusSeeOther)
	home := c.Get("/").Expect(t, http.StatusOK)
	trial := "/subscriptions/" + demo.ID("subscription:contosopharma-backup")
	var found bool
	home.Doc.Find("#recent-table tbody tr").Each(func(_ int, row *goquery.Selection) {
		if href, _ := row.Find("a").First().Attr("href"); href == trial {
			found = strings.Contains(row.Text(), "Free trial converted to paid")
		}
	})
	if !found {
		t.Fatalf("the trial's conversion is not listed:\n%s", home.Text("#recent-card"))
	}
	other := app.SignedIn("globaladmin@fabrikam.example").Get("/").Expect(t, http.StatusOK)
	if strings.Contains(other.Text("#recent-card"), "Contoso") || strings.Contains(other.Body, trial) {
		t.Fatal("Fabrikam sees Contoso's automatic changes")
	}
}
