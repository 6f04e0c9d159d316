package web

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

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
	el, err := s.catalog.Eligibility(ctx, catalog.Shopper{PartnerID: v.Partner.ID, CustomerID: cust.ID, Roles: v.Roles, Customer: &cust}, []catalog.Offer{o})
	if err != nil {
		return err
	}
	verdict := el.Of(o)
	if !verdict.Allowed {
		return forbidden(verdict.Action)
	}
	back.Tab = o.Tab
	if verdict.Hidden {
		return notFound()
	}
	if !verdict.Addable {
		try.problem, try.problemArgs = "cart.error.unavailable", []any{o.Name, localizerOf(c).T(verdict.Reason, verdict.ReasonArgs...)}
		return s.catalogAgain(c, cust, back, try)
	}
	qty, freq := validateLine(try.errs, o, try.quantity, try.frequency)
	if try.errs.Any() {
		try.problem, try.problemArgs = "cart.error.not_added", []any{o.Name}
		return s.catalogAgain(c, cust, back, try)
	}
	_, err = s.carts.Add(ctx, actorOf(c),
		cart.Target{PartnerID: v.Partner.ID, CustomerID: cust.ID, CustomerName: cust.Name}, o, qty, freq)
	if err != nil {
		return err
	}
	return s.redirect(c, catalogURL(cust.ID, back, back.Page), "cart.flash.added")
}

// validateLine reads a license count and frequency from a form and checks
// them against an offer with catalog.CheckLine (CAT-5, CAT-12): each
// problem goes beside its field. Text that is not a whole number is
// "required" or "not a number", unless the offer's count is fixed.
func validateLine(errs components.FieldErrors, o catalog.Offer, quantity, frequency string) (int, string) {
	text := strings.TrimSpace(quantity)
	n, perr := strconv.Atoi(text)
	line, problems := catalog.CheckLine(o, n, frequency)
	for _, p := range problems {
		if p.Field == catalog.FieldQuantity && perr != nil {
			continue // said below
		}
		errs.Add(p.Field, p.Key, p.Args...)
	}
	if perr != nil && !o.FixedCount() {
		if text == "" {
			errs.Add(catalog.FieldQuantity, "field.required")
		} else {
			errs.Add(catalog.FieldQuantity, "field.bad_number")
		}
	}
	return line.Quantity, line.Frequency
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
