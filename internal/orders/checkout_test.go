package orders_test

import (
	"context"
	"errors"
	"strconv"
	"sync"
	"testing"

	"portal/internal/activity"
	"portal/internal/billing"
	"portal/internal/catalog"
	"portal/internal/demo"
	"portal/internal/orders"
	"portal/internal/perm"
	"portal/internal/platform/apperr"
	"portal/internal/reservations"
	"portal/internal/software"
	"portal/internal/subscriptions"
	"portal/internal/testkit"
)

func store(app *testkit.App) *orders.Store {
	return &orders.Store{DB: app.DB, Clock: app.Clock, Activity: activity.Recorder{DB: app.DB}, Markets: catalog.MustUnavailableMarkets()}
}

func buyer(roles ...perm.Role) orders.Buyer {
	return orders.Buyer{PartnerID: demo.ContosoID, Actor: activity.Actor{UserID: demo.ID("user:globaladmin@contoso.example"), Name: "Gloria Admin"}, Roles: roles}
}

func offer(slug string) string { return demo.ID("offer:" + slug) }

// CAT-8: of 20 concurrent checkouts of a one-per-customer offer for one
// customer, exactly one succeeds; the others are refused with the reason.
func TestConcurrentCheckoutsOfALimitedOffer_CAT8(t *testing.T) {
	app := testkit.New(t)
	s := store(app)
	cust := demo.ID("customer:adatum.com")
	const n = 20
	var wg sync.WaitGroup
	errs := make([]error, n)
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, errs[i] = s.Checkout(context.Background(), orders.Request{Buyer: buyer(perm.GlobalAdmin), CustomerID: cust,
				Key: "cat8-" + strconv.Itoa(i), Lines: []orders.RequestLine{{OfferID: offer("intune-suite"), Quantity: 10, Frequency: "monthly"}}})
		}()
	}
	wg.Wait()
	ok := 0
	for _, err := range errs {
		var le *orders.LineError
		switch {
		case err == nil:
			ok++
		case errors.As(err, &le) && le.Reason == catalog.ReasonOnePer && errors.Is(err, apperr.ErrConflict):
		default:
			t.Errorf("unexpected error: %v", err)
		}
	}
	var subs, ords int64
	app.DB.Model(&subscriptions.Subscription{}).Where("customer_id = ? AND offer_id = ?", cust, offer("intune-suite")).Count(&subs)
	app.DB.Model(&orders.Order{}).Where("checkout_key LIKE ?", "cat8-%").Count(&ords)
	if ok != 1 || subs != 1 || ords != 1 {
		t.Fatalf("%d checkouts succeeded, %d subscriptions, %d orders; want 1 each", ok, subs, ords)
	}
}

// CAT-7: a second checkout with the same key returns the first order and
// buys nothing.
func TestCheckoutKeyMakesOneOrder_CAT7(t *testing.T) {
	app := testkit.New(t)
	s := store(app)
	req := orders.Request{Buyer: buyer(perm.GlobalAdmin), CustomerID: demo.ID("customer:relecloud.com"), Key: "double",
		Lines: []orders.RequestLine{{OfferID: offer("m365-business-basic"), Quantity: 5, Frequency: "monthly"}}}
	first, err := s.Checkout(context.Background(), req)
	if err != nil || first.Existing {
		t.Fatalf("first: %+v %v", first, err)
	}
	second, err := s.Checkout(context.Background(), req)
	if err != nil || !second.Existing || second.Order.ID != first.Order.ID {
		t.Fatalf("second: %+v %v", second, err)
	}
	var subs int64
	app.DB.Model(&subscriptions.Subscription{}).Where("order_id = ?", first.Order.ID).Count(&subs)
	if subs != 1 {
		t.Fatalf("%d subscriptions", subs)
	}
}

