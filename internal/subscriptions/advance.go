package subscriptions

import (
	"context"
	"errors"
	"time"

	"gorm.io/gorm"

	"portal/internal/activity"
	"portal/internal/platform/i18n"
)

// errNotDue rolls back an Advance that found nothing due (another node did it).
var errNotDue = errors.New("subscriptions: nothing due")

// Event is the next time-driven change of a subscription (LIFE-1).
type Event struct {
	Kind string    // one of the Event* kinds; "" when nothing is due
	At   time.Time // when it happens
}

// Kinds of time-driven events.
const (
	EventTrialConversion = "trial_conversion" // partner SaaS trial → paid (CAT-10)
	EventTrialExpiry     = "trial_expiry"     // Microsoft trial not converted (CAT-12)
	EventTrialEnd        = "trial_end"        // SaaS trial whose end was scheduled
	EventRenewal         = "renewal"          // auto-renew on (SUB-9)
	EventTermEnd         = "term_end"         // auto-renew off or scheduled cancellation
	EventDeletion        = "deletion"         // suspended past retention (SUB-5)
)

// Due returns the event of s due at now, if any. Subscriptions bought
// directly by the customer are not this partner's to renew or bill (CUST-4).
func Due(s Subscription, now time.Time) Event {
	if s.BoughtDirectly {
		return Event{}
	}
	switch s.Status {
	case Trial:
		if s.TrialEnd == nil || s.TrialEnd.After(now) {
			return Event{}
		}
		switch {
		case s.PaidOfferID != "":
			return Event{EventTrialExpiry, *s.TrialEnd}
		case s.CancelAtTermEnd:
			return Event{EventTrialEnd, *s.TrialEnd}
		}
		return Event{EventTrialConversion, *s.TrialEnd}
	case Active:
		if s.TermEnd.After(now) {
			return Event{}
		}
		if s.AutoRenew && !s.CancelAtTermEnd {
			return Event{EventRenewal, s.TermEnd}
		}
		return Event{EventTermEnd, s.TermEnd}
	case Suspended:
		if s.RetentionEnd != nil && !s.RetentionEnd.After(now) {
			return Event{EventDeletion, *s.RetentionEnd}
		}
	}
	return Event{}
}

// Advance applies the one event of a subscription due at now, dated when it
// happened, with the system as actor, and reports whether there was one. The
// lifecycle engine calls it until nothing is due, so a clock that jumped
// applies every missed step in order, one charge per term.
func (s *Store) Advance(ctx context.Context, partnerID, id string, now time.Time) (bool, error) {
	_, err := s.changeAt(ctx, partnerID, id, activity.System, now, func(ctx context.Context, tx *gorm.DB, st *step) error {
		sub := st.sub
		ev := Due(*sub, now)
		if ev.Kind == "" {
			return errNotDue
		}
		at := ev.At
		st.now = at
		switch ev.Kind {
		case EventTrialConversion:
			// CAT-10: the term starts at the trial's end and is charged: a
			// monthly one up to the end of that billing period, prorated.
			sub.Status = Active
			sub.TermStart, sub.TermEnd = at, FirstTermEnd(at, sub.Frequency)
			sub.FirstBillingStart = at
			st.action, st.details = ActionTrialConverted, sub.OfferName+": free trial ended, converted to paid"
			return s.post(ctx, *sub, at, ReasonTrialConversion, st.details, TermCharge(*sub))
		case EventTrialExpiry:
			sub.Status, sub.AutoRenew = Expired, false
			st.action, st.details = ActionTrialExpired, sub.OfferName+": trial ended without conversion"
			return nil
		case EventTrialEnd:
			sub.Status, sub.CancelledAt, sub.AutoRenew = Cancelled, &at, false
			st.action, st.details = ActionEnded, sub.OfferName+": scheduled cancellation at the trial's end"
			return nil
		case EventRenewal:
			sub.TermStart, sub.TermEnd = NextTerm(sub.TermEnd, sub.Frequency)
			st.action, st.details = ActionRenewed, sub.OfferName+": renewed until "+i18n.ISODate(i18n.LastDay(sub.TermEnd))
			return s.post(ctx, *sub, at, ReasonRenewal, st.details, TermCharge(*sub))
		case EventTermEnd:
			// A scheduled cancellation ends as cancelled; a term that simply
			// was not renewed ends as expired.
			if sub.CancelAtTermEnd {
				sub.Status, sub.CancelledAt = Cancelled, &at
				st.details = sub.OfferName + ": scheduled cancellation at the term's end"
			} else {
				sub.Status = Expired
				st.details = sub.OfferName + ": term ended without renewal"
			}
			sub.AutoRenew = false
			st.action = ActionEnded
			final := sub.Status
			return cascade(ctx, tx, s.Activity, st, activity.System, []string{Active, Suspended, Trial}, func(c *Subscription) error {
				c.Status, c.AutoRenew = final, false
				if final == Cancelled {
					c.CancelledAt = &at
				}
				return nil
			})
		case EventDeletion:
			sub.Status = Deleted
			st.action, st.details = ActionDeleted, sub.OfferName+": suspended past its retention period, data deleted"
			return cascade(ctx, tx, s.Activity, st, activity.System, []string{Suspended, Active}, func(c *Subscription) error {
				c.Status = Deleted
				return nil
			})
		}
		return errNotDue
	})
	if errors.Is(err, errNotDue) {
		return false, nil
	}
	return err == nil, err
}
