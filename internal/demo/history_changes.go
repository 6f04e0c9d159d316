package demo

import (
	"context"
	"fmt"
	"time"

	"portal/internal/reservations"
	"portal/internal/support"
)

// change is one thing done to a demo purchase after it was bought: the
// customer's latest subscription (or reservation) of an offer.
type change struct {
	domain, offer string
	daysAgo       int
	hours         int // after the start of that day's events, for changes made the day of the purchase
	do            func(ctx context.Context, h *history, id string) error
}

func quantity(n int) func(context.Context, *history, string) error {
	return func(ctx context.Context, h *history, id string) error {
		_, err := h.subs.ChangeQuantity(ctx, ContosoID, actorNamed("sales@contoso.example"), id, n)
		return err
	}
}

func cancelNow(reason string) func(context.Context, *history, string) error {
	return func(ctx context.Context, h *history, id string) error {
		_, err := h.subs.CancelNow(ctx, ContosoID, actorNamed("globaladmin@contoso.example"), id, reason)
		return err
	}
}

func cancelAtRenewal(ctx context.Context, h *history, id string) error {
	_, err := h.subs.CancelAtRenewal(ctx, ContosoID, actorNamed("globaladmin@contoso.example"), id)
	return err
}

func convert(ctx context.Context, h *history, id string) error {
	_, err := h.subs.Convert(ctx, ContosoID, actorNamed("sales@contoso.example"), id)
	return err
}

// suspend suspends through the page's operation, so the retention date is
// set like any other's (SUB-4).
func suspend(ctx context.Context, h *history, id string) error {
	_, err := h.subs.Suspend(ctx, ContosoID, actorNamed("globaladmin@contoso.example"), id)
	return err
}

// refund refunds a reservation through the wizard's operation; the support
// request it opens is closed three days later, as support does.
func refund(ctx context.Context, h *history, id string) error {
	res, err := h.res.Refund(ctx, ContosoID, actorNamed("globaladmin@contoso.example"), id, reservations.Details{
		Title: "Refund the unused VM reservation", IssueType: support.IssueBilling, ProblemType: support.ProblemReservationManagement,
		Category: support.CategoryExchangesRefunds, Severity: support.Minimal,
		Description: "The workload moved to containers; the reservation is no longer used.",
		ContactName: "Gloria Admin", ContactEmail: "globaladmin@contoso.example", ContactPhone: "+1 425 555 0100",
	})
	if err != nil {
		return err
	}
	h.clk.Set(h.clk.Now().AddDate(0, 0, 3))
	return h.res.Support.SetStatus(ctx, ContosoID, actorNamed("globaladmin@contoso.example"), res.Request.ID, support.Closed)
}

// contosoChanges are the year's license changes, cancellations, a trial
// conversion, a refund and a suspension (DEMO-1), each after its purchase.
func contosoChanges() []change {
	return []change{
		{"adatum.com", "power-bi-pro", 200, 0, quantity(42)},
		{"humongousinsurance.com", "m365-e3", 150, 0, quantity(960)},
		{"northwindtraders.com", "m365-e3", 100, 0, quantity(90)},
		{"contosopharma.com", "m365-e3", 75, 0, quantity(230)},
		{"bestforyouorganics.com", "m365-business-basic", 45, 0, quantity(24)},
		{"librevilletelecom.ga", "m365-business-standard", 35, 0, quantity(46)},
		{"nodpublishers.com", "power-bi-pro", 250, 2, cancelNow("Ordered for the wrong customer")},
		{"wideworldimporters.com", "m365-business-premium", 182, 0, cancelNow("The customer chose another plan")},
		{"litwareinc.com", "adatum-helpdesk-pro", 95, 0, cancelAtRenewal},
		{"cohowinery.com", "m365-e3-trial", 50, 0, convert},
		{"fourthcoffee.com", "microsoft-defender-for-business", 20, 0, suspend},
		{"harbourbridge.com.au", "azure-vm-d2s-v5-1yr", 85, 0, refund},
	}
}

// changeEvents turns the changes into events of the history.
func changeEvents(now time.Time) []event {
	var out []event
	for _, c := range contosoChanges() {
		at := pastDay(now, c.daysAgo, 0).Add(time.Duration(c.hours) * time.Hour)
		out = append(out, event{at: at, run: func(ctx context.Context, h *history) error {
			id, err := latestOf(ctx, h, c.domain, c.offer)
			if err != nil {
				return err
			}
			if err := c.do(ctx, h, id); err != nil {
				return fmt.Errorf("demo change of %s for %s: %w", c.offer, c.domain, err)
			}
			return nil
		}})
	}
	return out
}

// latestOf is the ID of the customer's latest subscription, or else
// reservation, of an offer.
func latestOf(ctx context.Context, h *history, domain, offer string) (string, error) {
	var ids []string
	for _, table := range []string{"subscriptions", "reservations"} {
		err := h.subs.DB.WithContext(ctx).Table(table).Where("partner_id = ? AND customer_id = ? AND offer_id = ?", ContosoID, ID("customer:"+domain), ID("offer:"+offer)).
			Order("purchased_at DESC, id").Limit(1).Pluck("id", &ids).Error
		if err != nil {
			return "", err
		}
		if len(ids) > 0 {
			return ids[0], nil
		}
	}
	return "", fmt.Errorf("demo: no %s for %s", offer, domain)
}