// CAT-7, BILL-1: each line becomes its record, and the charges land on the
// customer's open invoice of the current period, in one order.
func TestCheckoutCreatesRecordsAndCharges_CAT7_BILL1(t *testing.T) {
	app := testkit.New(t)
	s := store(app)
	// A customer the demo seed bought nothing for: the demo's Relecloud
	// already holds the one-per-customer E3 trial.
	cust := demo.ID("customer:proseware.com")
	var held int64
	app.DB.Model(&subscriptions.Subscription{}).Where("customer_id = ?", cust).Count(&held)
	if held != 0 {
		t.Fatalf("the demo data gives the customer %d subscriptions; pick one without", held)
	}
	now := app.Clock.Now()
	res, err := s.Checkout(context.Background(), orders.Request{Buyer: buyer(perm.AdminAgent), CustomerID: cust, Key: "bill1",
		Lines: []orders.RequestLine{
			{OfferID: offer("m365-e3"), Quantity: 10, Frequency: "monthly"},
			{OfferID: offer("m365-e5"), Quantity: 2, Frequency: "annual"},
			{OfferID: offer("sql-server-2022-standard-3yr"), Quantity: 2},
			{OfferID: offer("azure-vm-d2s-v5-3yr"), Quantity: 3},
			{OfferID: offer("contoso-backup-saas"), Quantity: 7, Frequency: "monthly"},
			{OfferID: offer("m365-e3-trial"), Quantity: 1, Frequency: "monthly"},
		}})
	if err != nil {
		t.Fatal(err)
	}
	// Nov 20 of a 30-day month: 11 days left. E3 4320×10×11/30 = 15840;
	// E5 annual 68400×2; SQL 433800×2; reservation 107500×3; trials 0.
	want := int64(15840 + 136800 + 867600 + 322500)
	if int64(res.Order.Total) != want {
		t.Fatalf("total %d, want %d", res.Order.Total, want)
	}
	var lines []orders.Line
	app.DB.Where("order_id = ?", res.Order.ID).Find(&lines)
	if len(lines) != 6 {
		t.Fatalf("%d lines", len(lines))
	}
	var sw software.Purchase
	if err := app.DB.Where("order_id = ?", res.Order.ID).Take(&sw).Error; err != nil {
		t.Fatal(err)
	}
	if sw.Kind != catalog.SoftwareSubscription || sw.Price != 867600 || sw.TermEnd == nil || !sw.TermEnd.Equal(now.AddDate(3, 0, 0)) {
		t.Fatalf("software %+v", sw)
	}
	var ri reservations.Reservation
	if err := app.DB.Where("order_id = ?", res.Order.ID).Take(&ri).Error; err != nil {
		t.Fatal(err)
	}
	if ri.Scope != reservations.ScopeShared || ri.TermMonths != 36 || !ri.ExpiresAt.Equal(now.AddDate(0, 36, 0)) || ri.ReservationOrderID == "" || ri.Price != 322500 {
		t.Fatalf("reservation %+v", ri)
	}
	var trial subscriptions.Subscription
	app.DB.Where("order_id = ? AND offer_id = ?", res.Order.ID, offer("m365-e3-trial")).Take(&trial)
	if trial.Status != subscriptions.Trial || trial.Quantity != 25 || trial.AutoRenew || trial.PaidOfferID != offer("m365-e3") {
		t.Fatalf("CAT-12 trial %+v", trial)
	}
	var saas subscriptions.Subscription
	app.DB.Where("order_id = ? AND offer_id = ?", res.Order.ID, offer("contoso-backup-saas")).Take(&saas)
	if saas.Status != subscriptions.Trial || saas.TrialEnd == nil || !saas.TrialEnd.Equal(now.AddDate(0, 0, 30)) || !saas.TermStart.Equal(*saas.TrialEnd) {
		t.Fatalf("CAT-10 trial %+v", saas)
	}
	// BILL-1: the open invoice of November holds the four charges.
	inv, ok, err := (&billing.Store{DB: app.DB}).OpenInvoice(context.Background(), demo.ContosoID, cust, now)
	if err != nil || !ok {
		t.Fatalf("no open invoice: %v", err)
	}
	start, _ := billing.PeriodOf(now)
	if inv.Status != billing.Open || !inv.PeriodStart.Equal(start) {
		t.Fatalf("invoice %+v", inv)
	}
	var charged []billing.Line
	app.DB.Where("invoice_id = ? AND order_id = ?", inv.ID, res.Order.ID).Find(&charged)
	var sum int64
	for _, l := range charged {
		sum += int64(l.Amount)
		if l.Kind != billing.Charge || l.Reason != "purchase" {
			t.Errorf("line %+v", l)
		}
	}
	if len(charged) != 4 || sum != want {
		t.Fatalf("%d invoice lines summing to %d, want 4 summing to %d", len(charged), sum, want)
	}
	var entries int64
	app.DB.Model(&activity.Entry{}).Where("action = ? AND resource_id = ?", "order.placed", res.Order.ID).Count(&entries)
	if entries != 1 {
		t.Fatalf("%d order.placed entries", entries)
	}
}

