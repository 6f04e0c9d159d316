package web_test

import (
	"encoding/json"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"gorm.io/gorm/clause"

	"portal/internal/activity"
	"portal/internal/billing"
	"portal/internal/catalog"
	"portal/internal/demo"
	"portal/internal/platform/i18n"
	"portal/internal/platform/money"
	"portal/internal/subscriptions"
	"portal/web/webtest"
)

const (
	subAlpine       = "alpine-business-standard" // monthly, bought 20 hours ago: window open
	subAdatumE3     = "adatum-m365-e3"           // monthly, bought long ago: window closed
	subNorthwind    = "northwind-business-basic" // suspended, data deleted in 8 days
	subWoodgrove    = "woodgrove-m365-e5"        // annual, cancellation scheduled
	subHumongous    = "humongous-azure-plan"     // usage-based
	subRelecloud    = "relecloud-e3-trial"       // Microsoft trial
	subAdatumDirect = "adatum-direct-business-basic"
	subSales        = "sales@contoso.example"
)

func subPath(slug string, action ...string) string {
	p := "/subscriptions/" + demo.ID("subscription:"+slug)
	if len(action) > 0 {
		p += "/" + action[0]
	}
	return p
}

func subLoad(t *testing.T, app *webtest.App, slug string) subscriptions.Subscription {
	t.Helper()
	var s subscriptions.Subscription
	if err := app.DB.Where("id = ?", demo.ID("subscription:"+slug)).Take(&s).Error; err != nil {
		t.Fatal(err)
	}
	return s
}

// subSeedOffers makes sure the catalog offers the tests rely on exist (the
// catalog's demo seed may have made them already) and returns them.
func subSeedOffers(t *testing.T, app *webtest.App) map[string]catalog.Offer {
	t.Helper()
	offers := []catalog.Offer{
		{ID: demo.ID("offer:m365-e3"), Tab: catalog.TabOnline, Name: "Microsoft 365 E3", Publisher: catalog.PublisherMicrosoft,
			BillingType: catalog.BillingLicense, Category: catalog.CategoryEnterprise, Frequencies: "monthly,annual",
			MonthlyPrice: 3600, AnnualPrice: 43200, MinQuantity: 1, MaxQuantity: 300},
		{ID: demo.ID("offer:teams-phone-system"), Tab: catalog.TabOnline, Name: "Microsoft Teams Phone Standard", Publisher: catalog.PublisherMicrosoft,
			BillingType: catalog.BillingLicense, Category: catalog.CategoryEnterprise, Frequencies: "monthly,annual",
			MonthlyPrice: 800, AnnualPrice: 9600, MinQuantity: 1, MaxQuantity: 300, BaseOfferID: demo.ID("offer:m365-e3")},
		{ID: demo.ID("offer:m365-business-standard"), Tab: catalog.TabOnline, Name: "Microsoft 365 Business Standard", Publisher: catalog.PublisherMicrosoft,
			BillingType: catalog.BillingLicense, Category: catalog.CategorySmallBiz, Frequencies: "monthly,annual",
			MonthlyPrice: 1250, AnnualPrice: 15000, MinQuantity: 1, MaxQuantity: 300},
	}
	if err := app.DB.Clauses(clause.OnConflict{DoNothing: true}).Create(&offers).Error; err != nil {
		t.Fatal(err)
	}
	out := map[string]catalog.Offer{}
	for _, slug := range []string{"m365-e3", "teams-phone-system", "m365-business-standard"} {
		var o catalog.Offer
		if err := app.DB.Where("id = ?", demo.ID("offer:"+slug)).Take(&o).Error; err != nil {
			t.Fatal(err)
		}
		out[slug] = o
	}
	return out
}

func subEntries(t *testing.T, app *webtest.App, id, action string) []activity.Entry {
	t.Helper()
	var es []activity.Entry
	if err := app.DB.Where("resource_id = ? AND action = ?", id, action).Order("at, id").Find(&es).Error; err != nil {
		t.Fatal(err)
	}
	return es
}

func subLines(t *testing.T, app *webtest.App, id, reason string) []billing.Line {
	t.Helper()
	var ls []billing.Line
	if err := app.DB.Where("resource_id = ? AND reason = ?", id, reason).Order("at, id").Find(&ls).Error; err != nil {
		t.Fatal(err)
	}
	return ls
}

// state reads an entry's before or after.
func subState(t *testing.T, raw string) subscriptions.State {
	t.Helper()
	var s subscriptions.State
	if err := json.Unmarshal([]byte(raw), &s); err != nil {
		t.Fatalf("entry state %q: %v", raw, err)
	}
	return s
}

