package web

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"portal/internal/subscriptions"
	subviews "portal/views/subscriptions"
)

// subscriptionSuspendForm asks to confirm a suspension and shows the date
// the data would be deleted (SUB-4).
func (s *Server) subscriptionSuspendForm(c echo.Context) error {
	d, err := s.subscriptionFor(c)
	if err != nil {
		return err
	}
	if err := subManageable(d); err != nil {
		return err
	}
	return s.render(c, http.StatusOK, subviews.SuspendPage(s.subSuspendView(d)))
}

func (s *Server) subSuspendView(d subscriptions.Detail) subviews.Suspend {
	now := s.clock.Now()
	active := 0
	for _, a := range d.AddOns {
		if a.Status == subscriptions.Active {
			active++
		}
	}
	return subviews.Suspend{
		ID: d.ID, CustomerID: d.CustomerID, CustomerName: d.CustomerName, OfferName: d.OfferName,
		DeletionDate: subscriptions.RetentionEnd(now, d.CustomerOpenedAt, d.FirstBillingStart),
		AddOns:       active, Allowed: subscriptions.Allowed(d.Subscription, now).Suspend,
	}
}

// subscriptionSuspend suspends a subscription once confirmed (SUB-4).
func (s *Server) subscriptionSuspend(c echo.Context) error {
	d, err := s.subscriptionFor(c)
	if err != nil {
		return err
	}
	if err := subManageable(d); err != nil {
		return err
	}
	if c.FormValue("confirm") != "yes" {
		return s.render(c, http.StatusUnprocessableEntity, subviews.SuspendPage(s.subSuspendView(d)))
	}
	if _, err := s.subs.Suspend(c.Request().Context(), d.PartnerID, actorOf(c), d.ID); err != nil {
		return subError(err)
	}
	return s.redirect(c, "/subscriptions/"+d.ID, "sub.flash.suspended")
}

// subscriptionReactivate reactivates a suspended subscription before its
// data is deleted (SUB-5).
func (s *Server) subscriptionReactivate(c echo.Context) error {
	d, err := s.subscriptionFor(c)
	if err != nil {
		return err
	}
	if err := subManageable(d); err != nil {
		return err
	}
	if _, err := s.subs.Reactivate(c.Request().Context(), d.PartnerID, actorOf(c), d.ID); err != nil {
		return subError(err)
	}
	return s.redirect(c, "/subscriptions/"+d.ID, "sub.flash.reactivated")
}