// AUTH-5: a sales agent's order with a software line is refused whole.
func TestCheckoutChecksEachLinesRole_AUTH5(t *testing.T) {
	app := testkit.New(t)
	s := store(app)
	_, err := s.Checkout(context.Background(), orders.Request{Buyer: buyer(perm.SalesAgent), CustomerID: demo.ID("customer:relecloud.com"), Key: "sales",
		Lines: []orders.RequestLine{{OfferID: offer("m365-e3"), Quantity: 1, Frequency: "monthly"}, {OfferID: offer("windows-server-2022-standard"), Quantity: 1}}})
	if !errors.Is(err, apperr.ErrForbidden) {
		t.Fatalf("err %v", err)
	}
	var n int64
	app.DB.Model(&orders.Order{}).Where("checkout_key = ?", "sales").Count(&n)
	app.DB.Model(&subscriptions.Subscription{}).Where("customer_id = ? AND offer_id = ?", demo.ID("customer:relecloud.com"), offer("m365-e3")).Count(&n)
	if n != 0 {
		t.Fatal("something was bought")
	}
}

// AUTH-1, CAT-3: another partner's customer is not found; an offer exclusive
// to another partner is refused as unknown.
func TestCheckoutScopedByPartner_AUTH1_CAT3(t *testing.T) {
	app := testkit.New(t)
	s := store(app)
	_, err := s.Checkout(context.Background(), orders.Request{Buyer: buyer(perm.GlobalAdmin), CustomerID: demo.ID("customer:blueyonderairlines.com"), Key: "k1",
		Lines: []orders.RequestLine{{OfferID: offer("m365-e3"), Quantity: 1, Frequency: "monthly"}}})
	if !errors.Is(err, apperr.ErrNotFound) {
		t.Fatalf("other partner's customer: %v", err)
	}
	_, err = s.Checkout(context.Background(), orders.Request{Buyer: buyer(perm.GlobalAdmin), CustomerID: demo.ID("customer:relecloud.com"), Key: "k2",
		Lines: []orders.RequestLine{{OfferID: offer("tailspin-field-service"), Quantity: 1, Frequency: "monthly"}}})
	if !errors.Is(err, apperr.ErrNotFound) {
		t.Fatalf("hidden offer: %v", err)
	}
}

// The demo purchases are made once: seeding again changes nothing.
func TestDemoPurchasesAreIdempotent(t *testing.T) {
	app := testkit.New(t)
	count := func() (o, s, l int64) {
		app.DB.Model(&orders.Order{}).Count(&o)
		app.DB.Model(&subscriptions.Subscription{}).Count(&s)
		app.DB.Model(&billing.Line{}).Count(&l)
		return
	}
	o1, s1, l1 := count()
	if o1 < 20 || s1 < 20 {
		t.Fatalf("demo has %d orders, %d subscriptions", o1, s1)
	}
	if err := demo.Seed(context.Background(), app.DB, app.Clock); err != nil {
		t.Fatal(err)
	}
	if o2, s2, l2 := count(); o2 != o1 || s2 != s1 || l2 != l1 {
		t.Fatalf("seeding twice changed counts: %d/%d/%d → %d/%d/%d", o1, s1, l1, o2, s2, l2)
	}
	var offers int64
	app.DB.Model(&catalog.Offer{}).Count(&offers)
	if offers < 60 {
		t.Fatalf("%d offers", offers)
	}
	// The slugs other features' demo data name.
	for _, slug := range []string{"m365-business-basic", "m365-business-standard", "m365-e3", "m365-e5",
		"teams-audio-conferencing", "teams-phone-system", "defender-office-365-p1", "m365-e3-trial", "contoso-backup-saas",
		"windows-server-2022-standard", "sql-server-2022-standard-3yr", "windows-7-esu", "suse-linux-enterprise-server",
		"red-hat-enterprise-linux", "azure-vm-d2s-v5-1yr", "azure-vm-d2s-v5-3yr", "azure-sql-database-1yr", "azure-cosmos-db-1yr"} {
		var o catalog.Offer
		if err := app.DB.Where("id = ?", offer(slug)).Take(&o).Error; err != nil {
			t.Errorf("offer %s: %v", slug, err)
		}
	}
	// No reservation for a customer in an unavailable market (CAT-3).
	var ga int64
	app.DB.Model(&reservations.Reservation{}).Joins("JOIN customers ON customers.id = reservations.customer_id").Where("customers.country = ?", "GA").Count(&ga)
	if ga != 0 {
		t.Fatalf("%d reservations in GA", ga)
	}
}
