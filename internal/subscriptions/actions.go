package subscriptions

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"time"

	"gorm.io/gorm"

	"portal/internal/activity"
	"portal/internal/platform/i18n"
	"portal/internal/platform/keyset"
)

// ChangeQuantity sets the license count within the offer's limits (SUB-2)
// and posts the prorated charge (increase) or credit (decrease) for the days
// left in the term.
func (s *Store) ChangeQuantity(ctx context.Context, partnerID string, actor activity.Actor, id string, qty int) (Subscription, error) {
	return s.change(ctx, partnerID, id, actor, func(ctx context.Context, tx *gorm.DB, st *step) error {
		sub := st.sub
		if !Allowed(*sub, st.now).ChangeQuantity {
			return refused("change quantity", endedReason(*sub))
		}
		lo, hi, err := s.limits(ctx, sub.OfferID)
		if err != nil {
			return err
		}
		if qty < lo || qty > hi {
			return ErrQuantity
		}
		if qty == sub.Quantity {
			return ErrSameQuantity
		}
		amount := QuantityChangeAmount(*sub, sub.Quantity, qty, st.now)
		reason := ReasonQuantityIncrease
		if qty < sub.Quantity {
			reason = ReasonQuantityDecrease
		}
		st.action = ActionQuantityChanged
		st.details = fmt.Sprintf("%s: %d → %d licenses", sub.OfferName, sub.Quantity, qty)
		sub.Quantity = qty
		return s.post(ctx, *sub, st.now, reason, st.details, amount)
	})
}

// Limits returns the license counts an offer allows: the catalog's defaults
// (1 to 300) when the offer is gone.
func (s *Store) limits(ctx context.Context, offerID string) (lo, hi int, err error) {
	o, err := offer(ctx, s.DB, offerID)
	if errors.Is(err, ErrOfferNotFound) {
		return 1, 300, nil
	}
	if err != nil {
		return 0, 0, err
	}
	return o.MinQuantity, o.MaxQuantity, nil
}

// BuyAddOn buys qty licenses of an add-on of the subscription's offer
// (SUB-3): a child subscription, charged like a purchase (see AddOnTerm).
func (s *Store) BuyAddOn(ctx context.Context, partnerID string, actor activity.Actor, id, offerID string, qty int) (Subscription, error) {
	var child Subscription
	_, err := s.change(ctx, partnerID, id, actor, func(ctx context.Context, tx *gorm.DB, st *step) error {
		parent := st.sub
		if !Allowed(*parent, st.now).BuyAddOns {
			return refused("buy add-on", endedReason(*parent))
		}
		o, err := offer(ctx, s.DB, offerID)
		if err != nil {
			return err
		}
		if o.BaseOfferID != parent.OfferID {
			return ErrOfferNotFound
		}
		if qty < o.MinQuantity || qty > o.MaxQuantity {
			return ErrQuantity
		}
		price := o.PriceFor(parent.Frequency)
		start, end, charge := AddOnTerm(*parent, price, qty, st.now)
		child = Subscription{
			ID: keyset.NewID(), PartnerID: parent.PartnerID, CustomerID: parent.CustomerID, OfferID: o.ID, OfferName: o.Name,
			Quantity: qty, Frequency: parent.Frequency, BillingType: License, UnitPrice: price, Status: Active,
			TermStart: start, TermEnd: end, AutoRenew: true, PurchasedAt: st.now, FirstBillingStart: st.now,
			ParentID: parent.ID, CreatedAt: st.now,
		}
		if err := tx.Create(&child).Error; err != nil {
			return err
		}
		// The entry names the add-on; the parent itself is unchanged.
		st.action = ActionAddOnPurchased
		st.details = fmt.Sprintf("%s: %d × %s", parent.OfferName, qty, o.Name)
		return s.post(ctx, child, st.now, ReasonAddOn, st.details, charge)
	})
	return child, err
}

