package web

import (
	"github.com/labstack/echo/v4"

	"portal/internal/subscriptions"
	custviews "portal/views/customers"
	subviews "portal/views/subscriptions"
)

// customerSubscriptions shows the subscriptions tab of a customer's page
// (CUST-3, CUST-4): one query for the list, parents' names taken from it.
func (s *Server) customerSubscriptions(c echo.Context) error {
	cust, err := s.customerFor(c)
	if err != nil {
		return err
	}
	subs, err := s.subs.ForCustomer(c.Request().Context(), cust.PartnerID, cust.ID)
	if err != nil {
		return err
	}
	names := make(map[string]string, len(subs))
	for _, sub := range subs {
		names[sub.ID] = sub.OfferName
	}
	rows := make([]subviews.Row, 0, len(subs))
	for _, sub := range subs {
		row := subviews.Row{
			ID: sub.ID, OfferName: sub.OfferName, ParentName: names[sub.ParentID], Quantity: sub.Quantity,
			Frequency: sub.Frequency, Status: sub.Status, TermEnd: sub.TermEnd, AutoRenew: sub.AutoRenew,
			CancelAtEnd: sub.CancelAtTermEnd, BoughtDirectly: sub.BoughtDirectly,
		}
		if sub.Status == subscriptions.Trial {
			row.TrialEnd = sub.TrialEnd // the trial's own end, not its first paid term's (CAT-10)
		}
		rows = append(rows, row)
	}
	return s.renderCustomerTab(c, cust, custviews.TabSubscriptions, subviews.List(rows))
}
