package web_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"portal/internal/activity"
	"portal/internal/billing"
	"portal/internal/catalog"
	"portal/internal/demo"
	"portal/internal/reservations"
	"portal/internal/subscriptions"
	"portal/internal/support"
	"portal/web/webtest"
)

var (
	adatumRes     = demo.ID("reservation:adatum-vm-1yr")         // 3 days old, unused: full refund
	pharmaRes     = demo.ID("reservation:contosopharma-sql-1yr") // 40 days old: prorated less 12%
	woodgroveRes  = demo.ID("reservation:woodgrove-cosmos-1yr")  // cut by the cap
	woodgroveCust = demo.ID("customer:woodgrovebank.com")
	pharmaCust    = demo.ID("customer:contosopharma.com")
)

func getReservation(t *testing.T, app *webtest.App, id string) reservations.Reservation {
	t.Helper()
	var r reservations.Reservation
	if err := app.DB.Where("id = ?", id).Take(&r).Error; err != nil {
		t.Fatalf("load reservation %s: %v", id, err)
	}
	return r
}

func countRows(t *testing.T, app *webtest.App, model any, where string, args ...any) int64 {
	t.Helper()
	var n int64
	if err := app.DB.Model(model).Where(where, args...).Count(&n).Error; err != nil {
		t.Fatal(err)
	}
	return n
}

func activityCount(t *testing.T, app *webtest.App, action, resourceID string) int64 {
	t.Helper()
	return countRows(t, app, &activity.Entry{}, "action = ? AND resource_id = ?", action, resourceID)
}

// RES-1, AUTH-5: the reservation page has its five sections for every role
// that may view reservations (user management admins included); only admin
// agents and global admins get the management forms.
func TestReservationPage_RES1(t *testing.T) {
	t.Parallel()
	app := webtest.New(t)
	cases := []struct {
		email  string
		manage bool
	}{
		{"globaladmin@contoso.example", true},
		{"adminagent@contoso.example", true},
		{"sales@contoso.example", false},
		{"helpdesk@contoso.example", false},
		{"usermgmt@contoso.example", false},
	}
	r := getReservation(t, app, pharmaRes)
	for _, c := range cases {
		page := app.SignedIn(c.email).Get("/reservations/"+pharmaRes).Expect(t, http.StatusOK)
		for _, sel := range []string{"#overview", "#access", "#configuration", "#properties", "#support", "svg.util-chart"} {
			if page.Count(sel) != 1 {
				t.Errorf("%s: %s missing", c.email, sel)
			}
		}
		if v, _ := page.Doc.Find("#reservation-id").Attr("value"); v != r.ID {
			t.Errorf("%s: reservation ID field %q", c.email, v)
		}
		if v, _ := page.Doc.Find("#reservation-order-id").Attr("value"); v != r.ReservationOrderID {
			t.Errorf("%s: reservation order ID field %q", c.email, v)
		}
		if got := page.Count("#scope-form") + page.Count("#access-form") + page.Count("#request-refund"); (got == 3) != c.manage {
			t.Errorf("%s: management forms shown %d, manage %v", c.email, got, c.manage)
		}
		if !strings.Contains(page.Text("#expires"), r.ExpiresAt.Format("2006")) {
			t.Errorf("%s: expiration %q", c.email, page.Text("#expires"))
		}
	}
	// User management admins may view reservations but not customers: no
	// link to the customer's page.
	um := app.SignedIn("usermgmt@contoso.example").Get("/reservations/" + pharmaRes)
	if um.Count(`.crumbs a[href^="/customers"]`) != 0 {
		t.Error("user management admin sees a link to the customer")
	}
	// The chart has one bar per day of the reservation's life in the last 30.
	days := reservations.Utilization(r, app.Clock.Now(), 30)
	_, active := reservations.Average(days)
	if got := um.Count("rect.bar"); got != active || active != 30 {
		t.Errorf("bars %d, active days %d", got, active)
	}
}

