package web

import (
	"github.com/a-h/templ"
	"github.com/labstack/echo/v4"

	"portal/internal/platform/db"
	"portal/internal/platform/keyset"
	"portal/internal/subscriptions"
	custviews "portal/views/customers"
	subviews "portal/views/subscriptions"
	"portal/views/ui"
)

// subscriptionsPerPage is how many subscriptions the tab lists per page.
const subscriptionsPerPage = 50

// customerSubscriptions shows the subscriptions tab of a customer's page
// (CUST-3, CUST-4): one keyset page by offer name (PERF-6), with the names
// of the add-ons' parents, in two queries whatever the customer's size.
func (s *Server) customerSubscriptions(c echo.Context) error {
	// The database's state, before the reads: the rows are written once
	// for it (below).
	stamp, keep := db.Stamp(c.Request().Context(), s.db)
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
	body := subviews.Rows(rows)
	if keep && len(subs) > 0 {
		// With the database unchanged, a page of the customer's list is
		// named by its first and last subscriptions and its length; a big
		// customer's first page is viewed again and again.
		key := subsRowsKey{stamp: stamp, partnerID: cust.PartnerID, customerID: cust.ID,
			first: subs[0].ID, last: subs[len(subs)-1].ID, n: len(subs), lang: localizerOf(c).Lang}
		body = ui.KeptForms(s.subsRows, key, func() templ.Component { return subviews.Rows(rows) })
	}
	return s.renderCustomerTab(c, cust, custviews.TabSubscriptions, subviews.List(rows, pager, body))
}

// subsRowsKey names the rows of a page of a customer's subscriptions tab
// as written in a language.
type subsRowsKey struct {
	stamp, partnerID, customerID, first, last string
	n                                         int
	lang                                      string
}

// subsRowsKept bounds the pages of subscriptions whose rows are kept: a
// page's rows are some 20 KB.
const subsRowsKept = 128
