package lifecycle_test

import (
	"context"
	"testing"
	"time"

	"portal/internal/activity"
	"portal/internal/billing"
	"portal/internal/catalog"
	"portal/internal/demo"
	"portal/internal/orders"
	"portal/internal/perm"
	"portal/internal/platform/money"
	"portal/internal/subscriptions"
	"portal/internal/testkit"
)

func utc(s string) time.Time {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		panic(err)
	}
	return t
}

// billed is one invoice line of the walkthrough: when, the period of the
// invoice it landed on, its reason and amount, and the term it pays for.
type billed struct {
	at, period string
	reason     string
	amount     money.Cents
	termEnd    string
}

// CAT-7, SUB-9, BILL-1, LIFE-1: one monthly subscription followed from the
// checkout through three renewals by the engine. Every invoice line, its
// date, invoice and cents, is the rule's: the purchase pays from its day to
// the end of the month, each renewal a whole calendar month on that month's
// invoice, so the terms cover every day from the purchase once.
func TestMonthlyTermsBillEveryDayOnce_CAT7_SUB9_BILL1_LIFE1(t *testing.T) {
	// Microsoft 365 E3, 10 licenses at 43.20 a month: 432.00 a month.
	cases := []struct {
		name   string
		bought string
		want   []billed
	}{
		{"bought on Nov 20: 11 of November's 30 days, then December, January, February", "2026-11-20T09:00:00Z", []billed{
			{"2026-11-20T09:00:00Z", "2026-11-01", "purchase", 15840, "2026-12-01T00:00:00Z"},
			{"2026-12-01T00:00:00Z", "2026-12-01", subscriptions.ReasonRenewal, 43200, "2027-01-01T00:00:00Z"},
			{"2027-01-01T00:00:00Z", "2027-01-01", subscriptions.ReasonRenewal, 43200, "2027-02-01T00:00:00Z"},
			{"2027-02-01T00:00:00Z", "2027-02-01", subscriptions.ReasonRenewal, 43200, "2027-03-01T00:00:00Z"},
		}},
		{"bought on Jan 31: 1 of January's 31 days, then February (28 days), March, April", "2027-01-31T15:30:00Z", []billed{
			{"2027-01-31T15:30:00Z", "2027-01-01", "purchase", 1394, "2027-02-01T00:00:00Z"}, // 43200 / 31 = 1393.55
			{"2027-02-01T00:00:00Z", "2027-02-01", subscriptions.ReasonRenewal, 43200, "2027-03-01T00:00:00Z"},
			{"2027-03-01T00:00:00Z", "2027-03-01", subscriptions.ReasonRenewal, 43200, "2027-04-01T00:00:00Z"},
			{"2027-04-01T00:00:00Z", "2027-04-01", subscriptions.ReasonRenewal, 43200, "2027-05-01T00:00:00Z"},
		}},
		{"bought on the 1st of a leap February: the whole month, then March, April, May", "2028-02-01T10:00:00Z", []billed{
			{"2028-02-01T10:00:00Z", "2028-02-01", "purchase", 43200, "2028-03-01T00:00:00Z"},
			{"2028-03-01T00:00:00Z", "2028-03-01", subscriptions.ReasonRenewal, 43200, "2028-04-01T00:00:00Z"},
			{"2028-04-01T00:00:00Z", "2028-04-01", subscriptions.ReasonRenewal, 43200, "2028-05-01T00:00:00Z"},
			{"2028-05-01T00:00:00Z", "2028-05-01", subscriptions.ReasonRenewal, 43200, "2028-06-01T00:00:00Z"},
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			app := testkit.New(t)
			ctx := context.Background()
			cust := demo.ID("customer:proseware.com")
			bought := utc(c.bought)
			app.Clock.Set(bought)
			shop := &orders.Store{DB: app.DB, Clock: app.Clock, Activity: activity.Recorder{DB: app.DB}, Markets: catalog.MustUnavailableMarkets()}
			res, err := shop.Checkout(ctx, orders.Request{
				Buyer:      orders.Buyer{PartnerID: demo.ContosoID, Actor: activity.Actor{UserID: demo.ID("user:globaladmin@contoso.example"), Name: "Gloria Admin"}, Roles: []perm.Role{perm.GlobalAdmin}},
				CustomerID: cust, Key: "terms-" + c.bought,
				Lines: []orders.RequestLine{{OfferID: demo.ID("offer:m365-e3"), Quantity: 10, Frequency: "monthly"}},
			})
			if err != nil {
				t.Fatal(err)
			}
			var sub subscriptions.Subscription
			if err := app.DB.Where("order_id = ?", res.Order.ID).Take(&sub).Error; err != nil {
				t.Fatal(err)
			}
			if sub.UnitPrice != 4320 || sub.Quantity != 10 {
				t.Fatalf("subscription %d × %d, the walkthrough expects 10 × 4320", sub.Quantity, sub.UnitPrice)
			}
			// The checkout charged exactly what the first term costs.
			if res.Order.Total != subscriptions.TermCharge(sub) {
				t.Fatalf("checkout charged %d, the first term costs %d", res.Order.Total, subscriptions.TermCharge(sub))
			}
			terms := []subscriptions.Subscription{sub}
			for range 3 {
				app.Clock.Set(sub.TermEnd)
				run(t, app)
				sub = reload(t, app, sub.ID)
				terms = append(terms, sub)
			}

			var got []billing.Line
			app.DB.Where("resource_id = ?", sub.ID).Order("at, id").Find(&got)
			if len(got) != len(c.want) {
				t.Fatalf("%d invoice lines, want %d: %+v", len(got), len(c.want), got)
			}
			for i, w := range c.want {
				l, term := got[i], terms[i]
				var inv billing.Invoice
				app.DB.Where("id = ?", l.InvoiceID).Take(&inv)
				if !l.At.Equal(utc(w.at)) || inv.PeriodStart.Format("2006-01-02") != w.period || l.Reason != w.reason || l.Amount != w.amount {
					t.Errorf("line %d: %s %s on %s invoice, %d; want %s %s on %s invoice, %d",
						i, l.At.Format(time.RFC3339), l.Reason, inv.PeriodStart.Format("2006-01-02"), l.Amount, w.at, w.reason, w.period, w.amount)
				}
				// The line pays for the term that started when it was posted.
				if !term.TermStart.Equal(l.At) || !term.TermEnd.Equal(utc(w.termEnd)) || subscriptions.TermCharge(term) != l.Amount {
					t.Errorf("line %d pays %d for term %v..%v (TermCharge %d), want ..%s",
						i, l.Amount, term.TermStart, term.TermEnd, subscriptions.TermCharge(term), w.termEnd)
				}
			}
			// No day missed or billed twice: each term starts when the one
			// before ends, and the terms' days add up to the calendar days
			// from the purchase's date to the last term's end.
			days := 0
			for i, term := range terms {
				if i > 0 && !term.TermStart.Equal(terms[i-1].TermEnd) {
					t.Errorf("term %d starts %v, the one before ended %v", i, term.TermStart, terms[i-1].TermEnd)
				}
				d, _ := subscriptions.MonthDays(term.TermStart, term.TermEnd)
				days += d
			}
			firstDay := time.Date(bought.Year(), bought.Month(), bought.Day(), 0, 0, 0, 0, time.UTC)
			if want := int(sub.TermEnd.Sub(firstDay) / (24 * time.Hour)); days != want {
				t.Errorf("terms cover %d days, the calendar %d", days, want)
			}
		})
	}
}

