package web

import (
	"errors"
	"net/http"
	"strconv"
	"time"

	"github.com/a-h/templ"
	"github.com/labstack/echo/v4"

	"portal/internal/platform/db"
	"portal/internal/platform/money"
	"portal/internal/subscriptions"
	"portal/views/components"
	subviews "portal/views/subscriptions"
	"portal/views/ui"
)

// subscriptionFor loads the subscription named by :id, scoped to the user's
// partner: another partner's is a 404 (AUTH-1).
func (s *Server) subscriptionFor(c echo.Context) (subscriptions.Detail, error) {
	return s.subs.Get(c.Request().Context(), mustViewer(c).Partner.ID, c.Param("id"))
}

// subscriptionDetail shows a subscription (SUB-1). Its body is written
// once for the database's state, what the clock decides on it and the
// viewer's roles and language (subBodyKey), each view writing its own form
// token into it (ui.KeptForms).
func (s *Server) subscriptionDetail(c echo.Context) error {
	ctx, v := c.Request().Context(), mustViewer(c)
	stamp, keep := db.Stamp(ctx, s.db) // before the reads
	d, err := s.subscriptionView(ctx, v.Partner.ID, c.Param("id"))
	if err != nil {
		return err
	}
	m, err := s.subDetailWithHistory(c, d, s.clock.Now())
	if err != nil {
		return err
	}
	body := subviews.DetailBody(m)
	if keep {
		key := subBodyKey{stamp: stamp, partnerID: v.Partner.ID, id: m.ID, roles: v.Roles.String(), lang: localizerOf(c).Lang, now: nowDecided(m)}
		body = ui.KeptForms(s.subBodies, key, func() templ.Component { return subviews.DetailBody(m) })
	}
	return s.render(c, http.StatusOK, subviews.DetailPageOf(m, body))
}

// subBodyKey names a subscription's page body as written.
type subBodyKey struct {
	stamp, partnerID, id, roles, lang string
	now                               decidedByNow
}

// decidedByNow is every value of a subscription's page that subDetailView
// works out from the time of the view, rather than from what was read: two
// views of the same reads at times that decide these alike show the same
// page.
type decidedByNow struct {
	can                           subviews.Can
	inWindow                      bool
	daysLeft                      int
	perLicenseNow, paidOfferPrice money.Cents
}

func nowDecided(m subviews.Detail) decidedByNow {
	return decidedByNow{can: m.Can, inWindow: m.InWindow, daysLeft: m.DaysLeft, perLicenseNow: m.PerLicenseNow, paidOfferPrice: m.PaidOfferPrice}
}

// subBodiesKept bounds the subscriptions' page bodies kept: some 6 KB each.
const subBodiesKept = 256

// subDetailWithHistory builds the detail page's model with its history
// card: the page shown, and shown again with a form's errors (422).
func (s *Server) subDetailWithHistory(c echo.Context, d subscriptions.Detail, now time.Time) (subviews.Detail, error) {
	v := subDetailView(d, now)
	var err error
	v.History, err = s.resourceHistory(c, d.ID)
	return v, err
}

// subDetailView builds the detail page's model. What it works out from now
// is in decidedByNow too, which names the page body kept.
func subDetailView(d subscriptions.Detail, now time.Time) subviews.Detail {
	a := subscriptions.Allowed(d.Subscription, now)
	lo, hi := d.QuantityLimits()
	left, _ := subscriptions.ProrationDays(d.Subscription, now)
	v := subviews.Detail{
		ID: d.ID, CustomerID: d.CustomerID, CustomerName: d.CustomerName, OfferName: d.OfferName, Status: d.Status,
		Quantity: d.Quantity, Frequency: d.Frequency, BillingType: d.BillingType, UnitPrice: d.UnitPrice,
		TermStart: d.TermStart, TermEnd: d.TermEnd, AutoRenew: d.AutoRenew, TrialEnd: d.TrialEnd,
		MicrosoftTrial: d.IsMicrosoftTrial(), OrderID: d.OrderID, PurchasedAt: d.PurchasedAt,
		BoughtDirectly: d.BoughtDirectly, ParentID: d.ParentID, ParentName: d.ParentName,
		CancelDeadline: subscriptions.CancellationWindow(d.Subscription), InWindow: subscriptions.InCancellationWindow(d.Subscription, now),
		SuspendedAt: d.SuspendedAt, RetentionEnd: d.RetentionEnd, CancelAtEnd: d.CancelAtTermEnd,
		ScheduledEnd: subscriptions.ScheduledEnd(d.Subscription), CancelledAt: d.CancelledAt,
		Can: subviews.Can{
			ChangeQuantity: a.ChangeQuantity, BuyAddOns: a.BuyAddOns, Suspend: a.Suspend, Reactivate: a.Reactivate,
			CancelNow: a.CancelNow, CancelAtEnd: a.CancelAtEnd, UndoCancel: a.UndoCancel, Deprovision: a.Deprovision,
			AutoRenew: a.AutoRenew, Convert: a.Convert,
		},
		MinQuantity: lo, MaxQuantity: hi, DaysLeft: left,
		PerLicenseNow: subscriptions.QuantityChangeAmount(d.Subscription, 0, 1, now),
		QuantityValue: strconv.Itoa(d.Quantity), QuantityErrs: components.FieldErrors{},
		AddOnErrs: components.FieldErrors{}, AddOnQuantity: "1",
	}
	switch {
	case d.Status == subscriptions.Trial:
	case d.PaidOfferID != "":
		// A converted Microsoft trial: its trial end is history (CAT-12).
		at := d.PurchasedAt
		v.ConvertedOn = &at
	case d.TrialEnd != nil:
		v.ConvertedOn = d.TrialEnd // a partner trial converts at its end (CAT-10)
	}
	if d.PaidOffer != nil {
		// What the conversion charges for its first term (CAT-12).
		v.PaidOfferName, v.PaidOfferPrice = d.PaidOffer.Name, subscriptions.TermCharge(subscriptions.ConvertedTo(d.Subscription, *d.PaidOffer, now))
	}
	for _, o := range d.AddOnOffers {
		v.AddOnOffers = append(v.AddOnOffers, components.Option{Value: o.ID, Label: o.Name})
	}
	for _, ao := range d.AddOns {
		v.AddOns = append(v.AddOns, subviews.AddOn{ID: ao.ID, Name: ao.OfferName, Quantity: ao.Quantity, Status: ao.Status, TermEnd: ao.TermEnd})
	}
	return v
}

// subError turns a store's refusal into its page: a subscription bought
// directly is a 403 (CUST-4), a state that does not allow the action a 422
// that says why.
func subError(err error) error {
	var se *subscriptions.StateError
	switch {
	case errors.Is(err, subscriptions.ErrBoughtDirectly):
		return &pageError{status: http.StatusForbidden, titleKey: "error.403.title", bodyKey: "sub.refused.direct", cause: err}
	case errors.As(err, &se):
		return &pageError{status: http.StatusUnprocessableEntity, titleKey: "sub.refused.title", bodyKey: se.Reason, cause: err}
	}
	return err
}

// subManageable refuses early, before reading a form, what no form could
// fix: a subscription bought directly (403, CUST-4).
func subManageable(d subscriptions.Detail) error {
	if d.BoughtDirectly {
		return subError(subscriptions.ErrBoughtDirectly)
	}
	return nil
}