// SUB-1, SUB-6: the detail shows the offer, licenses, frequency, status,
// term, auto-renew, trial end, order ID with its link, and the date-time (UTC)
// until which immediate cancellation is possible; a sales agent sees the
// actions, a helpdesk agent none.
func TestSubscriptionDetail_SUB1(t *testing.T) {
	t.Parallel()
	app := webtest.New(t)
	s := subLoad(t, app, subAlpine)
	r := app.SignedIn(subSales).Get(subPath(subAlpine)).Expect(t, http.StatusOK)
	if got := r.Text("#prop-offer"); got != s.OfferName {
		t.Errorf("offer %q", got)
	}
	if got := r.Text("#prop-quantity"); got != "25" {
		t.Errorf("licenses %q", got)
	}
	// Bought Nov 19 13:00: the first term runs to the end of November, and
	// the page names its last day.
	if got := r.Text("#prop-term"); got != "Nov 19, 2026 – Nov 30, 2026" {
		t.Errorf("term %q", got)
	}
	if href, _ := r.Doc.Find("#order-link").Attr("href"); href != "/orders/"+s.OrderID {
		t.Errorf("order link %q", href)
	}
	deadline := s.PurchasedAt.Add(24*time.Hour).Format("Jan 2, 2006, 15:04") + " UTC"
	if got := r.Text("#prop-cancel-until"); got != deadline {
		t.Errorf("cancellation deadline %q, want %q", got, deadline)
	}
	if !strings.Contains(r.Text("#window-notice"), deadline) {
		t.Errorf("window notice %q", r.Text("#window-notice"))
	}
	for _, sel := range []string{"#quantity-form", "#suspend", "#cancel", "#auto-renew-toggle"} {
		if r.Count(sel) != 1 {
			t.Errorf("sales agent: %s missing", sel)
		}
	}
	h := app.SignedIn("helpdesk@contoso.example").Get(subPath(subAlpine)).Expect(t, http.StatusOK)
	if h.Count("#quantity-form, #suspend, #cancel, #auto-renew-toggle") != 0 || h.Count("#no-actions") != 1 {
		t.Error("helpdesk agent sees actions")
	}
	// French: the same deadline, written the French way, still in UTC.
	fr := app.SignedIn(subSales)
	fr.Lang = "fr"
	if got := fr.Get(subPath(subAlpine)).Text("#prop-cancel-until"); !strings.HasSuffix(got, "UTC") || !strings.Contains(got, " à ") {
		t.Errorf("French deadline %q", got)
	}
}

// CUST-3, CUST-4: the Subscriptions tab lists the customer's subscriptions,
// add-ons and those bought directly marked as such.
func TestCustomerSubscriptionsTab_CUST4(t *testing.T) {
	t.Parallel()
	app := webtest.New(t)
	r := app.SignedIn("helpdesk@contoso.example").Get("/customers/"+demo.ID("customer:adatum.com")+"/subscriptions").Expect(t, http.StatusOK)
	direct := r.Doc.Find("#sub-" + demo.ID("subscription:"+subAdatumDirect))
	if direct.Length() != 1 || !strings.Contains(direct.Text(), "Bought directly") {
		t.Fatalf("bought-directly row: %q", direct.Text())
	}
	addon := r.Doc.Find("#sub-" + demo.ID("subscription:adatum-teams-phone"))
	if !strings.Contains(addon.Text(), "Add-on of") {
		t.Errorf("add-on row %q", addon.Text())
	}
	if n := r.Count("#subscriptions tbody tr"); n < 3 {
		t.Errorf("%d rows", n)
	}
	d := app.SignedIn(subSales).Get(subPath(subAdatumDirect)).Expect(t, http.StatusOK)
	if d.Count("#direct-notice") != 1 || d.Count("#quantity-form, #suspend, #cancel") != 0 {
		t.Error("a directly bought subscription offers actions")
	}
}