// SUB-6, BILL-1: the full credit of an immediate cancellation is what the
// subscription was charged. Bought on Nov 20 it is the first term's charge;
// bought on a month's last evening, the renewal at midnight falls inside the
// 24-hour window and the credit covers the purchase's day and the renewal.
func TestCancelCreditCoversTheFirstTerm_SUB6(t *testing.T) {
	cases := []struct {
		name     string
		bought   string
		cancelAt string
		lines    []money.Cents
	}{
		{"bought Nov 20, cancelled the same day", "2026-11-20T09:00:00Z", "2026-11-20T18:00:00Z", []money.Cents{15840}},
		{"bought Nov 30 20:00, renewed at midnight, cancelled Dec 1 10:00", "2026-11-30T20:00:00Z", "2026-12-01T10:00:00Z", []money.Cents{1440, 43200}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			app := testkit.New(t)
			ctx := context.Background()
			app.Clock.Set(utc(c.bought))
			shop := &orders.Store{DB: app.DB, Clock: app.Clock, Activity: activity.Recorder{DB: app.DB}, Markets: catalog.MustUnavailableMarkets()}
			res, err := shop.Checkout(ctx, orders.Request{
				Buyer:      orders.Buyer{PartnerID: demo.ContosoID, Actor: activity.Actor{UserID: demo.ID("user:globaladmin@contoso.example"), Name: "Gloria Admin"}, Roles: []perm.Role{perm.GlobalAdmin}},
				CustomerID: demo.ID("customer:proseware.com"), Key: "credit-" + c.bought,
				Lines: []orders.RequestLine{{OfferID: demo.ID("offer:m365-e3"), Quantity: 10, Frequency: "monthly"}},
			})
			if err != nil {
				t.Fatal(err)
			}
			var sub subscriptions.Subscription
			if err := app.DB.Where("order_id = ?", res.Order.ID).Take(&sub).Error; err != nil {
				t.Fatal(err)
			}
			app.Clock.Set(utc(c.cancelAt))
			run(t, app)
			var charged []billing.Line
			app.DB.Where("resource_id = ?", sub.ID).Order("at, id").Find(&charged)
			var total money.Cents
			for i, l := range charged {
				if i >= len(c.lines) || l.Amount != c.lines[i] {
					t.Fatalf("charges %+v, want %v", charged, c.lines)
				}
				total += l.Amount
			}
			if len(charged) != len(c.lines) {
				t.Fatalf("%d charges, want %d", len(charged), len(c.lines))
			}
			store := &subscriptions.Store{DB: app.DB, Clock: app.Clock, Activity: activity.Recorder{DB: app.DB}, Ledger: billing.Ledger{DB: app.DB}}
			if credit, err := store.CancelCreditOf(ctx, demo.ContosoID, sub.ID); err != nil || credit != -total {
				t.Fatalf("credit shown %d (%v), want %d", credit, err, -total)
			}
			if _, err := store.CancelNow(ctx, demo.ContosoID, activity.System, sub.ID, ""); err != nil {
				t.Fatal(err)
			}
			var credits []billing.Line
			app.DB.Where("resource_id = ? AND reason = ?", sub.ID, subscriptions.ReasonCancellation).Find(&credits)
			if len(credits) != 1 || credits[0].Amount != -total {
				t.Fatalf("credit lines %+v, want one of %d", credits, -total)
			}
		})
	}
}