// RES-1, PERF-1: the customer's Azure reservations tab lists them with their
// status.
func TestCustomerReservationsTab_RES1(t *testing.T) {
	t.Parallel()
	app := webtest.New(t)
	page := app.SignedIn("sales@contoso.example").Get("/customers/"+woodgroveCust+"/reservations").Expect(t, http.StatusOK)
	if got := page.Count("#reservations tbody tr"); got != 2 {
		t.Fatalf("rows %d, want 2", got)
	}
	body := page.Text("#reservations")
	for _, want := range []string{"Cosmos DB", "Active", "Cancelled", "12 months", "Shared"} {
		if !strings.Contains(body, want) {
			t.Errorf("tab lacks %q", want)
		}
	}
	empty := app.SignedIn("sales@contoso.example").Get("/customers/" + demo.ID("customer:coho-nothing") + "/reservations")
	empty.Expect(t, http.StatusNotFound)
}

// RES-1: scope single needs one of the customer's active subscriptions;
// anything else is a 422 that changes nothing.
func TestReservationScope_RES1(t *testing.T) {
	t.Parallel()
	app := webtest.New(t)
	now := app.Clock.Now()
	mine := subscriptions.Subscription{ID: demo.ID("test:sub:pharma"), PartnerID: demo.ContosoID, CustomerID: pharmaCust,
		OfferID: demo.ID("offer:azure-plan"), OfferName: "Azure plan", Quantity: 1, Frequency: "monthly", BillingType: "usage",
		Status: subscriptions.Active, TermStart: now, TermEnd: now.AddDate(1, 0, 0), PurchasedAt: now, FirstBillingStart: now}
	other := mine
	other.ID, other.CustomerID = demo.ID("test:sub:adatum"), demo.ID("customer:adatum.com")
	suspended := mine
	suspended.ID, suspended.Status = demo.ID("test:sub:pharma-suspended"), subscriptions.Suspended
	for _, s := range []subscriptions.Subscription{mine, other, suspended} {
		if err := app.DB.Create(&s).Error; err != nil {
			t.Fatal(err)
		}
	}
	c := app.SignedIn("adminagent@contoso.example")
	path := "/reservations/" + pharmaRes + "/scope"
	before := getReservation(t, app, pharmaRes)
	bad := []url.Values{
		{"scope": {"single"}},
		{"scope": {"single"}, "subscription_id": {other.ID}},
		{"scope": {"single"}, "subscription_id": {suspended.ID}},
		{"scope": {"single"}, "subscription_id": {"not-an-id"}},
		{"scope": {"everything"}},
		{},
	}
	for _, form := range bad {
		r := c.Post(path, form).Expect(t, http.StatusUnprocessableEntity)
		if r.Count(".field-error") == 0 {
			t.Errorf("%v: no field error shown", form)
		}
		if got := getReservation(t, app, pharmaRes); got.Scope != before.Scope || got.AzureSubscriptionID != before.AzureSubscriptionID {
			t.Fatalf("%v changed the scope", form)
		}
	}
	c.Post(path, url.Values{"scope": {"single"}, "subscription_id": {mine.ID}}).Expect(t, http.StatusSeeOther)
	if got := getReservation(t, app, pharmaRes); got.Scope != "single" || got.AzureSubscriptionID != mine.ID {
		t.Fatalf("scope %s %s", got.Scope, got.AzureSubscriptionID)
	}
	page := c.Get("/reservations/" + pharmaRes)
	if !strings.Contains(page.Text("#scope"), "Azure plan") {
		t.Errorf("scope shown %q", page.Text("#scope"))
	}
	c.Post(path, url.Values{"scope": {"shared"}, "subscription_id": {mine.ID}}).Expect(t, http.StatusSeeOther)
	if got := getReservation(t, app, pharmaRes); got.Scope != "shared" || got.AzureSubscriptionID != "" {
		t.Fatalf("scope %s %q", got.Scope, got.AzureSubscriptionID)
	}
	if n := activityCount(t, app, "reservation.scope_changed", pharmaRes); n != 2 {
		t.Fatalf("activity entries %d, want 2 (LOG-1)", n)
	}
}

