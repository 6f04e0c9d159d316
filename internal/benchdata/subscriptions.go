package benchdata

import (
	"fmt"
	"strings"
	"time"

	"portal/internal/billing"
	"portal/internal/catalog"
	"portal/internal/platform/money"
	"portal/internal/subscriptions"
)

// subscriptionsOf writes count subscriptions of one customer, grouped in
// orders of one to three, some with add-ons bought later, and the
// customer's monthly invoices.
func (gn *gen) subscriptionsOf(custID, custName string, opened time.Time, count int) error {
	r := gn.r
	var charges []charge
	for made := 0; made < count; {
		inOrder := min(1+r.IntN(3), count-made)
		addOns := 0
		user := gn.users[r.IntN(len(gn.users))]
		at := opened.Add(time.Duration(r.Int64N(int64(gn.now.Sub(opened)))))
		orderID := gn.id('d')
		var total money.Cents
		for range inOrder {
			s := gn.subscription(custID, orderID, at)
			amount := subscriptions.TermAmount(s.UnitPrice*money.Cents(s.Quantity), s.Frequency, at, subscriptions.FirstTermEnd(at, s.Frequency))
			total += amount
			if err := gn.writeSub(s); err != nil {
				return err
			}
			if err := gn.l.add(gn.tOrderLine, gn.id('e'), orderID, s.OfferID, s.OfferName, s.Quantity, s.Frequency,
				s.UnitPrice, amount, "subscription", s.ID); err != nil {
				return err
			}
			gn.rep.OrderLines++
			charges = append(charges, charge{at: at, amount: amount, orderID: orderID, sub: s, reason: "purchase"})
			if refs := gn.subsOf[custID]; len(refs) < 4 {
				gn.subsOf[custID] = append(refs, subRef{s.ID, s.OfferName})
			}
			if made+inOrder+addOns < count {
				if a, ok := gn.addOn(s); ok {
					if err := gn.writeSub(a.sub); err != nil {
						return err
					}
					charges = append(charges, a)
					addOns++
				}
			}
		}
		if err := gn.l.add(gn.tOrder, orderID, gn.partner, custID, user.ID, user.Name,
			fmt.Sprintf("%016x%016x%016x%016x", r.Uint64(), r.Uint64(), r.Uint64(), r.Uint64()), total, at); err != nil {
			return err
		}
		gn.rep.Orders++
		made += inOrder + addOns
	}
	return gn.invoices(custID, charges)
}

type charge struct {
	at      time.Time
	amount  money.Cents
	orderID string
	sub     subscriptions.Subscription
	reason  string
}

// subscription makes one subscription bought at at, rolled forward to now:
// most active with a current term, the rest suspended, cancelled, deleted,
// expired or in trial, a few with a cancellation scheduled.
func (gn *gen) subscription(custID, orderID string, at time.Time) subscriptions.Subscription {
	r := gn.r
	o := gn.offers[r.IntN(len(gn.offers))]
	freq := catalog.Monthly
	if strings.Contains(o.Frequencies, catalog.Annual) && (!strings.Contains(o.Frequencies, catalog.Monthly) || r.IntN(3) == 0) {
		freq = catalog.Annual
	}
	qty := o.MinQuantity + r.IntN(max(min(o.MaxQuantity, 60)-o.MinQuantity, 0)+1)
	s := subscriptions.Subscription{ID: gn.id('b'), PartnerID: gn.partner, CustomerID: custID, OfferID: o.ID, OfferName: o.Name,
		OrderID: orderID, Quantity: qty, Frequency: freq, BillingType: o.BillingType, UnitPrice: o.PriceFor(freq),
		Status: subscriptions.Active, AutoRenew: r.IntN(10) != 0, PurchasedAt: at, FirstBillingStart: at, CreatedAt: at}
	// The term that holds now, or the last one before.
	start, end := at, subscriptions.FirstTermEnd(at, freq)
	for !end.After(gn.now) {
		start, end = subscriptions.NextTerm(end, freq)
	}
	s.TermStart, s.TermEnd = start, end
	switch p := r.IntN(1000); {
	case p < 50: // suspended, data kept for 90 days from the suspension
		sus := gn.now.Add(-time.Duration(r.IntN(80*24)) * time.Hour)
		ret := sus.AddDate(0, 0, 90)
		s.Status, s.SuspendedAt, s.RetentionEnd = subscriptions.Suspended, &sus, &ret
	case p < 120:
		c := start.Add(time.Duration(r.Int64N(int64(gn.now.Sub(start)) + 1)))
		s.Status, s.CancelledAt, s.AutoRenew = subscriptions.Cancelled, &c, false
	case p < 150:
		sus := gn.now.AddDate(0, 0, -100-r.IntN(200))
		ret := sus.AddDate(0, 0, 90)
		s.Status, s.SuspendedAt, s.RetentionEnd = subscriptions.Deleted, &sus, &ret
	case p < 180:
		s.Status, s.AutoRenew, s.TermEnd = subscriptions.Expired, false, start
	case p < 195:
		end := gn.now.AddDate(0, 0, 1+r.IntN(30))
		s.Status, s.TrialEnd, s.UnitPrice = subscriptions.Trial, &end, 0
	case p < 211: // a cancellation scheduled at the end of the term
		s.CancelAtTermEnd, s.AutoRenew = true, false
	}
	return s
}

