package demo

import (
	"context"
	"fmt"
	"sort"
	"time"

	"gorm.io/gorm"

	"portal/internal/activity"
	"portal/internal/billing"
	"portal/internal/catalog"
	"portal/internal/lifecycle"
	"portal/internal/orders"
	"portal/internal/perm"
	"portal/internal/platform/clock"
	"portal/internal/reservations"
	"portal/internal/subscriptions"
	"portal/internal/support"
)

// history replays the demo partners' past year (DEMO-1) through the
// operations the pages use, each at its own time on a clock of its own: the
// checkout, the subscription changes, the reservation refund, and the
// lifecycle engine at every month's start, so every purchase, renewal,
// change and refund has its activity entries and invoice lines, and each
// billing period is issued when it ends.
type history struct {
	clk    *clock.Manual
	orders *orders.Store
	subs   *subscriptions.Store
	res    *reservations.Store
	engine *lifecycle.Engine
	// ran is the time the engine last ran at.
	ran time.Time
}

// event is one thing a demo partner did, at a time.
type event struct {
	at  time.Time
	run func(ctx context.Context, h *history) error
}

func newHistory(tx *gorm.DB, start time.Time) *history {
	clk := clock.NewManual(start)
	rec := activity.Recorder{DB: tx}
	return &history{
		clk:    clk,
		orders: &orders.Store{DB: tx, Clock: clk, Activity: rec, Markets: catalog.MustUnavailableMarkets()},
		subs:   &subscriptions.Store{DB: tx, Clock: clk, Activity: rec, Ledger: billing.Ledger{DB: tx}},
		res:    &reservations.Store{DB: tx, Clock: clk, Activity: rec, Support: &support.Store{DB: tx, Clock: clk, Activity: rec}},
		engine: &lifecycle.Engine{DB: tx, Clock: clk, Activity: rec},
		ran:    start,
	}
}

// replay runs the events in time order, the lifecycle engine at the start of
// every month they cross (month by month, not day by day: the engine applies
// each missed step dated when it happened), and finally the engine at now.
func (h *history) replay(ctx context.Context, events []event, now time.Time) error {
	sort.SliceStable(events, func(i, j int) bool { return events[i].at.Before(events[j].at) })
	for _, ev := range events {
		if err := h.runEngineUntil(ctx, ev.at); err != nil {
			return err
		}
		h.clk.Set(ev.at)
		if err := ev.run(ctx, h); err != nil {
			return fmt.Errorf("at %s: %w", ev.at.Format(time.DateTime), err)
		}
	}
	if err := h.runEngineUntil(ctx, now); err != nil {
		return err
	}
	h.clk.Set(now)
	_, err := h.engine.Run(ctx)
	return err
}

// runEngineUntil runs the engine at the start of each month after the last
// run up to t.
func (h *history) runEngineUntil(ctx context.Context, t time.Time) error {
	y, m, _ := h.ran.Date()
	next := time.Date(y, m+1, 1, 0, 0, 0, 0, time.UTC)
	for !next.After(t) {
		h.clk.Set(next)
		if _, err := h.engine.Run(ctx); err != nil {
			return fmt.Errorf("lifecycle at %s: %w", next.Format(time.DateOnly), err)
		}
		h.ran = next
		next = next.AddDate(0, 1, 0)
	}
	return nil
}

// buyer is a demo partner's global admin placing an order, named by email
// like every other actor.
func buyer(partnerID, email string) orders.Buyer {
	return orders.Buyer{PartnerID: partnerID, Actor: actorNamed(email), Roles: perm.Roles{perm.GlobalAdmin}}
}

// actorNamed is a demo user as the actor of an activity entry.
func actorNamed(email string) activity.Actor {
	return activity.Actor{UserID: ID("user:" + email), Name: email}
}

// purchaseEvents are the partners' demo orders, each at its day in the past.
func purchaseEvents(now time.Time) []event {
	var out []event
	add := func(partnerID, email string, list []demoPurchase) {
		n := map[string]int{}
		for i, p := range list {
			n[p.domain]++
			req := orders.Request{Buyer: buyer(partnerID, email), CustomerID: ID("customer:" + p.domain), Key: DemoOrderKey(p.domain, n[p.domain])}
			for _, dl := range p.lines {
				req.Lines = append(req.Lines, orders.RequestLine{OfferID: ID("offer:" + dl.slug), Quantity: dl.quantity, Frequency: dl.frequency})
			}
			out = append(out, event{at: pastDay(now, p.daysAgo, i), run: func(ctx context.Context, h *history) error {
				if _, err := h.orders.Checkout(ctx, req); err != nil {
					return fmt.Errorf("demo order for %s: %w", p.domain, err)
				}
				return nil
			}})
		}
	}
	add(ContosoID, "globaladmin@contoso.example", contosoPurchases())
	add(FabrikamID, "globaladmin@fabrikam.example", fabrikamPurchases())
	return out
}

// pastDay is daysAgo days before now, moved back by i minutes so events of
// one day keep their order.
func pastDay(now time.Time, daysAgo, i int) time.Time {
	return now.AddDate(0, 0, -daysAgo).Add(-time.Duration(i) * time.Minute).Truncate(time.Minute)
}

// seedHistory places the demo orders and the year's changes (DEMO-1),
// skipped when the first demo order exists.
func seedHistory(ctx context.Context, sd seeder) error {
	g := sd.db
	var placed int64
	if err := g.WithContext(ctx).Model(&orders.Order{}).Where("checkout_key = ?", DemoOrderKey(contosoPurchases()[0].domain, 1)).Count(&placed).Error; err != nil {
		return err
	}
	if placed > 0 {
		return nil
	}
	now := sd.clk.Now().UTC()
	events := append(purchaseEvents(now), changeEvents(now)...)
	// The engine's first run is at the start of the month thirteen months
	// back: the directly seeded subscriptions' older periods are issued then.
	return newHistory(g, now.AddDate(-1, -1, 0)).replay(ctx, events, now)
}
