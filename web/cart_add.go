package web

import (
	"net/http"
	"net/url"
	"strings"

	"github.com/labstack/echo/v4"

	"portal/internal/activity"
	"portal/internal/cart"
	"portal/internal/catalog"
	"portal/internal/customers"
	catviews "portal/views/catalog"
	"portal/views/components"
)

// cartAdd adds an offer to the customer's cart (CAT-5): a license count
// within the offer's limits and one of its billing frequencies. A hidden
// offer is a 404; an unavailable one (CAT-3) or a bad count is a 422 with the
// catalog shown again and the problem beside the offer; nothing is added.
func (s *Server) cartAdd(c echo.Context) error {
	ctx := c.Request().Context()
	v := mustViewer(c)
	cust, err := s.customerFor(c)
	if err != nil {
		return err
	}
	back := catalogBack(cust.ID, c.FormValue("back"))
	offerID := strings.TrimSpace(c.FormValue("offer_id"))
	try := &addAttempt{offerID: offerID, quantity: c.FormValue("quantity"), frequency: c.FormValue("frequency"), errs: components.FieldErrors{}}
	if offerID == "" {
		try.problem = "cart.error.no_offer"
		return s.catalogAgain(c, cust, back, try)
	}
	o, err := s.catalog.Get(ctx, v.Partner.ID, offerID)
	if err != nil {
		return err // unknown, or exclusive to another partner: 404
	}
	if a := catalog.ActionFor(o.Tab); !v.Roles.Can(a) {
		return forbidden(a)
	}
	back.Tab = o.Tab
	owned, err := catalog.OwnedFor(ctx, s.db, v.Partner.ID, cust.ID, []catalog.Offer{o})
	if err != nil {
		return err
	}
	av := catalog.AvailabilityOf(o, catalog.Buyer{PartnerID: v.Partner.ID, Segment: cust.Segment, Country: cust.Country, Owned: owned, Markets: s.markets})
	if av.Hidden {
		return notFound()
	}
	if !av.Addable {
		bases, err := catalog.ByIDs(ctx, s.db, []string{o.BaseOfferID})
		if err != nil {
			return err
		}
		try.problem, try.problemArgs = "cart.error.unavailable", []any{o.Name, localizerOf(c).T(av.Reason, reasonArgs(o, av, cust, bases)...)}
		return s.catalogAgain(c, cust, back, try)
	}
	qty, freq := validateLine(try.errs, o, try.quantity, try.frequency)
	if try.errs.Any() {
		try.problem, try.problemArgs = "cart.error.not_added", []any{o.Name}
		return s.catalogAgain(c, cust, back, try)
	}
	_, err = s.carts.Add(ctx, activity.Actor{UserID: v.User.ID, Name: v.User.Name},
		cart.Target{PartnerID: v.Partner.ID, CustomerID: cust.ID, CustomerName: cust.Name}, o, qty, freq)
	if err != nil {
		return err
	}
	return s.redirect(c, catalogURL(cust.ID, back, back.Page), "cart.flash.added")
}

// validateLine checks a license count and frequency against an offer
// (CAT-5): a whole number within its minimum and maximum, one of its
// frequencies. A Microsoft trial's count is fixed (CAT-12); software and
// reservations have no frequency.
func validateLine(errs components.FieldErrors, o catalog.Offer, quantity, frequency string) (int, string) {
	if o.MicrosoftTrial() {
		return o.TrialLicenses, catalog.Monthly
	}
	qty := checkInt(errs, "quantity", quantity, o.MinQuantity, o.MaxQuantity, "cart.error.quantity_range")
	if o.Upfront() {
		return qty, ""
	}
	freqs := o.FrequencyList()
	if frequency == "" && len(freqs) == 1 {
		frequency = freqs[0]
	}
	if !o.OffersFrequency(frequency) {
		errs.Add("frequency", "cart.error.frequency")
	}
	return qty, frequency
}

// reasonArgs are the arguments of an availability reason's message.
// bases names the base offers of add-ons.
func reasonArgs(o catalog.Offer, av catalog.Availability, cust customers.Customer, bases map[string]catalog.Offer) []any {
	switch av.Reason {
	case catalog.ReasonCountry, catalog.ReasonMarket:
		return []any{cust.Country}
	case catalog.ReasonNeedsBase:
		return []any{bases[o.BaseOfferID].Name}
	}
	return nil
}

// catalogBack reads the catalog view an add form came from; anything but
// this customer's catalog gives the catalog's first tab.
func catalogBack(customerID, back string) catalog.Filter {
	u, err := url.Parse(back)
	if err != nil || u.Path != "/customers/"+customerID+"/catalog" || u.Host != "" || u.Scheme != "" {
		return catalog.Filter{}.Normalize()
	}
	return catalogFilter(u.Query())
}

// catalogAgain shows the catalog again with a refused add (422).
func (s *Server) catalogAgain(c echo.Context, cust customers.Customer, f catalog.Filter, try *addAttempt) error {
	p, err := s.catalogView(c, cust, f, try)
	if err != nil {
		return err
	}
	return s.render(c, http.StatusUnprocessableEntity, catviews.Catalog(p))
}