// addOn returns, for one active subscription in three whose offer has
// add-ons, add-on licenses bought since its current term began (SUB-3), as
// the subscription's page buys them, with their charge.
func (gn *gen) addOn(parent subscriptions.Subscription) (charge, bool) {
	offers := gn.addOns[parent.OfferID]
	if len(offers) == 0 || parent.Status != subscriptions.Active || parent.CancelAtTermEnd || gn.r.IntN(3) != 0 {
		return charge{}, false
	}
	r := gn.r
	o := offers[r.IntN(len(offers))]
	at := parent.TermStart.Add(time.Duration(r.Int64N(int64(gn.now.Sub(parent.TermStart)) + 1)))
	qty := o.MinQuantity + r.IntN(max(min(o.MaxQuantity, 20)-o.MinQuantity, 0)+1)
	price := o.PriceFor(parent.Frequency)
	start, end, amount := subscriptions.AddOnTerm(parent, price, qty, at)
	a := subscriptions.Subscription{ID: gn.id('b'), PartnerID: gn.partner, CustomerID: parent.CustomerID, OfferID: o.ID,
		OfferName: o.Name, Quantity: qty, Frequency: parent.Frequency, BillingType: o.BillingType, UnitPrice: price,
		Status: subscriptions.Active, TermStart: start, TermEnd: end, AutoRenew: true, PurchasedAt: at,
		FirstBillingStart: at, ParentID: parent.ID, CreatedAt: at}
	return charge{at: at, amount: amount, sub: a, reason: subscriptions.ReasonAddOn}, true
}

func (gn *gen) writeSub(s subscriptions.Subscription) error {
	gn.rep.Subscriptions++
	return gn.l.add(gn.tSub, s.ID, s.PartnerID, s.CustomerID, s.OfferID, s.OfferName, s.OrderID, s.Quantity, s.Frequency,
		s.BillingType, s.UnitPrice, s.Status, s.TermStart, s.TermEnd, s.AutoRenew, nullTime(s.TrialEnd), s.PaidOfferID,
		s.PurchasedAt, s.FirstBillingStart, nullTime(s.SuspendedAt), nullTime(s.RetentionEnd), s.CancelAtTermEnd,
		nullTime(s.CancelledAt), s.BoughtDirectly, s.ParentID, s.CreatedAt)
}

func nullTime(t *time.Time) any {
	if t == nil {
		return nil
	}
	return *t
}

// invoices writes one invoice per month in which the customer was charged,
// over its last months: issued for past months, open for this one. A
// month's renewals are charged on its first day.
func (gn *gen) invoices(custID string, purchases []charge) error {
	r := gn.r
	months := 1 + r.IntN(11)
	cur, _ := billing.PeriodOf(gn.now)
	for m := months - 1; m >= 0; m-- {
		start := cur.AddDate(0, -m, 0)
		_, end := billing.PeriodOf(start)
		var lines []charge
		for _, p := range purchases {
			if !p.at.Before(start) && p.at.Before(end) {
				lines = append(lines, p)
			}
		}
		if len(lines) == 0 && len(purchases) > 0 {
			// A renewal of one of the customer's subscriptions.
			p := purchases[r.IntN(len(purchases))]
			lines = append(lines, charge{at: start, amount: p.sub.UnitPrice * money.Cents(p.sub.Quantity), sub: p.sub, reason: "renewal"})
		}
		invID := gn.id('a')
		var total money.Cents
		for _, c := range lines {
			total += c.amount
			if err := gn.l.add(gn.tInvLine, gn.id('f'), invID, gn.partner, custID, c.at, billing.Charge, c.reason,
				c.sub.OfferName, c.orderID, "subscription", c.sub.ID, c.sub.Quantity, c.amount); err != nil {
				return err
			}
			gn.rep.InvoiceLines++
		}
		status, issued := billing.Issued, any(end)
		if m == 0 {
			status, issued = billing.Open, nil
		}
		if err := gn.l.add(gn.tInv, invID, gn.partner, custID, start, end, status, total, issued); err != nil {
			return err
		}
		gn.rep.Invoices++
	}
	return nil
}
