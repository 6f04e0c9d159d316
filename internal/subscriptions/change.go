package subscriptions

import (
	"context"
	"fmt"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"portal/internal/activity"
	"portal/internal/billing"
	"portal/internal/platform/db"
	"portal/internal/platform/money"
)

// Activity action names of subscription changes (SUB-10). The activity page
// labels them with "activity.action.<name>".
const (
	ActionQuantityChanged       = "subscription.quantity_changed"
	ActionAddOnPurchased        = "subscription.addon_purchased"
	ActionSuspended             = "subscription.suspended"
	ActionReactivated           = "subscription.reactivated"
	ActionCancelled             = "subscription.cancelled"
	ActionCancellationScheduled = "subscription.cancellation_scheduled"
	ActionCancellationUndone    = "subscription.cancellation_undone"
	ActionDeprovisioned         = "subscription.deprovisioned"
	ActionAutoRenewChanged      = "subscription.auto_renew_changed"
	ActionConverted             = "subscription.converted"
	ActionTrialConverted        = "subscription.trial_converted"
	ActionTrialExpired          = "subscription.trial_expired"
	ActionRenewed               = "subscription.renewed"
	ActionEnded                 = "subscription.ended"
	ActionDeleted               = "subscription.deleted"
)

// Invoice line reasons of subscriptions (BILL-1).
const (
	ReasonQuantityIncrease = "quantity_increase"
	ReasonQuantityDecrease = "quantity_decrease"
	ReasonCancellation     = "cancellation"
	ReasonAddOn            = "addon"
	ReasonRenewal          = "renewal"
	ReasonTrialConversion  = "trial_conversion"
)

// ResourceType names subscriptions in the activity log and on invoice lines.
const ResourceType = "subscription"

// Message keys of state refusals (StateError.Reason).
const (
	RefusedState          = "sub.refused.state"
	RefusedEnded          = "sub.refused.ended"
	RefusedWindowClosed   = "sub.refused.window_closed"
	RefusedRetentionEnded = "sub.refused.retention_ended"
	RefusedUsage          = "sub.refused.usage"
	RefusedPaidOffer      = "sub.refused.paid_offer"
	RefusedNoAddOns       = "sub.refused.no_addons"
)

// State is what the activity log records before and after a change (SUB-10).
type State struct {
	Offer           string      `json:"offer"`
	Status          string      `json:"status"`
	Quantity        int         `json:"quantity"`
	Frequency       string      `json:"frequency"`
	UnitPrice       money.Cents `json:"unit_price_cents"`
	AutoRenew       bool        `json:"auto_renew"`
	CancelAtTermEnd bool        `json:"cancel_at_term_end"`
	TermStart       time.Time   `json:"term_start"`
	TermEnd         time.Time   `json:"term_end"`
	RetentionEnd    *time.Time  `json:"retention_end,omitempty"`
}

// StateOf returns s's recorded state.
func StateOf(s Subscription) State {
	return State{Offer: s.OfferName, Status: s.Status, Quantity: s.Quantity, Frequency: s.Frequency, UnitPrice: s.UnitPrice,
		AutoRenew: s.AutoRenew, CancelAtTermEnd: s.CancelAtTermEnd, TermStart: s.TermStart, TermEnd: s.TermEnd, RetentionEnd: s.RetentionEnd}
}

// step is one change being made: the subscription to change in place, and
// what to record about it.
type step struct {
	sub          *Subscription
	customerName string
	openedAt     time.Time
	now          time.Time
	action       string
	details      string
}

// change runs fn on one of the partner's subscriptions in a transaction that
// locks its row, refuses subscriptions bought directly (CUST-4), saves the
// result and records the activity entry with before and after (SUB-10).
func (s *Store) change(ctx context.Context, partnerID, id string, actor activity.Actor, fn func(ctx context.Context, tx *gorm.DB, st *step) error) (Subscription, error) {
	return s.changeAt(ctx, partnerID, id, actor, s.Clock.Now(), func(ctx context.Context, tx *gorm.DB, st *step) error {
		if st.sub.BoughtDirectly {
			return ErrBoughtDirectly
		}
		return fn(ctx, tx, st)
	})
}

// changeAt is change at a given time, for users and the lifecycle engine.
func (s *Store) changeAt(ctx context.Context, partnerID, id string, actor activity.Actor, now time.Time, fn func(ctx context.Context, tx *gorm.DB, st *step) error) (Subscription, error) {
	var out Subscription
	err := db.Tx(ctx, s.DB, func(ctx context.Context, tx *gorm.DB) error {
		row, err := s.load(ctx, tx.Clauses(clause.Locking{Strength: "UPDATE"}), partnerID, id)
		if err != nil {
			return err
		}
		before := StateOf(row.Subscription)
		sub := row.Subscription
		st := &step{sub: &sub, customerName: row.CustomerName, openedAt: row.CustomerOpenedAt, now: now}
		if err := fn(ctx, tx, st); err != nil {
			return err
		}
		if err := tx.Save(&sub).Error; err != nil {
			return err
		}
		out = sub
		return s.record(ctx, st, actor, before)
	})
	if err != nil {
		return Subscription{}, fmt.Errorf("subscriptions: change %s: %w", id, err)
	}
	return out, nil
}

