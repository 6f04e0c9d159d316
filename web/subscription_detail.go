package web

import (
	"errors"
	"net/http"
	"strconv"
	"time"

	"github.com/labstack/echo/v4"

	"portal/internal/subscriptions"
	"portal/views/components"
	subviews "portal/views/subscriptions"
)

// subscriptionFor loads the subscription named by :id, scoped to the user's
// partner: another partner's is a 404 (AUTH-1).
func (s *Server) subscriptionFor(c echo.Context) (subscriptions.Detail, error) {
	return s.subs.Get(c.Request().Context(), mustViewer(c).Partner.ID, c.Param("id"))
}

// subscriptionDetail shows a subscription (SUB-1).
func (s *Server) subscriptionDetail(c echo.Context) error {
	d, err := s.subscriptionView(c.Request().Context(), mustViewer(c).Partner.ID, c.Param("id"))
	if err != nil {
		return err
	}
	v, err := s.subDetailWithHistory(c, d, s.clock.Now())
	if err != nil {
		return err
	}
	return s.render(c, http.StatusOK, subviews.DetailPage(v))
}

// subDetailWithHistory builds the detail page's model with its history
// card: the page shown, and shown again with a form's errors (422).
func (s *Server) subDetailWithHistory(c echo.Context, d subscriptions.Detail, now time.Time) (subviews.Detail, error) {
	v := subDetailView(d, now)
	var err error
	v.History, err = s.resourceHistory(c, d.ID)
	return v, err
}

// subDetailView builds the detail page's model.
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
