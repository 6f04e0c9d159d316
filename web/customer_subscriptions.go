package web

import (
	"github.com/labstack/echo/v4"

	"portal/internal/platform/keyset"
	"portal/internal/subscriptions"
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
	var page subscriptions.CustomerPage
	fetch := func(at keyset.Cursor, back bool) ([]subscriptions.Subscription, bool, error) {
		page, err = s.customerSubsPage(c.Request().Context(), cust.PartnerID, cust.ID, at, back, subscriptionsPerPage)
		return page.Subscriptions, page.HasMore, err
	}
	subs, pager, err := keysetList(c, "/customers/"+cust.ID+"/subscriptions", subscriptionsPerPage, fetch, subscriptions.CursorOf, func() (int64, bool, error) {
		return s.customerSubsCount(c.Request().Context(), cust.PartnerID, cust.ID)
	})
	if err != nil {
		return err
	}
	rows := make([]subviews.Row, 0, len(subs))
	for _, sub := range subs {
		row := subviews.Row{
			ID: sub.ID, OfferName: sub.OfferName, ParentName: page.ParentNames[sub.ParentID], Quantity: sub.Quantity,
			Frequency: sub.Frequency, Status: sub.Status, TermEnd: sub.TermEnd, AutoRenew: sub.AutoRenew,
			CancelAtEnd: sub.CancelAtTermEnd, BoughtDirectly: sub.BoughtDirectly,
		}
		if sub.Status == subscriptions.Trial {
			row.TrialEnd = sub.TrialEnd // the trial's own end, not its first paid term's (CAT-10)
		}
		rows = append(rows, row)
	}
	return s.renderCustomerTab(c, cust, custviews.TabSubscriptions, subviews.List(rows, pager))
}