// record writes the activity entry of a step.
func (s *Store) record(ctx context.Context, st *step, actor activity.Actor, before State) error {
	return s.Activity.Record(ctx, st.now, activity.Change{
		PartnerID: st.sub.PartnerID, Actor: actor, CustomerID: st.sub.CustomerID, CustomerName: st.customerName,
		ResourceType: ResourceType, ResourceID: st.sub.ID, Action: st.action, Details: st.details,
		Before: before, After: StateOf(*st.sub),
	})
}

// post writes a charge or credit for sub on the customer's open invoice.
func (s *Store) post(ctx context.Context, sub Subscription, at time.Time, reason, description string, amount money.Cents) error {
	if amount == 0 {
		return nil
	}
	_, err := s.Ledger.Post(ctx, billing.Entry{
		PartnerID: sub.PartnerID, CustomerID: sub.CustomerID, At: at, Reason: reason, Description: description,
		OrderID: sub.OrderID, ResourceType: ResourceType, ResourceID: sub.ID, Quantity: sub.Quantity, Amount: amount,
	})
	return err
}

// chargedThisTerm sums what sub was charged since its current term started,
// or since its purchase when that is earlier (see chargedThisTerms).
func chargedThisTerm(tx *gorm.DB, sub Subscription) (money.Cents, error) {
	m, err := chargedThisTerms(tx, []Subscription{sub})
	return m[sub.ID], err
}

// chargedSince is when the charges an immediate cancellation credits begin
// (SUB-6): the current term's start, or the purchase when it is earlier. A
// monthly subscription bought on a month's last day renews at midnight,
// inside its 24-hour window: the full credit then covers the purchase's day
// and the renewal.
func chargedSince(sub Subscription) time.Time {
	if sub.PurchasedAt.Before(sub.TermStart) {
		return sub.PurchasedAt
	}
	return sub.TermStart
}

// chargedThisTerms sums, for each of one customer's subscriptions, what it
// was charged since chargedSince, in one query through the customer's
// invoices (indexed). A subscription with no line in that time (created
// without one, as imported records are) counts its current term's charge
// when it is paid.
func chargedThisTerms(tx *gorm.DB, subs []Subscription) (map[string]money.Cents, error) {
	out := map[string]money.Cents{}
	if len(subs) == 0 {
		return out, nil
	}
	ids := make([]string, 0, len(subs))
	earliest := chargedSince(subs[0])
	for _, sub := range subs {
		ids = append(ids, sub.ID)
		if since := chargedSince(sub); since.Before(earliest) {
			earliest = since
		}
	}
	var lines []struct {
		ResourceID string
		At         time.Time
		Amount     int64
	}
	period, _ := billing.PeriodOf(earliest)
	err := tx.Table("invoice_lines").Select("invoice_lines.resource_id, invoice_lines.at, invoice_lines.amount").
		Joins("JOIN invoices ON invoices.id = invoice_lines.invoice_id").
		Where("invoices.partner_id = ? AND invoices.customer_id = ? AND invoices.period_start >= ?", subs[0].PartnerID, subs[0].CustomerID, period).
		Where("invoice_lines.resource_type = ? AND invoice_lines.resource_id IN ? AND invoice_lines.at >= ?", ResourceType, ids, earliest).
		Scan(&lines).Error
	if err != nil {
		return nil, err
	}
	seen := map[string]bool{}
	for _, sub := range subs {
		since := chargedSince(sub)
		for _, l := range lines {
			if l.ResourceID == sub.ID && !l.At.Before(since) {
				out[sub.ID] += money.Cents(l.Amount)
				seen[sub.ID] = true
			}
		}
		if !seen[sub.ID] && sub.Status == Active {
			out[sub.ID] = TermCharge(sub)
		}
	}
	return out, nil
}

// addOnsOf returns sub's add-ons in one of the given statuses.
func addOnsOf(tx *gorm.DB, sub Subscription, statuses ...string) ([]Subscription, error) {
	var out []Subscription
	err := tx.Where("partner_id = ? AND parent_id = ? AND status IN ?", sub.PartnerID, sub.ID, statuses).
		Order("id").Find(&out).Error
	return out, err
}

// cascade applies fn to each of parent's add-ons in the given statuses, saves
// them and records an entry for each: add-ons follow their subscription
// (suspended, reactivated, cancelled, ended, deleted with it).
func cascade(ctx context.Context, tx *gorm.DB, rec activity.Recorder, parent *step, actor activity.Actor, statuses []string, fn func(child *Subscription) error) error {
	children, err := addOnsOf(tx, *parent.sub, statuses...)
	if err != nil {
		return err
	}
	for i := range children {
		child := &children[i]
		before := StateOf(*child)
		if err := fn(child); err != nil {
			return err
		}
		if err := tx.Save(child).Error; err != nil {
			return err
		}
		err := rec.Record(ctx, parent.now, activity.Change{
			PartnerID: child.PartnerID, Actor: actor, CustomerID: child.CustomerID, CustomerName: parent.customerName,
			ResourceType: ResourceType, ResourceID: child.ID, Action: parent.action,
			Details: "add-on of " + parent.sub.OfferName, Before: before, After: StateOf(*child),
		})
		if err != nil {
			return err
		}
	}
	return nil
}

func refused(action, reason string) error { return &StateError{Action: action, Reason: reason} }

// endedReason is the refusal of any change to an ended subscription.
func endedReason(sub Subscription) string {
	switch sub.Status {
	case Cancelled, Deleted, Expired:
		return RefusedEnded
	}
	return RefusedState
}