// RES-1: admin agents and global admins add and remove partner users on the
// access list; another partner's user is refused.
func TestReservationAccess_RES1(t *testing.T) {
	t.Parallel()
	app := webtest.New(t)
	c := app.SignedIn("globaladmin@contoso.example")
	path := "/reservations/" + adatumRes + "/access"
	billingUser := demo.ID("user:billing@contoso.example")
	c.Post(path, url.Values{"op": {"grant"}, "user_id": {demo.ID("user:globaladmin@fabrikam.example")}}).Expect(t, http.StatusUnprocessableEntity)
	c.Post(path, url.Values{"op": {"grant"}}).Expect(t, http.StatusUnprocessableEntity)
	if n := countRows(t, app, &reservations.Access{}, "reservation_id = ?", adatumRes); n != 0 {
		t.Fatalf("refused grants wrote %d rows", n)
	}
	c.Post(path, url.Values{"op": {"grant"}, "user_id": {billingUser}}).Expect(t, http.StatusSeeOther)
	page := c.Get("/reservations/" + adatumRes)
	if !strings.Contains(page.Text("#access-list"), "billing@contoso.example") {
		t.Fatal("granted user not listed")
	}
	c.Post(path, url.Values{"op": {"revoke"}, "user_id": {billingUser}}).Expect(t, http.StatusSeeOther)
	if n := countRows(t, app, &reservations.Access{}, "reservation_id = ?", adatumRes); n != 0 {
		t.Fatal("revoke left the row")
	}
	if activityCount(t, app, "reservation.access_granted", adatumRes) != 1 || activityCount(t, app, "reservation.access_revoked", adatumRes) != 1 {
		t.Fatal("access changes not in the activity log (LOG-1)")
	}
}

// wizardForm is a complete refund or exchange request, as the review step
// posts it.
func wizardForm(extra url.Values) url.Values {
	f := url.Values{
		"title": {"Refund please"}, "issue_type": {"billing"}, "problem_type": {"reservation_management"},
		"category": {"exchanges_refunds"}, "severity": {"moderate"}, "description": {"No longer needed"},
		"contact_name": {"Adam Agent"}, "contact_email": {"adminagent@contoso.example"}, "contact_phone": {"+1 425 555 0101"},
	}
	for k, v := range extra {
		f[k] = v
	}
	return f
}

