package web

import (
	"github.com/labstack/echo/v4"

	"portal/internal/platform/keyset"
	"portal/internal/subscriptions"
	"portal/views/components"
	custviews "portal/views/customers"
	subviews "portal/views/subscriptions"
)

// subscriptionsPerPage is how many subscriptions the tab lists per page.
const subscriptionsPerPage = 50

// customerSubscriptions shows the subscriptions tab of a customer's page
// (CUST-3, CUST-4): one keyset page by offer name (PERF-6), with the names
// of the add-ons' parents, in two queries whatever the customer's size.
func (s *Server) customerSubscriptions(c echo.Context) error {
	cust, err := s.customerFor(c)
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	at, back := keysetAt(c.QueryParam("after"), c.QueryParam("before"))
	page, err := s.subs.ForCustomer(ctx, cust.PartnerID, cust.ID, at, back, subscriptionsPerPage)
	if err != nil {
		return err
	}
	if back && !page.HasMore {
		// Back at the start: show the first page itself, which is full.
		at, back = keyset.Cursor{}, false
		if page, err = s.subs.ForCustomer(ctx, cust.PartnerID, cust.ID, at, back, subscriptionsPerPage); err != nil {
			return err
		}
	}
	rows := make([]subviews.Row, 0, len(page.Subscriptions))
	for _, sub := range page.Subscriptions {
		rows = append(rows, subviews.Row{
			ID: sub.ID, OfferName: sub.OfferName, ParentName: page.ParentNames[sub.ParentID], Quantity: sub.Quantity,
			Frequency: sub.Frequency, Status: sub.Status, TermEnd: sub.TermEnd, AutoRenew: sub.AutoRenew,
			CancelAtEnd: sub.CancelAtTermEnd, BoughtDirectly: sub.BoughtDirectly,
		})
	}
	var pager components.Pager
	if n := len(page.Subscriptions); n > 0 {
		hasPrev, hasNext := !at.IsZero(), page.HasMore
		if back {
			hasPrev, hasNext = page.HasMore, true
		}
		first, last := subscriptions.CursorOf(page.Subscriptions[0]), subscriptions.CursorOf(page.Subscriptions[n-1])
		pager = keysetPager("/customers/"+cust.ID+"/subscriptions", first, last, hasPrev, hasNext)
	}
	return s.renderCustomerTab(c, cust, custviews.TabSubscriptions, subviews.List(rows, pager))
}