// SUB-2, SUB-10, BILL-1: a sales agent changes the license count; the
// increase is charged prorated on the open invoice, the decrease credited,
// each with an activity entry holding before and after.
func TestChangeQuantity_SUB2_SUB10_BILL1(t *testing.T) {
	t.Parallel()
	app := webtest.New(t)
	subSeedOffers(t, app)
	app.Clock.Advance(5 * 24 * time.Hour) // Nov 25: 6 of November's 30 days left in the term
	c := app.SignedIn(subSales)
	before := subLoad(t, app, subAdatumE3)
	// +10 licenses at 43.20 a month for Nov 25–30: 432.00 × 6/30.
	up := money.Cents(8640)
	if got := subscriptions.QuantityChangeAmount(before, 120, 130, app.Clock.Now()); got != up {
		t.Fatalf("rule gives %d for the increase, want %d", got, up)
	}
	c.Post(subPath(subAdatumE3, "quantity"), url.Values{"quantity": {"130"}}).Expect(t, http.StatusSeeOther)
	if got := subLoad(t, app, subAdatumE3).Quantity; got != 130 {
		t.Fatalf("quantity %d", got)
	}
	ls := subLines(t, app, before.ID, subscriptions.ReasonQuantityIncrease)
	if len(ls) != 1 || ls[0].Amount != up || up <= 0 || ls[0].Kind != billing.Charge {
		t.Fatalf("increase lines %+v, want one charge of %d", ls, up)
	}
	var inv billing.Invoice
	app.DB.Where("id = ?", ls[0].InvoiceID).Take(&inv)
	if start, _ := billing.PeriodOf(app.Clock.Now()); !inv.PeriodStart.Equal(start) || inv.Status != billing.Open {
		t.Errorf("line on invoice %+v, want the open one of the current period", inv)
	}
	c.Post(subPath(subAdatumE3, "quantity"), url.Values{"quantity": {"100"}}).Expect(t, http.StatusSeeOther)
	down := subLines(t, app, before.ID, subscriptions.ReasonQuantityDecrease)
	// -30 licenses for the same 6 days: 1,296.00 × 6/30.
	if len(down) != 1 || down[0].Amount != -25920 || down[0].Kind != billing.Credit {
		t.Fatalf("decrease lines %+v", down)
	}
	es := subEntries(t, app, before.ID, subscriptions.ActionQuantityChanged)
	if len(es) != 2 || es[0].ActorID != demo.ID("user:"+subSales) {
		t.Fatalf("entries %+v", es)
	}
	if b, a := subState(t, es[0].Before), subState(t, es[0].After); b.Quantity != 120 || a.Quantity != 130 {
		t.Errorf("before %d after %d", b.Quantity, a.Quantity)
	}
}

// SUB-2: a count outside the offer's limits, not a number, or unchanged is
// a 422 with the form and its error, and nothing changes.
func TestChangeQuantityBadInput_SUB2(t *testing.T) {
	t.Parallel()
	app := webtest.New(t)
	offers := subSeedOffers(t, app)
	c := app.SignedIn(subSales)
	max := offers["m365-e3"].MaxQuantity
	for _, v := range []string{"0", "-3", strconv.Itoa(max + 1), "ten", "", "2.5", "120"} {
		r := c.Post(subPath(subAdatumE3, "quantity"), url.Values{"quantity": {v}}).Expect(t, http.StatusUnprocessableEntity)
		if r.Count("#quantity-error") != 1 || r.Count("#form-errors") != 1 {
			t.Errorf("quantity %q: no field error shown", v)
		}
		if got, _ := r.Doc.Find("input#quantity").Attr("value"); got != v {
			t.Errorf("quantity %q: form shows %q", v, got)
		}
	}
	// The page shown again is the whole page, its history card too (for a
	// user who may read the activity log).
	admin := app.SignedIn("globaladmin@contoso.example")
	if r := admin.Post(subPath(subAdatumE3, "quantity"), url.Values{"quantity": {"0"}}).Expect(t, http.StatusUnprocessableEntity); r.Count("#history") != 1 {
		t.Error("the page shown again has no history card")
	}
	r := c.Post(subPath(subAdatumE3, "quantity"), url.Values{"quantity": {strconv.Itoa(max + 1)}}).Expect(t, http.StatusUnprocessableEntity)
	lo := offers["m365-e3"].MinQuantity
	if want := i18n.MustLoad().For("en").T("sub.quantity_range", i18n.Num(lo), i18n.Num(max)); strings.TrimSpace(r.Text("#quantity-error")) != want {
		t.Errorf("out of range: %q, want %q", r.Text("#quantity-error"), want)
	}
	if s := subLoad(t, app, subAdatumE3); s.Quantity != 120 {
		t.Fatalf("quantity changed to %d", s.Quantity)
	}
	if n := len(subEntries(t, app, demo.ID("subscription:"+subAdatumE3), subscriptions.ActionQuantityChanged)); n != 0 {
		t.Fatalf("%d entries", n)
	}
}