// RES-4, RES-2, BILL-1, LOG-1: the refund wizard, step by step without
// JavaScript: values kept on Back, the quote shown before Create, and on
// Create the support request, the cancellation, the credit on the invoice
// and the activity entries.
func TestRefundWizard_RES4_RES2(t *testing.T) {
	t.Parallel()
	app := webtest.New(t)
	c := app.SignedIn("adminagent@contoso.example")
	base := "/reservations/" + adatumRes + "/refund"
	basics := c.Get(base).Expect(t, http.StatusOK)
	if v, _ := basics.Doc.Find("#issue_type option[selected]").Attr("value"); v != "billing" {
		t.Fatalf("issue type preset %q", v)
	}
	// A later step cannot be opened before the earlier ones are complete.
	c.Post(base+"/steps", url.Values{"step": {"basics"}, "nav": {"next"}, "title": {""}, "issue_type": {"technical"}}).Expect(t, http.StatusUnprocessableEntity)
	r := c.Post(base+"/steps", url.Values{"step": {"basics"}, "nav": {"next"}, "title": {"Refund the D2s reservation"}, "issue_type": {"billing"}}).Expect(t, http.StatusSeeOther)
	if r.Location != base+"?step=problem" {
		t.Fatalf("next goes to %q", r.Location)
	}
	bad := c.Post(base+"/steps", url.Values{"step": {"problem"}, "nav": {"next"}, "problem_type": {"technical"}, "category": {"other"}, "severity": {"minimal"}})
	bad.Expect(t, http.StatusUnprocessableEntity)
	if bad.Count("#problem_type-error") != 1 || bad.Count("#category-error") != 1 {
		t.Fatal("problem step errors not explained")
	}
	c.Post(base+"/steps", url.Values{"step": {"problem"}, "nav": {"next"}, "problem_type": {"reservation_management"},
		"category": {"exchanges_refunds"}, "severity": {"minimal"}, "description": {"Moved to another region"}}).Expect(t, http.StatusSeeOther)
	// Back from the contact step keeps what was typed there and before.
	r = c.Post(base+"/steps", url.Values{"step": {"contact"}, "nav": {"back"}, "contact_name": {"Kim Akers"}, "contact_email": {"kim@adatum.com"}})
	if r.Expect(t, http.StatusSeeOther).Location != base+"?step=problem" {
		t.Fatalf("back goes to %q", r.Location)
	}
	problem := c.Get(r.Location).Expect(t, http.StatusOK)
	if problem.Text("#description") != "Moved to another region" {
		t.Fatalf("description not kept: %q", problem.Text("#description"))
	}
	if v, _ := problem.Doc.Find("#severity option[selected]").Attr("value"); v != "minimal" {
		t.Fatalf("severity not kept: %q", v)
	}
	contact := c.Get(base+"?step=contact").Expect(t, http.StatusOK)
	if v, _ := contact.Doc.Find("#contact_name").Attr("value"); v != "Kim Akers" {
		t.Fatalf("contact not kept on back: %q", v)
	}
	c.Post(base+"/steps", url.Values{"step": {"contact"}, "nav": {"next"}, "contact_name": {"Kim Akers"}, "contact_email": {"not an email"}}).Expect(t, http.StatusUnprocessableEntity)
	r = c.Post(base+"/steps", url.Values{"step": {"contact"}, "nav": {"next"}, "contact_name": {"Kim Akers"}, "contact_email": {"kim@adatum.com"}, "contact_phone": {"+1 425 555 0199"}})
	review := c.Get(r.Expect(t, http.StatusSeeOther).Location).Expect(t, http.StatusOK)
	// RES-2: 3 days after purchase and unused: 100%, no fee.
	if got := review.Text("#quote-final"); got != "$1,016.00" {
		t.Fatalf("final credit %q", got)
	}
	if review.Text("#quote-used") != "No" || review.Text("#quote-fee") != "None" || review.Text("#quote-days") != "3" {
		t.Fatalf("quote: used %q fee %q days %q", review.Text("#quote-used"), review.Text("#quote-fee"), review.Text("#quote-days"))
	}
	if n := countRows(t, app, &support.Request{}, "reservation_id = ?", adatumRes); n != 0 {
		t.Fatal("a request exists before Create")
	}
	// Create posts every value again from the review page.
	form := url.Values{}
	review.Doc.Find(`form[action="` + base + `"] input`).Each(func(_ int, s *goquery.Selection) {
		name, _ := s.Attr("name")
		value, _ := s.Attr("value")
		form.Set(name, value)
	})
	c.Post(base, form).Expect(t, http.StatusSeeOther)

	got := getReservation(t, app, adatumRes)
	if got.Status != reservations.Cancelled || got.RefundAmount != 101_600 || got.CancelledAt == nil {
		t.Fatalf("reservation after refund: %s %d", got.Status, got.RefundAmount)
	}
	var req support.Request
	if err := app.DB.Where("reservation_id = ?", adatumRes).Take(&req).Error; err != nil {
		t.Fatal(err)
	}
	if req.ReservationOrderID != got.ReservationOrderID || req.ProblemType != "reservation_management" || req.Category != "exchanges_refunds" ||
		req.IssueType != "billing" || req.ContactName != "Kim Akers" || req.Title != "Refund the D2s reservation" || req.AmountRequested != 101_600 {
		t.Fatalf("support request %+v", req)
	}
	var line billing.Line
	if err := app.DB.Where("resource_id = ? AND reason = ?", adatumRes, "reservation_refund").Take(&line).Error; err != nil {
		t.Fatalf("no credit line (BILL-1): %v", err)
	}
	if line.Amount != -101_600 || line.Kind != billing.Credit {
		t.Fatalf("credit line %d %s", line.Amount, line.Kind)
	}
	if activityCount(t, app, "reservation.refunded", adatumRes) != 1 || activityCount(t, app, "support.request_created", req.ID) != 1 {
		t.Fatal("activity entries missing (LOG-1)")
	}
	if n := countRows(t, app, &reservations.Draft{}, "reservation_id = ?", adatumRes); n != 0 {
		t.Fatal("the draft outlived the request")
	}
	// The page now says it is cancelled; the wizard and a second refund are refused.
	page := c.Get("/reservations/"+adatumRes).Expect(t, http.StatusOK)
	if page.Count("#state-notice") != 1 || page.Count("#request-refund") != 0 || page.Count("#linked-requests li") != 1 {
		t.Fatal("cancelled reservation page")
	}
	c.Get(base).Expect(t, http.StatusForbidden)
	again := c.Post(base, wizardForm(nil)).Expect(t, http.StatusForbidden)
	if !strings.Contains(again.Body, "no longer be changed") {
		t.Fatal("second refund's refusal does not say why")
	}
	if n := countRows(t, app, &billing.Line{}, "resource_id = ?", adatumRes); n != 1 {
		t.Fatalf("second refund posted lines: %d", n)
	}
}

