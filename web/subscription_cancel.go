package web

import (
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"

	"portal/internal/subscriptions"
	"portal/views/components"
	subviews "portal/views/subscriptions"
)

// subscriptionCancelForm asks to confirm a cancellation: at once with full
// credit inside the window, at renewal after it, or a deprovision for a
// usage-based subscription (SUB-6, SUB-7, SUB-8).
func (s *Server) subscriptionCancelForm(c echo.Context) error {
	d, err := s.subscriptionFor(c)
	if err != nil {
		return err
	}
	if err := subManageable(d); err != nil {
		return err
	}
	v, err := s.subCancelView(c, d)
	if err != nil {
		return err
	}
	return s.render(c, http.StatusOK, subviews.CancelPage(v))
}

func (s *Server) subCancelView(c echo.Context, d subscriptions.Detail) (subviews.Cancel, error) {
	now := s.clock.Now()
	a := subscriptions.Allowed(d.Subscription, now)
	v := subviews.Cancel{
		ID: d.ID, CustomerID: d.CustomerID, CustomerName: d.CustomerName, OfferName: d.OfferName,
		Deadline: subscriptions.CancellationWindow(d.Subscription), TermEnd: subscriptions.ScheduledEnd(d.Subscription),
		Errs: components.FieldErrors{}, Trial: d.Status == subscriptions.Trial,
	}
	for _, ao := range d.AddOns {
		switch ao.Status {
		case subscriptions.Active, subscriptions.Suspended, subscriptions.Trial:
			v.AddOns++
		}
	}
	switch {
	case a.CancelNow:
		v.Mode = "immediate"
		credit, err := s.subs.CancelCreditOf(c.Request().Context(), d.PartnerID, d.ID)
		if err != nil {
			return v, err
		}
		v.Credit = -credit
	case a.CancelAtEnd:
		v.Mode = "at_renewal"
	case a.Deprovision:
		v.Mode = "deprovision"
	}
	return v, nil
}

// subscriptionCancel carries out the confirmed choice of the cancel page,
// named by the mode field: immediate, at_renewal, undo (a scheduled
// cancellation) or deprovision.
func (s *Server) subscriptionCancel(c echo.Context) error {
	d, err := s.subscriptionFor(c)
	if err != nil {
		return err
	}
	if err := subManageable(d); err != nil {
		return err
	}
	ctx, actor := c.Request().Context(), actorOf(c)
	flash := ""
	switch c.FormValue("mode") {
	case "immediate":
		errs := components.FieldErrors{}
		reason := strings.TrimSpace(c.FormValue("reason"))
		checkText(errs, "reason", reason, 500, false)
		if errs.Any() {
			v, err := s.subCancelView(c, d)
			if err != nil {
				return err
			}
			v.Reason, v.Errs = reason, errs
			return s.render(c, http.StatusUnprocessableEntity, subviews.CancelPage(v))
		}
		_, err = s.subs.CancelNow(ctx, d.PartnerID, actor, d.ID, reason)
		flash = "sub.flash.cancelled"
	case "at_renewal":
		_, err = s.subs.CancelAtRenewal(ctx, d.PartnerID, actor, d.ID)
		flash = "sub.flash.cancel_scheduled"
	case "undo":
		_, err = s.subs.UndoScheduledCancellation(ctx, d.PartnerID, actor, d.ID)
		flash = "sub.flash.cancel_undone"
	case "deprovision":
		_, err = s.subs.Deprovision(ctx, d.PartnerID, actor, d.ID)
		flash = "sub.flash.deprovisioned"
	default:
		v, err := s.subCancelView(c, d)
		if err != nil {
			return err
		}
		v.Errs.Add("mode", "sub.mode_required")
		return s.render(c, http.StatusUnprocessableEntity, subviews.CancelPage(v))
	}
	if err != nil {
		return subError(err)
	}
	return s.redirect(c, "/subscriptions/"+d.ID, flash)
}