// SUB-3: add-on licenses are bought for a subscription whose offer has
// add-ons: a child subscription ending with its parent's term, charged
// prorated to the period's end.
func TestBuyAddOn_SUB3(t *testing.T) {
	t.Parallel()
	app := webtest.New(t)
	offers := subSeedOffers(t, app)
	c := app.SignedIn(subSales)
	parent := subLoad(t, app, subAdatumE3)
	page := c.Get(subPath(subAdatumE3)).Expect(t, http.StatusOK)
	if page.Count("#addon-form") != 1 {
		t.Fatal("no add-on form")
	}
	addon := offers["teams-phone-system"]
	c.Post(subPath(subAdatumE3, "addons"), url.Values{"offer_id": {"nope"}, "addon_quantity": {"5"}}).Expect(t, http.StatusUnprocessableEntity)
	c.Post(subPath(subAdatumE3, "addons"), url.Values{"offer_id": {addon.ID}, "addon_quantity": {"0"}}).Expect(t, http.StatusUnprocessableEntity)
	c.Post(subPath(subAdatumE3, "addons"), url.Values{"offer_id": {addon.ID}, "addon_quantity": {"5"}}).Expect(t, http.StatusSeeOther)
	var child subscriptions.Subscription
	if err := app.DB.Where("parent_id = ? AND offer_id = ? AND quantity = 5", parent.ID, addon.ID).Take(&child).Error; err != nil {
		t.Fatalf("add-on subscription: %v", err)
	}
	if !child.TermEnd.Equal(parent.TermEnd) || child.Status != subscriptions.Active {
		t.Errorf("add-on term end %v status %s", child.TermEnd, child.Status)
	}
	// 5 × 9.60 for Nov 20–30, 11 of November's 30 days: 48.00 × 11/30.
	want := money.Cents(1760)
	if addon.MonthlyPrice != 960 || !parent.TermEnd.Equal(time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)) {
		t.Fatalf("demo data: add-on price %d, parent's term end %v", addon.MonthlyPrice, parent.TermEnd)
	}
	ls := subLines(t, app, child.ID, subscriptions.ReasonAddOn)
	if len(ls) != 1 || ls[0].Amount != want {
		t.Fatalf("add-on lines %+v, want %d", ls, want)
	}
	if es := subEntries(t, app, parent.ID, subscriptions.ActionAddOnPurchased); len(es) != 1 || !strings.Contains(es[0].Details, "5 × "+addon.Name) {
		t.Errorf("add-on entries %+v", es)
	}
}

// SUB-4, SUB-5, SUB-10: suspend (confirmed) shows the data-deletion date;
// reactivate before it makes the subscription active again.
func TestSuspendAndReactivate_SUB4_SUB5(t *testing.T) {
	t.Parallel()
	app := webtest.New(t)
	c := app.SignedIn(subSales)
	s := subLoad(t, app, subAlpine)
	confirm := c.Get(subPath(subAlpine, "suspend")).Expect(t, http.StatusOK)
	// Alpine Ski House opened 720 days ago, first billed yesterday: capped
	// at 120 days.
	want := subscriptions.RetentionEnd(app.Clock.Now(), app.Clock.Now().AddDate(0, 0, -720), s.FirstBillingStart)
	if got := confirm.Text("#deletion-date"); !strings.Contains(got, want.Format("Jan 2, 2006")) {
		t.Fatalf("confirmation %q, want the date %s", got, want.Format("Jan 2, 2006"))
	}
	// Without the confirmation nothing happens.
	c.Post(subPath(subAlpine, "suspend"), nil).Expect(t, http.StatusUnprocessableEntity)
	if subLoad(t, app, subAlpine).Status != subscriptions.Active {
		t.Fatal("suspended without confirmation")
	}
	c.Post(subPath(subAlpine, "suspend"), url.Values{"confirm": {"yes"}}).Expect(t, http.StatusSeeOther)
	got := subLoad(t, app, subAlpine)
	if got.Status != subscriptions.Suspended || got.RetentionEnd == nil || !got.RetentionEnd.Equal(want) {
		t.Fatalf("after suspend: %s %v", got.Status, got.RetentionEnd)
	}
	page := c.Get(subPath(subAlpine)).Expect(t, http.StatusOK)
	if !strings.Contains(page.Text("#prop-deletion"), want.Format("Jan 2, 2006")) || page.Count("#reactivate") != 1 {
		t.Fatalf("suspended page: %q", page.Text("#prop-deletion"))
	}
	c.Post(subPath(subAlpine, "reactivate"), nil).Expect(t, http.StatusSeeOther)
	if got := subLoad(t, app, subAlpine); got.Status != subscriptions.Active || got.RetentionEnd != nil {
		t.Fatalf("after reactivate: %s", got.Status)
	}
	es := subEntries(t, app, s.ID, subscriptions.ActionSuspended)
	if len(es) != 1 || subState(t, es[0].Before).Status != "active" || subState(t, es[0].After).Status != "suspended" {
		t.Fatalf("suspend entries %+v", es)
	}
}

// SUB-5: after the retention end a suspended subscription cannot be
// reactivated, even before the engine deleted it; nothing changes.
func TestReactivateAfterRetentionRefused_SUB5(t *testing.T) {
	t.Parallel()
	app := webtest.New(t)
	s := subLoad(t, app, subNorthwind)
	app.Clock.Set(*s.RetentionEnd)
	r := app.SignedIn(subSales).Post(subPath(subNorthwind, "reactivate"), nil).Expect(t, http.StatusUnprocessableEntity)
	if !strings.Contains(r.Body, "can no longer be reactivated") {
		t.Errorf("refusal does not say why")
	}
	if got := subLoad(t, app, subNorthwind); got.Status != subscriptions.Suspended {
		t.Fatalf("status %s", got.Status)
	}
	app.Clock.Set(s.RetentionEnd.Add(-time.Second))
	app.SignedIn(subSales).Post(subPath(subNorthwind, "reactivate"), nil).Expect(t, http.StatusSeeOther)
}