// RES-2: the cap cuts a refund that crosses it, shows by how much, and
// leaves nothing for the next refund in the window.
func TestRefundCap_RES2(t *testing.T) {
	t.Parallel()
	app := webtest.New(t)
	c := app.SignedIn("globaladmin@contoso.example")
	// 20 days after purchase, $65,000.00 over 365 days: prorated 6,143,836,
	// fee 737,260; $12,000 refunded 100 days ago leaves 3,800,000 of the cap.
	review := func(id string) *webtest.Response {
		base := "/reservations/" + id + "/refund"
		c.Post(base+"/steps", url.Values{"step": {"basics"}, "nav": {"next"}, "title": {"Refund"}, "issue_type": {"billing"}}).Expect(t, http.StatusSeeOther)
		c.Post(base+"/steps", url.Values{"step": {"problem"}, "nav": {"next"}, "problem_type": {"reservation_management"}, "category": {"exchanges_refunds"}, "severity": {"moderate"}}).Expect(t, http.StatusSeeOther)
		c.Post(base+"/steps", url.Values{"step": {"contact"}, "nav": {"next"}, "contact_name": {"Grace Wood"}, "contact_email": {"grace@woodgrovebank.com"}}).Expect(t, http.StatusSeeOther)
		return c.Get(base+"?step=review").Expect(t, http.StatusOK)
	}
	page := review(woodgroveRes)
	want := map[string]string{
		"#quote-prorated": "$61,438.36", "#quote-fee": "−$7,372.60", "#quote-window": "$12,000.00",
		"#quote-cap": "$38,000.00", "#quote-cut": "−$16,065.76", "#quote-final": "$38,000.00",
	}
	for sel, w := range want {
		if got := page.Text(sel); got != w {
			t.Errorf("%s = %q, want %q", sel, got, w)
		}
	}
	if page.Count("#cap-note") != 1 {
		t.Error("the cap's cut is not explained")
	}
	c.Post("/reservations/"+woodgroveRes+"/refund", wizardForm(nil)).Expect(t, http.StatusSeeOther)
	if got := getReservation(t, app, woodgroveRes); got.RefundAmount != 3_800_000 {
		t.Fatalf("refund %d, want the cap's 3,800,000", got.RefundAmount)
	}
	// Cap exhausted: another reservation of the same customer gets nothing.
	now := app.Clock.Now()
	extra := reservations.Reservation{ID: demo.ID("test:res:woodgrove-extra"), PartnerID: demo.ContosoID, CustomerID: woodgroveCust,
		OfferID: demo.ID("offer:azure-vm-d2s-v5-1yr"), OrderID: demo.ID("test:order"), ReservationOrderID: demo.ID("test:res-order"),
		Name: "Extra VM", Quantity: 1, Price: 100_000, TermMonths: 12, PurchasedAt: now.Add(-time.Hour), ExpiresAt: now.Add(-time.Hour).AddDate(1, 0, 0),
		Scope: reservations.ScopeShared, Status: reservations.Active}
	if err := app.DB.Create(&extra).Error; err != nil {
		t.Fatal(err)
	}
	page = review(extra.ID)
	if page.Text("#quote-cap") != "$0.00" || page.Text("#quote-final") != "$0.00" || page.Text("#quote-cut") != "−$1,000.00" {
		t.Fatalf("exhausted cap: cap %q final %q cut %q", page.Text("#quote-cap"), page.Text("#quote-final"), page.Text("#quote-cut"))
	}
	// 365 days later the first refund ($12,000, 100 days before the start)
	// has left the window, the cap's refund (at the start) not yet.
	app.Clock.Advance(265*24*time.Hour + time.Minute)
	store := reservations.Store{DB: app.DB, Clock: app.Clock}
	q, err := store.Quote(context.Background(), getReservation(t, app, extra.ID))
	if err != nil {
		t.Fatal(err)
	}
	if q.RefundedInWindow != 3_800_000 {
		t.Fatalf("refunded in window after 265 days: %d", q.RefundedInWindow)
	}
}