// Suspend suspends a subscription and its add-ons (SUB-4): users lose access
// and the data is deleted at RetentionEnd unless it is reactivated.
func (s *Store) Suspend(ctx context.Context, partnerID string, actor activity.Actor, id string) (Subscription, error) {
	return s.change(ctx, partnerID, id, actor, func(ctx context.Context, tx *gorm.DB, st *step) error {
		sub := st.sub
		if !Allowed(*sub, st.now).Suspend {
			return refused("suspend", endedReason(*sub))
		}
		now := st.now
		end := RetentionEnd(now, st.openedAt, sub.FirstBillingStart)
		sub.Status, sub.SuspendedAt, sub.RetentionEnd = Suspended, &now, &end
		st.action = ActionSuspended
		st.details = sub.OfferName + ": data deleted on " + end.Format("2006-01-02") + " unless reactivated"
		return cascade(ctx, tx, s.Activity, st, activity.System, []string{Active}, func(c *Subscription) error {
			c.Status, c.SuspendedAt, c.RetentionEnd = Suspended, &now, &end
			return nil
		})
	})
}

// Reactivate makes a suspended subscription and its add-ons active again,
// before its data is deleted (SUB-5). A term that ended while suspended
// starts afresh now, charged as a renewal.
func (s *Store) Reactivate(ctx context.Context, partnerID string, actor activity.Actor, id string) (Subscription, error) {
	return s.change(ctx, partnerID, id, actor, func(ctx context.Context, tx *gorm.DB, st *step) error {
		sub := st.sub
		if !Allowed(*sub, st.now).Reactivate {
			if sub.Status == Suspended {
				return refused("reactivate", RefusedRetentionEnded)
			}
			return refused("reactivate", endedReason(*sub))
		}
		st.action = ActionReactivated
		st.details = sub.OfferName
		reactivate := func(c *Subscription) error {
			c.Status, c.SuspendedAt, c.RetentionEnd = Active, nil, nil
			if !st.now.Before(c.TermEnd) {
				c.TermStart, c.TermEnd = st.now, FirstTermEnd(st.now, c.Frequency)
				return s.post(ctx, *c, st.now, ReasonRenewal, c.OfferName+": new term on reactivation", TermCharge(*c))
			}
			return nil
		}
		if err := reactivate(sub); err != nil {
			return err
		}
		return cascade(ctx, tx, s.Activity, st, activity.System, []string{Suspended}, reactivate)
	})
}

// CancelNow cancels a license-based subscription inside its window (SUB-6)
// with full credit of what its current term was charged, on the next
// invoice; its add-ons are cancelled and credited with it. reason is the
// optional reason the user gave (SUB-8).
func (s *Store) CancelNow(ctx context.Context, partnerID string, actor activity.Actor, id, reason string) (Subscription, error) {
	return s.change(ctx, partnerID, id, actor, func(ctx context.Context, tx *gorm.DB, st *step) error {
		sub := st.sub
		a := Allowed(*sub, st.now)
		switch {
		case a.Deprovision:
			return refused("cancel", RefusedUsage)
		case a.CancelAtEnd || a.UndoCancel:
			return refused("cancel", RefusedWindowClosed)
		case !a.CancelNow:
			return refused("cancel", endedReason(*sub))
		}
		st.action = ActionCancelled
		st.details = sub.OfferName
		if reason != "" {
			st.details += " — reason: " + reason
		}
		cancel := func(c *Subscription) error {
			charged, err := chargedThisTerm(tx, *c)
			if err != nil {
				return err
			}
			now := st.now
			c.Status, c.CancelledAt, c.AutoRenew, c.CancelAtTermEnd = Cancelled, &now, false, false
			return s.post(ctx, *c, now, ReasonCancellation, c.OfferName+": cancelled within the cancellation window, full credit", CancelCredit(charged))
		}
		if err := cancel(sub); err != nil {
			return err
		}
		return cascade(ctx, tx, s.Activity, st, activity.System, []string{Active, Suspended, Trial}, cancel)
	})
}

