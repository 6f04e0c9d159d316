package web

import (
	"errors"
	"net/http"

	"github.com/labstack/echo/v4"

	"portal/internal/platform/i18n"
	"portal/internal/subscriptions"
	"portal/views/components"
	subviews "portal/views/subscriptions"
)

// subscriptionQuantity changes the license count within the offer's limits
// (SUB-2); a bad count is a 422 with the form and nothing changes.
func (s *Server) subscriptionQuantity(c echo.Context) error {
	d, err := s.subscriptionFor(c)
	if err != nil {
		return err
	}
	if err := subManageable(d); err != nil {
		return err
	}
	now := s.clock.Now()
	if !subscriptions.Allowed(d.Subscription, now).ChangeQuantity {
		return subError(&subscriptions.StateError{Action: "change quantity", Reason: subscriptions.RefusedEnded})
	}
	errs := components.FieldErrors{}
	raw := c.FormValue("quantity")
	lo, hi := d.QuantityLimits()
	qty := checkInt(errs, "quantity", raw, lo, hi, "sub.quantity_range")
	if !errs.Any() && qty == d.Quantity {
		errs.Add("quantity", "sub.quantity_same")
	}
	if !errs.Any() {
		_, err = s.subs.ChangeQuantity(c.Request().Context(), d.PartnerID, actorOf(c), d.ID, qty)
		switch {
		case errors.Is(err, subscriptions.ErrQuantity):
			errs.Add("quantity", "sub.quantity_range", i18n.Num(lo), i18n.Num(hi))
		case err != nil:
			return subError(err)
		default:
			return s.redirect(c, "/subscriptions/"+d.ID, "sub.flash.quantity_changed")
		}
	}
	v, err := s.subDetailWithHistory(c, d, now)
	if err != nil {
		return err
	}
	v.QuantityValue, v.QuantityErrs = raw, errs
	return s.render(c, http.StatusUnprocessableEntity, subviews.DetailPage(v))
}

// subscriptionAddOns buys add-on licenses for a subscription whose offer has
// add-ons (SUB-3).
func (s *Server) subscriptionAddOns(c echo.Context) error {
	d, err := s.subscriptionFor(c)
	if err != nil {
		return err
	}
	if err := subManageable(d); err != nil {
		return err
	}
	now := s.clock.Now()
	if !subscriptions.Allowed(d.Subscription, now).BuyAddOns || len(d.AddOnOffers) == 0 {
		return subError(&subscriptions.StateError{Action: "buy add-on", Reason: subscriptions.RefusedNoAddOns})
	}
	errs := components.FieldErrors{}
	offerID, raw := c.FormValue("offer_id"), c.FormValue("addon_quantity")
	var chosen *subscriptions.OfferTerms
	for i := range d.AddOnOffers {
		if d.AddOnOffers[i].ID == offerID {
			chosen = &d.AddOnOffers[i]
		}
	}
	qty := 0
	if chosen == nil {
		errs.Add("offer_id", "sub.addon_offer_required")
	} else {
		qty = checkInt(errs, "addon_quantity", raw, chosen.MinQuantity, chosen.MaxQuantity, "sub.quantity_range")
	}
	if !errs.Any() {
		_, err = s.subs.BuyAddOn(c.Request().Context(), d.PartnerID, actorOf(c), d.ID, offerID, qty)
		switch {
		case errors.Is(err, subscriptions.ErrQuantity):
			errs.Add("addon_quantity", "sub.quantity_range", i18n.Num(chosen.MinQuantity), i18n.Num(chosen.MaxQuantity))
		case errors.Is(err, subscriptions.ErrOfferNotFound):
			errs.Add("offer_id", "sub.addon_offer_required")
		case err != nil:
			return subError(err)
		default:
			return s.redirect(c, "/subscriptions/"+d.ID, "sub.flash.addon_bought")
		}
	}
	v, err := s.subDetailWithHistory(c, d, now)
	if err != nil {
		return err
	}
	v.AddOnOffer, v.AddOnQuantity, v.AddOnErrs = offerID, raw, errs
	return s.render(c, http.StatusUnprocessableEntity, subviews.DetailPage(v))
}