// RES-3: an exchange credits the prorated value toward a new reservation;
// a cheaper one is refused with a 422 that says why, and nothing changes.
func TestExchange_RES3(t *testing.T) {
	t.Parallel()
	app := webtest.New(t)
	cheap := catalog.Offer{ID: demo.ID("test:offer:cheap"), Tab: catalog.TabReservation, Name: "Cosmos DB reserved capacity, 1 year",
		Publisher: "microsoft", BillingType: "usage", Category: "enterprise", Frequencies: "annual", AnnualPrice: 10_000, MaxQuantity: 100, TermMonths: 12}
	dear := cheap
	dear.ID, dear.Name, dear.AnnualPrice, dear.TermMonths = demo.ID("test:offer:dear"), "SQL Database vCore, Business Critical, 3 years", 100_000, 36
	for _, o := range []catalog.Offer{cheap, dear} {
		if err := app.DB.Create(&o).Error; err != nil {
			t.Fatal(err)
		}
	}
	c := app.SignedIn("globaladmin@contoso.example")
	base := "/reservations/" + pharmaRes + "/exchange"
	// 40 days into 365: credit 720,000 × 325 / 365 = 641,096; 4 × $100 = $400.00 is less.
	r := c.Post(base, wizardForm(url.Values{"offer_id": {cheap.ID}, "quantity": {"4"}})).Expect(t, http.StatusUnprocessableEntity)
	if msg := r.Text("#offer_id-error"); !strings.Contains(msg, "$400.00") || !strings.Contains(msg, "$6,410.96") {
		t.Fatalf("refusal message %q", msg)
	}
	if got := getReservation(t, app, pharmaRes); got.Status != reservations.Active {
		t.Fatal("refused exchange changed the reservation")
	}
	if countRows(t, app, &billing.Line{}, "resource_id = ?", pharmaRes) != 0 || countRows(t, app, &support.Request{}, "reservation_id = ? AND reason = ?", pharmaRes, "exchange") != 0 ||
		countRows(t, app, &reservations.Reservation{}, "exchanged_from_id = ?", pharmaRes) != 0 {
		t.Fatal("refused exchange wrote rows")
	}
	// The wizard's problem step refuses it too, and the review says so.
	c.Post(base+"/steps", url.Values{"step": {"basics"}, "nav": {"next"}, "title": {"Exchange"}, "issue_type": {"billing"}}).Expect(t, http.StatusSeeOther)
	c.Post(base+"/steps", url.Values{"step": {"problem"}, "nav": {"next"}, "problem_type": {"reservation_management"}, "category": {"exchanges_refunds"},
		"severity": {"moderate"}, "offer_id": {cheap.ID}, "quantity": {"4"}}).Expect(t, http.StatusUnprocessableEntity)
	c.Post(base+"/steps", url.Values{"step": {"problem"}, "nav": {"next"}, "problem_type": {"reservation_management"}, "category": {"exchanges_refunds"},
		"severity": {"moderate"}, "offer_id": {dear.ID}, "quantity": {"3"}}).Expect(t, http.StatusSeeOther)
	c.Post(base+"/steps", url.Values{"step": {"contact"}, "nav": {"next"}, "contact_name": {"Ray Ortiz"}, "contact_email": {"ray@contosopharma.com"}}).Expect(t, http.StatusSeeOther)
	review := c.Get(base+"?step=review").Expect(t, http.StatusOK)
	// 3 units × $1,000.00 a year × 3 years = $9,000.00.
	if review.Text("#exchange-credit") != "$6,410.96" || review.Text("#exchange-new-price") != "$9,000.00" || review.Text("#exchange-difference") != "$2,589.04" {
		t.Fatalf("exchange quote %q %q %q", review.Text("#exchange-credit"), review.Text("#exchange-new-price"), review.Text("#exchange-difference"))
	}
	r = c.Post(base, wizardForm(url.Values{"offer_id": {dear.ID}, "quantity": {"3"}})).Expect(t, http.StatusSeeOther)
	old := getReservation(t, app, pharmaRes)
	if old.Status != reservations.Exchanged || old.ExchangedForID == "" || r.Location != "/reservations/"+old.ExchangedForID {
		t.Fatalf("old reservation %s → %q (location %s)", old.Status, old.ExchangedForID, r.Location)
	}
	nr := getReservation(t, app, old.ExchangedForID)
	if nr.Status != reservations.Active || nr.Price != 900_000 || nr.Quantity != 3 || nr.TermMonths != 36 || nr.ExchangedFromID != old.ID ||
		nr.Scope != old.Scope || nr.CustomerID != old.CustomerID || !nr.ExpiresAt.Equal(nr.PurchasedAt.AddDate(3, 0, 0)) {
		t.Fatalf("new reservation %+v", nr)
	}
	var lines []billing.Line
	app.DB.Where("reason = ? AND customer_id = ?", "reservation_exchange", pharmaCust).Order("amount").Find(&lines)
	if len(lines) != 2 || lines[0].Amount != -641_096 || lines[0].ResourceID != old.ID || lines[1].Amount != 900_000 || lines[1].ResourceID != nr.ID {
		t.Fatalf("exchange lines %+v", lines)
	}
	if activityCount(t, app, "reservation.exchanged", old.ID) != 1 {
		t.Fatal("exchange not in the activity log")
	}
	if countRows(t, app, &support.Request{}, "reservation_id = ? AND reservation_order_id = ? AND reason = ?", old.ID, old.ReservationOrderID, "exchange") != 1 {
		t.Fatal("no support request carries the exchanged reservation")
	}
	c.Get("/reservations/"+nr.ID).Expect(t, http.StatusOK)
}