// CancelAtRenewal schedules the end of a subscription for its term's end
// once the immediate window has closed (SUB-6): auto-renew goes off.
func (s *Store) CancelAtRenewal(ctx context.Context, partnerID string, actor activity.Actor, id string) (Subscription, error) {
	return s.change(ctx, partnerID, id, actor, func(ctx context.Context, tx *gorm.DB, st *step) error {
		sub := st.sub
		a := Allowed(*sub, st.now)
		if !a.CancelAtEnd {
			if a.Deprovision {
				return refused("cancel at renewal", RefusedUsage)
			}
			return refused("cancel at renewal", endedReason(*sub))
		}
		sub.CancelAtTermEnd, sub.AutoRenew = true, false
		st.action = ActionCancellationScheduled
		st.details = sub.OfferName + ": stays active until " + i18n.ISODate(i18n.LastDay(ScheduledEnd(*sub)))
		return nil
	})
}

// UndoScheduledCancellation keeps a subscription whose end was scheduled,
// until the term ends (SUB-6); auto-renew comes back on.
func (s *Store) UndoScheduledCancellation(ctx context.Context, partnerID string, actor activity.Actor, id string) (Subscription, error) {
	return s.change(ctx, partnerID, id, actor, func(ctx context.Context, tx *gorm.DB, st *step) error {
		sub := st.sub
		if !Allowed(*sub, st.now).UndoCancel {
			return refused("undo scheduled cancellation", endedReason(*sub))
		}
		sub.CancelAtTermEnd, sub.AutoRenew = false, true
		st.action = ActionCancellationUndone
		st.details = sub.OfferName
		return nil
	})
}

// Deprovision ends a usage-based subscription (SUB-7): no cancellation, no
// refund, no credit.
func (s *Store) Deprovision(ctx context.Context, partnerID string, actor activity.Actor, id string) (Subscription, error) {
	return s.change(ctx, partnerID, id, actor, func(ctx context.Context, tx *gorm.DB, st *step) error {
		sub := st.sub
		if !Allowed(*sub, st.now).Deprovision {
			return refused("deprovision", endedReason(*sub))
		}
		now := st.now
		sub.Status, sub.CancelledAt, sub.AutoRenew = Cancelled, &now, false
		st.action = ActionDeprovisioned
		st.details = sub.OfferName + ": deprovisioned, no credit"
		return nil
	})
}

// SetAutoRenew turns auto-renew on or off (SUB-9): off ends the subscription
// at its term's end.
func (s *Store) SetAutoRenew(ctx context.Context, partnerID string, actor activity.Actor, id string, on bool) (Subscription, error) {
	return s.change(ctx, partnerID, id, actor, func(ctx context.Context, tx *gorm.DB, st *step) error {
		sub := st.sub
		if !Allowed(*sub, st.now).AutoRenew {
			return refused("auto-renew", endedReason(*sub))
		}
		sub.AutoRenew = on
		st.action = ActionAutoRenewChanged
		st.details = sub.OfferName + ": auto-renew " + strconv.FormatBool(on)
		return nil
	})
}

// Convert turns a Microsoft trial into the paid offer it belongs to (CAT-12):
// the paid offer's price, a term that starts now, billed from now (monthly:
// prorated to the end of the billing period, like a purchase).
func (s *Store) Convert(ctx context.Context, partnerID string, actor activity.Actor, id string) (Subscription, error) {
	return s.change(ctx, partnerID, id, actor, func(ctx context.Context, tx *gorm.DB, st *step) error {
		sub := st.sub
		if !Allowed(*sub, st.now).Convert {
			return refused("convert", endedReason(*sub))
		}
		paid, err := offer(ctx, s.DB, sub.PaidOfferID)
		if errors.Is(err, ErrOfferNotFound) {
			return refused("convert", RefusedPaidOffer)
		}
		if err != nil {
			return err
		}
		trialName := sub.OfferName
		*sub = ConvertedTo(*sub, paid, st.now)
		st.action = ActionConverted
		st.details = trialName + " → " + paid.Name
		return s.post(ctx, *sub, st.now, ReasonTrialConversion, st.details, TermCharge(*sub))
	})
}

// ScheduledEnd is when a scheduled cancellation takes effect: the trial's end
// for a trial, else the term's end.
func ScheduledEnd(s Subscription) time.Time {
	if s.Status == Trial && s.TrialEnd != nil {
		return *s.TrialEnd
	}
	return s.TermEnd
}
