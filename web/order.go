package web

import (
	"errors"
	"net/http"

	"github.com/labstack/echo/v4"

	"portal/internal/auth"
	"portal/internal/orders"
	orderviews "portal/views/orders"
)

// orderPage shows an order (CAT-7): its ID, time, user, lines with their
// prices and the records they became, the total; and for partner SaaS
// offers the publisher's setup link (CAT-9). Another partner's order is 404.
func (s *Server) orderPage(c echo.Context) error {
	ctx := c.Request().Context()
	v := mustViewer(c)
	o, lines, err := s.orders.Get(ctx, v.Partner.ID, c.Param("id"))
	if err != nil {
		return err
	}
	cust, err := s.customers.Get(ctx, v.Partner.ID, o.CustomerID)
	if err != nil {
		return err
	}
	ids := make([]string, 0, len(lines))
	for _, l := range lines {
		ids = append(ids, l.OfferID)
	}
	offers, err := s.catalog.Offers(ctx, v.Partner.ID, ids)
	if err != nil {
		return err
	}
	p := orderviews.Page{ID: o.ID, CustomerID: cust.ID, CustomerName: cust.Name, CreatedAt: o.CreatedAt,
		UserName: o.UserName, Total: o.Total}
	// "Placed by" names the user as they are now, like the activity log;
	// the stored name (an email) stands for a user since deleted.
	switch u, err := s.auth.PartnerUser(ctx, v.Partner.ID, o.UserID); {
	case err == nil:
		p.UserName, p.UserEmail = u.Name, u.Email
	case !errors.Is(err, auth.ErrNotFound):
		return err
	}
	for _, l := range lines {
		of := offers[l.OfferID]
		line := orderviews.Line{OfferName: l.OfferName, Quantity: l.Quantity, Frequency: l.Frequency,
			UnitPrice: l.UnitPrice, Amount: l.Amount, ResourceType: l.ResourceType, Href: resourceHref(l.ResourceType, l.ResourceID)}
		switch {
		case of.MicrosoftTrial():
			line.TrialUntil = o.CreatedAt.AddDate(0, 0, orders.MicrosoftTrialDays)
		case of.PartnerSaaS() && of.TrialDays > 0:
			line.TrialUntil = o.CreatedAt.AddDate(0, 0, of.TrialDays)
		}
		p.Lines = append(p.Lines, line)
		if of.PartnerSaaS() && of.SetupURL != "" {
			p.Setup = append(p.Setup, orderviews.Setup{OfferName: of.Name, PublisherName: of.PublisherName, URL: of.SetupURL})
		}
	}
	return s.render(c, http.StatusOK, orderviews.Order(p))
}

// resourceHref is the page of the record an order line became.
func resourceHref(kind, id string) string {
	switch kind {
	case orders.ResourceSoftware:
		return "/software/" + id
	case orders.ResourceReservation:
		return "/reservations/" + id
	}
	return "/subscriptions/" + id
}
