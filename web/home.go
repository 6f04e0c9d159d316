package web

import (
	"maps"
	"net/http"

	"github.com/a-h/templ"
	"github.com/labstack/echo/v4"

	"portal/internal/dashboard"
	"portal/internal/perm"
	"portal/internal/support"
	"portal/views/components"
	dashviews "portal/views/dashboard"
	"portal/views/ui"
)

// licensesChartBars is how many offers the licenses chart shows (DASH-2).
const licensesChartBars = 8

// home is the dashboard (DASH-1, DASH-2). Subscriptions data is shown to
// roles that may view customers; the billed-amount chart to roles that may
// see invoices.
//
// Below the greeting, the page is written once per language for the figures
// it was read with (ui.Kept): the views of a partner's home page within a
// second, while nothing is written, share what was read (homeData) and so
// what it shows, and writing its lists and charts was nine tenths of the
// page's server time (PERF-2).
func (s *Server) home(c echo.Context) error {
	v := mustViewer(c)
	parts := homeParts{
		counts:    v.Roles.Can(perm.ViewCustomers) || v.Roles.Can(perm.Support),
		customers: v.Roles.Can(perm.ViewCustomers),
		support:   v.Roles.Can(perm.Support),
		billing:   v.Roles.Can(perm.Billing),
	}
	kept, err := s.homeData(c.Request().Context(), v.Partner.ID, parts, s.clock.Now())
	if err != nil {
		return err
	}
	m := dashviews.Home{UserName: v.User.Name}
	if s.demoClockOn() && v.Roles.Can(perm.DemoClock) {
		m.DemoClock = s.demoClockModel("30", components.FieldErrors{})
	}
	body := ui.Kept(kept.bodies, localizerOf(c).Lang, func() templ.Component {
		return dashviews.Body(homeBody(kept.data, parts))
	})
	return s.render(c, http.StatusOK, dashviews.Page(m, body))
}

// homeBody is the model of the home page's lists and charts: the parts of
// d that parts show.
func homeBody(d homeData, parts homeParts) dashviews.Home {
	var m dashviews.Home
	if parts.customers {
		counts := maps.Clone(d.soon.Counts) // d is shared with other views
		counts[dashboard.KindScheduled] = dashboard.Count{N: d.exact[dashboard.KindScheduled]}
		m.ShowAttention = true
		m.Attention, m.Counts = dashAttention(d.soon.Lists, counts)
		for _, ch := range d.soon.Recent {
			m.Recent = append(m.Recent, dashviews.RecentChange{
				At: ch.At, Action: ch.Action, Title: ch.OfferName, Href: "/subscriptions/" + ch.SubscriptionID,
				Customer: ch.CustomerName, CustomerHref: "/customers/" + ch.CustomerID + "/subscriptions",
			})
		}
		m.ShowLicenses = true
		for _, b := range d.bars {
			m.Licenses = append(m.Licenses, dashviews.Bar{Label: b.OfferName, Value: b.Licenses})
		}
	}
	// Open support requests, for the roles that handle them (DASH-1).
	if parts.support {
		m.ShowAttention = true
		items, count := dashSupport(d.reqs, d.exact[dashboard.KindSupport], parts.customers)
		m.Attention = append(m.Attention, items...)
		m.Counts = append(m.Counts, count)
	}
	if parts.billing {
		m.ShowBilled = true
		for _, mt := range d.months {
			m.Billed = append(m.Billed, dashviews.MonthBar{Start: mt.Start, Total: mt.Total})
		}
	}
	return m
}

// dashWhen returns, for a kind, the message that says what the item's date
// is, and whether it shows the time (a deadline to the minute).
func dashWhen(kind string) (key string, withTime bool) {
	switch kind {
	case dashboard.KindDeletion:
		return "dash.when.deletion", false
	case dashboard.KindWindow:
		return "dash.when.cancel_window", true
	case dashboard.KindTrial:
		return "dash.when.trial_ending", false
	}
	return "dash.when.scheduled", false
}

// dashAttention lists the items kind after kind, each kind soonest first,
// with the count of each kind for its tile.
func dashAttention(lists map[string][]dashboard.Item, n map[string]dashboard.Count) ([]dashviews.AttentionItem, []dashviews.AttentionCount) {
	kinds := []string{dashboard.KindDeletion, dashboard.KindWindow, dashboard.KindTrial, dashboard.KindScheduled}
	room := dashboard.PerList // for the open support requests, added after
	for _, kind := range kinds {
		room += len(lists[kind])
	}
	items := make([]dashviews.AttentionItem, 0, room)
	counts := make([]dashviews.AttentionCount, 0, len(kinds)+1)
	for _, kind := range kinds {
		l := lists[kind]
		counts = append(counts, dashviews.AttentionCount{Kind: kind, N: n[kind].N, More: n[kind].More})
		key, withTime := dashWhen(kind)
		for _, it := range l {
			items = append(items, dashviews.AttentionItem{
				Kind: kind, Title: it.OfferName, Href: "/subscriptions/" + it.SubscriptionID,
				Customer: it.CustomerName, CustomerHref: "/customers/" + it.CustomerID + "/subscriptions",
				When: it.When, WhenKey: key, WithTime: withTime, Covered: kind == dashboard.KindScheduled,
			})
		}
	}
	return items, counts
}

// dashSupport lists the open support requests (DASH-1) in the order
// support.OpenRequests gives (needing the partner's reply first, then the
// most severe, then the newest), each linked to its request. They follow the
// dated subscription items: their date is when they were opened, not a
// deadline.
func dashSupport(reqs []support.Request, open int64, linkCustomers bool) ([]dashviews.AttentionItem, dashviews.AttentionCount) {
	items := make([]dashviews.AttentionItem, 0, len(reqs))
	for _, r := range reqs {
		it := dashviews.AttentionItem{
			Kind: dashboard.KindSupport, Title: r.Title, Href: "/support/" + r.ID, Customer: r.CustomerName,
			When: r.CreatedAt, WhenKey: "dash.when.support",
		}
		if r.Status == support.AttentionNeeded {
			it.WhenKey = "dash.when.support_attention"
		}
		if linkCustomers && r.CustomerID != "" {
			it.CustomerHref = "/customers/" + r.CustomerID
		}
		items = append(items, it)
	}
	return items, dashviews.AttentionCount{Kind: dashboard.KindSupport, N: open}
}

// demoClockOn reports whether the portal runs in demo mode with a demo clock.
func (s *Server) demoClockOn() bool { return s.demo && s.demoClock != nil }

func (s *Server) demoClockModel(days string, errs components.FieldErrors) *dashviews.DemoClock {
	return &dashviews.DemoClock{Now: s.clock.Now(), Shift: s.demoClock.Days(), Days: days, Errs: errs}
}