// SUB-6, SUB-8, BILL-1: inside the window "Yes, cancel" cancels at once with
// the reason, and credits everything the term was charged on the next
// invoice.
func TestCancelInsideWindow_SUB6_SUB8(t *testing.T) {
	t.Parallel()
	app := webtest.New(t)
	c := app.SignedIn(subSales)
	s := subLoad(t, app, subAlpine)
	page := c.Get(subPath(subAlpine, "cancel")).Expect(t, http.StatusOK)
	if page.Text("#confirm-cancel") != "Yes, cancel" || page.Count("textarea#reason") != 1 {
		t.Fatal("no confirmation form with a reason")
	}
	// The demo bought it the day before (Nov 19) at the catalog's price: its
	// first term, Nov 19–30, was charged 25 × 15.00 × 12/30.
	charged := money.Cents(15000)
	if p := subLines(t, app, s.ID, "purchase"); len(p) != 1 || p[0].Amount != charged || subscriptions.TermCharge(s) != charged {
		t.Fatalf("purchase lines %+v, first term %d; want %d", p, subscriptions.TermCharge(s), charged)
	}
	if !strings.Contains(page.Text("#cancel-credit"), app.Bundle.For("en").Money(charged)) {
		t.Errorf("credit shown: %q", page.Text("#cancel-credit"))
	}
	c.Post(subPath(subAlpine, "cancel"), url.Values{"mode": {"immediate"}, "reason": {strings.Repeat("x", 501)}}).Expect(t, http.StatusUnprocessableEntity)
	app.Clock.Set(s.PurchasedAt.Add(24*time.Hour - time.Minute)) // 23h59m: still inside
	c = app.SignedIn(subSales)
	c.Post(subPath(subAlpine, "cancel"), url.Values{"mode": {"immediate"}, "reason": {"Ordered by mistake"}}).Expect(t, http.StatusSeeOther)
	got := subLoad(t, app, subAlpine)
	if got.Status != subscriptions.Cancelled || got.CancelledAt == nil || got.AutoRenew {
		t.Fatalf("after cancel: %+v", got)
	}
	credits := subLines(t, app, s.ID, subscriptions.ReasonCancellation)
	if len(credits) != 1 || credits[0].Amount != -charged {
		t.Fatalf("credit lines %+v, want %d", credits, -charged)
	}
	es := subEntries(t, app, s.ID, subscriptions.ActionCancelled)
	if len(es) != 1 || !strings.Contains(es[0].Details, "Ordered by mistake") {
		t.Fatalf("cancel entry %+v", es)
	}
	// Cancelled: every action is refused and nothing changes.
	for _, p := range []struct{ action, field, value string }{
		{"quantity", "quantity", "30"}, {"suspend", "confirm", "yes"}, {"cancel", "mode", "immediate"}, {"auto-renew", "auto_renew", "on"},
	} {
		c.Post(subPath(subAlpine, p.action), url.Values{p.field: {p.value}}).Expect(t, http.StatusUnprocessableEntity)
	}
	if after := subLoad(t, app, subAlpine); after.Status != subscriptions.Cancelled || after.Quantity != 25 {
		t.Fatalf("changed after cancellation: %+v", after)
	}
}

// SUB-6: at exactly 24 hours the window is closed: immediate cancel is
// refused, only "Cancel at renewal" is offered, which turns auto-renew off
// and can be undone until the term's end.
func TestCancelAfterWindow_SUB6(t *testing.T) {
	t.Parallel()
	app := webtest.New(t)
	s := subLoad(t, app, subAlpine)
	app.Clock.Set(s.PurchasedAt.Add(24 * time.Hour))
	c := app.SignedIn(subSales)
	c.Post(subPath(subAlpine, "cancel"), url.Values{"mode": {"immediate"}}).Expect(t, http.StatusUnprocessableEntity)
	if subLoad(t, app, subAlpine).Status != subscriptions.Active {
		t.Fatal("cancelled after the window")
	}
	page := c.Get(subPath(subAlpine, "cancel")).Expect(t, http.StatusOK)
	if !strings.Contains(page.Text("#confirm-cancel"), "Cancel at renewal") {
		t.Fatalf("after the window: %q", page.Text("#confirm-cancel"))
	}
	c.Post(subPath(subAlpine, "cancel"), url.Values{"mode": {"at_renewal"}}).Expect(t, http.StatusSeeOther)
	got := subLoad(t, app, subAlpine)
	if !got.CancelAtTermEnd || got.AutoRenew || got.Status != subscriptions.Active {
		t.Fatalf("scheduled: %+v", got)
	}
	if n := len(subLines(t, app, s.ID, subscriptions.ReasonCancellation)); n != 0 {
		t.Fatalf("%d credit lines for a scheduled cancellation", n)
	}
	detail := c.Get(subPath(subAlpine)).Expect(t, http.StatusOK)
	if detail.Count("#scheduled-notice #undo-cancel") != 1 {
		t.Fatal("no undo on a scheduled cancellation")
	}
	c.Post(subPath(subAlpine, "cancel"), url.Values{"mode": {"undo"}}).Expect(t, http.StatusSeeOther)
	if got := subLoad(t, app, subAlpine); got.CancelAtTermEnd || !got.AutoRenew {
		t.Fatalf("undo: %+v", got)
	}
	c.Post(subPath(subAlpine, "cancel"), url.Values{"mode": {"bogus"}}).Expect(t, http.StatusUnprocessableEntity)
	c.Post(subPath(subAlpine, "cancel"), nil).Expect(t, http.StatusUnprocessableEntity)
}