// RES-3: an exchange toward a reservation of the demo catalog, priced as
// checkout prices it (the whole term per unit): 7 × $1,075.00 = $7,525.00,
// more than the $6,410.96 credit, so it goes through.
func TestExchangeForACatalogReservation_RES3(t *testing.T) {
	t.Parallel()
	app := webtest.New(t)
	c := app.SignedIn("globaladmin@contoso.example")
	target := demo.ID("offer:azure-vm-d2s-v5-3yr")
	r := c.Post("/reservations/"+pharmaRes+"/exchange", wizardForm(url.Values{"offer_id": {target}, "quantity": {"7"}})).Expect(t, http.StatusSeeOther)
	old := getReservation(t, app, pharmaRes)
	if old.Status != reservations.Exchanged || r.Location != "/reservations/"+old.ExchangedForID {
		t.Fatalf("old reservation %s, location %s", old.Status, r.Location)
	}
	if nr := getReservation(t, app, old.ExchangedForID); nr.Price != 752_500 || nr.OfferID != target || nr.TermMonths != 36 {
		t.Fatalf("new reservation price %d offer %s term %d", nr.Price, nr.OfferID, nr.TermMonths)
	}
}

// AUTH-1, AUTH-5, RES-4: a forged refund of another partner's reservation is
// a 404; roles that may only view get 403; nothing changes either way.
func TestForgedRefund_AUTH1_RES4(t *testing.T) {
	t.Parallel()
	app := webtest.New(t)
	app.SignedIn("globaladmin@fabrikam.example").Post("/reservations/"+adatumRes+"/refund", wizardForm(nil)).Expect(t, http.StatusNotFound)
	app.SignedIn("globaladmin@fabrikam.example").Get("/reservations/"+adatumRes).Expect(t, http.StatusNotFound)
	for _, email := range []string{"sales@contoso.example", "helpdesk@contoso.example", "usermgmt@contoso.example", "billing@contoso.example"} {
		app.SignedIn(email).Post("/reservations/"+adatumRes+"/refund", wizardForm(nil)).Expect(t, http.StatusForbidden)
	}
	if got := getReservation(t, app, adatumRes); got.Status != reservations.Active {
		t.Fatal("a refused refund changed the reservation")
	}
	if countRows(t, app, &billing.Line{}, "resource_id = ?", adatumRes) != 0 {
		t.Fatal("a refused refund posted a line")
	}
}

// RUN-1: the reservations and support demo seed is idempotent.
func TestDemoSeedIdempotent_RES1_SUP2(t *testing.T) {
	t.Parallel()
	app := webtest.New(t)
	count := func() (int64, int64, int64) {
		return countRows(t, app, &reservations.Reservation{}, "1 = 1"), countRows(t, app, &support.Request{}, "1 = 1"), countRows(t, app, &support.Note{}, "1 = 1")
	}
	r1, s1, n1 := count()
	if err := demo.SeedWith(context.Background(), app.DB, app.Clock, demo.Options{BcryptCost: 4}); err != nil {
		t.Fatal(err)
	}
	// Five seeded requests, and the one the demo history's reservation
	// refund opened (DEMO-1).
	if r2, s2, n2 := count(); r1 != r2 || s1 != s2 || n1 != n2 || r1 < 5 || s1 != 6 {
		t.Fatalf("before %d %d %d, after %d %d %d", r1, s1, n1, r2, s2, n2)
	}
}
