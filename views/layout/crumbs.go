package layout

import (
	"context"

	"portal/internal/perm"
	"portal/views/ui"
)

// CustomerCrumbs is the breadcrumb trail of every page under a customer:
// Customers, the customer (linked to the tab the page belongs to; tab ""
// is the customer's first tab), then the page's own steps. A user whose
// roles may not open customers sees the customer's name without links, so
// the trail never leads to a forbidden page.
func CustomerCrumbs(ctx context.Context, customerID, customerName, tab string, rest ...Crumb) []Crumb {
	if !ui.Can(ctx, perm.ViewCustomers) {
		return append([]Crumb{{Label: customerName}}, rest...)
	}
	href := "/customers/" + customerID
	if tab != "" {
		href += "/" + tab
	}
	return append([]Crumb{
		{Label: ui.T(ctx, "nav.customers"), Href: "/customers"},
		{Label: customerName, Href: href},
	}, rest...)
}

// pageCrumbs is the trail a page shows: its own, or Home then its title for
// a top-level page that names none (Support, Activity log), so every page
// but Home has breadcrumbs (issue 13, item 14).
func pageCrumbs(ctx context.Context, title string, crumbs []Crumb) []Crumb {
	if len(crumbs) > 0 || ui.P(ctx).Path == "/" {
		return crumbs
	}
	return []Crumb{{Label: ui.T(ctx, "nav.home"), Href: "/"}, {Label: title}}
}