// SUB-6: the seeded scheduled cancellation can be undone until its term
// ends; at the term's end it cannot.
func TestUndoScheduledCancellation_SUB6(t *testing.T) {
	t.Parallel()
	app := webtest.New(t)
	s := subLoad(t, app, subWoodgrove)
	app.Clock.Set(s.TermEnd)
	c := app.SignedIn(subSales)
	c.Post(subPath(subWoodgrove, "cancel"), url.Values{"mode": {"undo"}}).Expect(t, http.StatusUnprocessableEntity)
	app.Clock.Set(s.TermEnd.Add(-time.Minute))
	c = app.SignedIn(subSales)
	c.Post(subPath(subWoodgrove, "cancel"), url.Values{"mode": {"undo"}}).Expect(t, http.StatusSeeOther)
	es := subEntries(t, app, s.ID, subscriptions.ActionCancellationUndone)
	if len(es) != 1 || !subState(t, es[0].Before).CancelAtTermEnd || subState(t, es[0].After).CancelAtTermEnd {
		t.Fatalf("undo entries %+v", es)
	}
}

// SUB-7: a usage-based subscription cannot be cancelled or refunded; it can
// be deprovisioned, with no credit.
func TestUsageBasedDeprovision_SUB7(t *testing.T) {
	t.Parallel()
	app := webtest.New(t)
	c := app.SignedIn(subSales)
	page := c.Get(subPath(subHumongous)).Expect(t, http.StatusOK)
	if page.Count("#deprovision") != 1 || page.Count("#cancel") != 0 {
		t.Fatal("usage-based: deprovision only")
	}
	r := c.Post(subPath(subHumongous, "cancel"), url.Values{"mode": {"immediate"}}).Expect(t, http.StatusUnprocessableEntity)
	if !strings.Contains(r.Body, "cannot be cancelled or refunded") {
		t.Error("refusal does not say why")
	}
	c.Post(subPath(subHumongous, "cancel"), url.Values{"mode": {"at_renewal"}}).Expect(t, http.StatusUnprocessableEntity)
	c.Post(subPath(subHumongous, "cancel"), url.Values{"mode": {"deprovision"}}).Expect(t, http.StatusSeeOther)
	s := subLoad(t, app, subHumongous)
	if s.Status != subscriptions.Cancelled {
		t.Fatalf("status %s", s.Status)
	}
	var n int64
	app.DB.Model(&billing.Line{}).Where("resource_id = ? AND amount < 0", s.ID).Count(&n)
	if n != 0 {
		t.Fatalf("%d credits for a deprovisioned subscription", n)
	}
}

// SUB-9: auto-renew is switched off and on, each change in the log.
func TestAutoRenew_SUB9(t *testing.T) {
	t.Parallel()
	app := webtest.New(t)
	c := app.SignedIn(subSales)
	c.Post(subPath(subAdatumE3, "auto-renew"), url.Values{"auto_renew": {"off"}}).Expect(t, http.StatusSeeOther)
	if subLoad(t, app, subAdatumE3).AutoRenew {
		t.Fatal("still on")
	}
	c.Post(subPath(subAdatumE3, "auto-renew"), url.Values{"auto_renew": {"maybe"}}).Expect(t, http.StatusUnprocessableEntity)
	c.Post(subPath(subAdatumE3, "auto-renew"), url.Values{"auto_renew": {"on"}}).Expect(t, http.StatusSeeOther)
	if !subLoad(t, app, subAdatumE3).AutoRenew {
		t.Fatal("still off")
	}
	if n := len(subEntries(t, app, demo.ID("subscription:"+subAdatumE3), subscriptions.ActionAutoRenewChanged)); n != 2 {
		t.Fatalf("%d entries", n)
	}
}

// CAT-12, BILL-1: "Convert to paid" turns a Microsoft trial into its paid
// offer at the offer's price, its term starting now and ending with the
// billing period, charged now prorated.
func TestConvertMicrosoftTrial_CAT12(t *testing.T) {
	t.Parallel()
	app := webtest.New(t)
	offers := subSeedOffers(t, app)
	c := app.SignedIn(subSales)
	page := c.Get(subPath(subRelecloud)).Expect(t, http.StatusOK)
	if page.Count("#convert") != 1 || page.Count("#quantity-form") != 0 {
		t.Fatal("a Microsoft trial offers Convert to paid and no license change")
	}
	// The page says what the conversion charges: the first term, Nov 20–30.
	if !strings.Contains(page.Body, "$396.00 for the first term") {
		t.Error("the conversion's first-term charge ($396.00) is not shown")
	}
	c.Post(subPath(subRelecloud, "convert"), nil).Expect(t, http.StatusSeeOther)
	s := subLoad(t, app, subRelecloud)
	paid := offers["m365-e3"]
	now := app.Clock.Now()
	dec1 := time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)
	if s.Status != subscriptions.Active || s.OfferID != paid.ID || s.UnitPrice != paid.MonthlyPrice || !s.TermStart.Equal(now) || !s.TermEnd.Equal(dec1) {
		t.Fatalf("converted: %+v", s)
	}
	// 25 × 43.20 for Nov 20–30, 11 of November's 30 days: 1,080.00 × 11/30.
	ls := subLines(t, app, s.ID, subscriptions.ReasonTrialConversion)
	if len(ls) != 1 || paid.MonthlyPrice != 4320 || ls[0].Amount != 39600 || !ls[0].At.Equal(now) {
		t.Fatalf("conversion lines %+v", ls)
	}
	c.Post(subPath(subRelecloud, "convert"), nil).Expect(t, http.StatusUnprocessableEntity)
}

// CUST-4: forged POSTs on a subscription the customer bought directly are
// 403 and change nothing.
func TestBoughtDirectlyForgedPosts_CUST4(t *testing.T) {
	t.Parallel()
	app := webtest.New(t)
	subSeedOffers(t, app)
	c := app.SignedIn("globaladmin@contoso.example")
	before := subLoad(t, app, subAdatumDirect)
	forged := map[string]url.Values{
		"quantity":   {"quantity": {"12"}},
		"addons":     {"offer_id": {demo.ID("offer:teams-phone-system")}, "addon_quantity": {"1"}},
		"suspend":    {"confirm": {"yes"}},
		"reactivate": nil,
		"cancel":     {"mode": {"immediate"}},
		"auto-renew": {"auto_renew": {"off"}},
		"convert":    nil,
	}
	for action, form := range forged {
		if r := c.Post(subPath(subAdatumDirect, action), form); r.Status != http.StatusForbidden {
			t.Errorf("%s: status %d, want 403", action, r.Status)
		}
	}
	c.Get(subPath(subAdatumDirect, "cancel")).Expect(t, http.StatusForbidden)
	c.Get(subPath(subAdatumDirect, "suspend")).Expect(t, http.StatusForbidden)
	after := subLoad(t, app, subAdatumDirect)
	if after.Status != before.Status || after.Quantity != before.Quantity || after.AutoRenew != before.AutoRenew {
		t.Fatalf("changed: %+v", after)
	}
	var n int64
	app.DB.Model(&activity.Entry{}).Where("resource_id = ?", before.ID).Count(&n)
	if n != 0 {
		t.Fatalf("%d entries", n)
	}
}

// SUB-5: a deleted subscription refuses every action (422) and nothing
// changes.
func TestDeletedRefusesActions_SUB5(t *testing.T) {
	t.Parallel()
	app := webtest.New(t)
	id := demo.ID("subscription:" + subNorthwind)
	app.DB.Model(&subscriptions.Subscription{}).Where("id = ?", id).Update("status", subscriptions.Deleted)
	c := app.SignedIn(subSales)
	for action, form := range map[string]url.Values{
		"quantity": {"quantity": {"10"}}, "suspend": {"confirm": {"yes"}}, "reactivate": nil,
		"cancel": {"mode": {"immediate"}}, "auto-renew": {"auto_renew": {"on"}}, "convert": nil,
	} {
		if r := c.Post(subPath(subNorthwind, action), form); r.Status != http.StatusUnprocessableEntity {
			t.Errorf("%s on a deleted subscription: %d, want 422", action, r.Status)
		}
	}
	if s := subLoad(t, app, subNorthwind); s.Status != subscriptions.Deleted || s.Quantity != 50 {
		t.Fatalf("changed: %+v", s)
	}
	if page := app.SignedIn(subSales).Get(subPath(subNorthwind)); page.Count("#no-actions") != 1 {
		t.Error("a deleted subscription offers actions")
	}
}

// AUTH-5: helpdesk and billing admins may view but not change
// subscriptions: every action answers 403 and changes nothing.
func TestSubscriptionActionsForbiddenRoles_AUTH5(t *testing.T) {
	t.Parallel()
	app := webtest.New(t)
	for _, email := range []string{"helpdesk@contoso.example", "billing@contoso.example"} {
		c := app.SignedIn(email)
		c.Get(subPath(subAlpine)).Expect(t, http.StatusOK)
		for _, action := range []string{"quantity", "addons", "suspend", "reactivate", "cancel", "auto-renew", "convert"} {
			if r := c.Post(subPath(subAlpine, action), url.Values{"quantity": {"30"}, "confirm": {"yes"}, "mode": {"immediate"}, "auto_renew": {"off"}}); r.Status != http.StatusForbidden {
				t.Errorf("%s %s: %d", email, action, r.Status)
			}
		}
	}
	if s := subLoad(t, app, subAlpine); s.Status != subscriptions.Active || s.Quantity != 25 || !s.AutoRenew {
		t.Fatalf("changed: %+v", s)
	}
}

// SUB-1..SUB-9: every state refusal's message exists in both languages.
func TestRefusalMessagesExist_SUB1(t *testing.T) {
	t.Parallel()
	app := webtest.New(t)
	for _, key := range []string{subscriptions.RefusedState, subscriptions.RefusedEnded, subscriptions.RefusedWindowClosed,
		subscriptions.RefusedRetentionEnded, subscriptions.RefusedUsage, subscriptions.RefusedPaidOffer, subscriptions.RefusedNoAddOns} {
		for _, lang := range []string{"en", "fr"} {
			if !app.Bundle.Has(lang, key) {
				t.Errorf("%s missing in %s", key, lang)
			}
		}
	}
	for _, action := range []string{subscriptions.ActionQuantityChanged, subscriptions.ActionAddOnPurchased, subscriptions.ActionSuspended,
		subscriptions.ActionReactivated, subscriptions.ActionCancelled, subscriptions.ActionCancellationScheduled,
		subscriptions.ActionCancellationUndone, subscriptions.ActionDeprovisioned, subscriptions.ActionAutoRenewChanged,
		subscriptions.ActionConverted, subscriptions.ActionTrialConverted, subscriptions.ActionTrialExpired,
		subscriptions.ActionRenewed, subscriptions.ActionEnded, subscriptions.ActionDeleted, demo.ActionClockMoved} {
		if !app.Bundle.Has("en", "activity.action."+action) || !app.Bundle.Has("fr", "activity.action."+action) {
			t.Errorf("no label for activity %s", action)
		}
	}
}

// SUB-1, SUB-6, PERF-2: a subscription's page body is written once for
// what it shows and each view writes its own form token into it. Viewed
// again, by the same session or another, the page is the same, token aside;
// the time of the view moving past the cancellation window, with nothing
// written, shows at once (no window notice, no immediate cancellation), and
// so does a write (the new license count).
func TestKeptSubscriptionPageFollowsTheClockAndWrites_SUB1_SUB6_PERF2(t *testing.T) {
	t.Parallel()
	app := webtest.New(t)
	one, two := app.SignedIn(subSales), app.SignedIn(subSales)
	body := func(c *webtest.Client) (string, *webtest.Response) {
		t.Helper()
		r := c.Get(subPath(subAlpine)).Expect(t, http.StatusOK)
		token, _ := r.Doc.Find(`meta[name="csrf-token"]`).Attr("content")
		html, err := r.Doc.Find("#main").Html()
		if err != nil || token == "" || !strings.Contains(html, `value="`+token+`"`) {
			t.Fatalf("no page body with the page's token %q: %v", token, err)
		}
		return strings.ReplaceAll(html, token, "TOKEN"), r
	}
	first, r := body(one)
	if r.Count("#window-notice") != 1 || r.Text("#prop-quantity") != "25" {
		t.Fatalf("the first view: window notice %d, licenses %q", r.Count("#window-notice"), r.Text("#prop-quantity"))
	}
	for _, c := range []*webtest.Client{two, one, two} {
		if again, _ := body(c); again != first {
			t.Fatalf("viewed again the page differs:\n%s\n---\n%s", first, again)
		}
	}
	// A day later the window (24 hours from the purchase, 20 hours ago)
	// has closed; nothing was written meanwhile.
	app.DemoClock().SetDays(1)
	later, r := body(one)
	if later == first || r.Count("#window-notice") != 0 {
		t.Errorf("a day later the page still shows the cancellation window: %d notices", r.Count("#window-notice"))
	}
	app.DemoClock().SetDays(0)
	if again, _ := body(two); again != first {
		t.Errorf("back within the window the page differs from its first view")
	}
	two.Post(subPath(subAlpine, "quantity"), url.Values{"quantity": {"30"}}).Expect(t, http.StatusSeeOther)
	if _, r := body(one); r.Text("#prop-quantity") != "30" {
		t.Errorf("after the change the page shows %q licenses", r.Text("#prop-quantity"))
	}
}
