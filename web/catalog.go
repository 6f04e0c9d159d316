package web

import (
	"net/http"
	"net/url"
	"slices"
	"strconv"

	"github.com/a-h/templ"
	"github.com/labstack/echo/v4"

	"portal/internal/cart"
	"portal/internal/catalog"
	"portal/internal/customers"
	"portal/internal/platform/db"
	catviews "portal/views/catalog"
	"portal/views/components"
	"portal/views/ui"
)

// catalogPage is a customer's catalog (CAT-1 to CAT-3): the tab's offers that
// match the filters, each with its add form or the reason it cannot be
// added. With htmx, a filter change gets only the results.
func (s *Server) catalogPage(c echo.Context) error {
	cust, err := s.customerFor(c)
	if err != nil {
		return err
	}
	p, err := s.catalogView(c, cust, catalogFilter(c.QueryParams()), nil)
	if err != nil {
		return err
	}
	c.Response().Header().Add("Vary", "HX-Request")
	if c.Request().Header.Get("HX-Request") == "true" && c.Request().Header.Get("HX-Target") == "catalog-results" {
		return s.render(c, http.StatusOK, catviews.Results(p))
	}
	return s.render(c, http.StatusOK, catviews.Catalog(p))
}

// catalogFilter reads the catalog's query; unknown values are dropped.
func catalogFilter(q url.Values) catalog.Filter {
	page, _ := strconv.Atoi(q.Get("page"))
	return catalog.Filter{
		Tab: q.Get("tab"), Publisher: q.Get("publisher"), Billing: q.Get("billing"),
		Category: q.Get("category"), Frequency: q.Get("frequency"), Q: queryText(q.Get("q"), 100), Page: page,
	}.Normalize()
}

// catalogURL is the catalog's URL with a filter and page.
func catalogURL(customerID string, f catalog.Filter, page int) string {
	q := url.Values{"tab": {f.Tab}, "publisher": {f.Publisher}, "billing": {f.Billing},
		"category": {f.Category}, "frequency": {f.Frequency}, "q": {f.Q}}
	if page > 1 {
		q.Set("page", strconv.Itoa(page))
	}
	return withQuery("/customers/"+customerID+"/catalog", q)
}

// addAttempt is an add-to-cart form sent back with problems, shown again
// beside its offer.
type addAttempt struct {
	offerID, quantity, frequency string
	errs                         components.FieldErrors
	problem                      string
	problemArgs                  []any
}

// catalogView loads one page of offers and decides each one's availability
// for the customer, in a fixed number of queries: the page, the customer's
// eligibility (customer, relevant subscriptions, base offers of add-ons),
// the cart's count.
//
// A page is kept for the database's state (db.Stamp, taken before the
// reads), the customer, the filter and page, and the viewer's roles and
// language: its rows, its pager's figures and the rows as written, each
// view writing its own form token into them (ui.Forms). Viewed again, the
// page reads, decides and writes none of its offers: that was two thirds
// of its server time. A form sent back with problems is shown anew.
func (s *Server) catalogView(c echo.Context, cust customers.Customer, f catalog.Filter, try *addAttempt) (catviews.Page, error) {
	ctx := c.Request().Context()
	v := mustViewer(c)
	stamp, keep := "", false
	if try == nil {
		stamp, keep = db.Stamp(ctx, s.db)
	}
	inCart, err := s.cartItemsOf(ctx, v.Partner.ID, cust.ID)
	if err != nil {
		return catviews.Page{}, err
	}
	p := catviews.Page{
		CustomerID: cust.ID, CustomerName: cust.Name, Action: "/customers/" + cust.ID + "/catalog",
		Self: catalogURL(cust.ID, f, f.Page), CartCount: len(inCart), CanAdd: v.Roles.Can(catalog.ActionFor(f.Tab)),
		TaxIncluded: catalog.PricesIncludeTax(cust.Country),
		Filter:      catviews.Filter{Tab: f.Tab, Publisher: f.Publisher, Billing: f.Billing, Category: f.Category, Frequency: f.Frequency, Q: f.Q},
	}
	for _, t := range catalog.Tabs() {
		p.Tabs = append(p.Tabs, components.Tab{Label: localizerOf(c).T("cat.tab." + t), Href: catalogURL(cust.ID, catalog.Filter{Tab: t}, 1),
			Selected: t == f.Tab, ID: "cat-tab-" + t})
	}
	var key catalogPageKey
	if keep {
		key = catalogPageKey{stamp: stamp, partnerID: v.Partner.ID, customerID: cust.ID, filter: f,
			roles: v.Roles.String(), lang: localizerOf(c).Lang}
		if kept, ok := s.catalogPages.Get(key); ok {
			return kept.page(c, p, f), nil
		}
	}
	list, err := s.catalogList(c, cust, f, try, inCart)
	if err != nil {
		return catviews.Page{}, err
	}
	if try != nil {
		p.Problem, p.ProblemArgs = try.problem, try.problemArgs
	}
	if keep {
		page := p
		page.Rows = list.rows
		list.forms = ui.NewForms(func() templ.Component { return catviews.RowsOf(page) })
		if kept, ok, _ := s.catalogPages.PeekOrAdd(key, &list); ok {
			return kept.page(c, p, f), nil
		}
	}
	return list.page(c, p, f), nil
}

// catalogPageKey is what a catalog page shows (catalogView).
type catalogPageKey struct {
	stamp, partnerID, customerID string
	filter                       catalog.Filter
	roles, lang                  string
}

// catalogPagesKept bounds the catalog pages kept: a page's rows are some
// 25 KB as written.
const catalogPagesKept = 128

// catalogListing is one page of the catalog as a customer and viewer see it:
// the rows, the pager's figures and, once kept, the rows as written.
type catalogListing struct {
	rows         []catviews.Row
	listed       int   // the offers of the page, hidden ones included
	total        int64 // the filter's offers
	more, capped bool
	forms        *ui.Forms
}

// catalogList reads a page of offers and decides each one's availability.
func (s *Server) catalogList(c echo.Context, cust customers.Customer, f catalog.Filter, try *addAttempt, inCart []cart.Item) (catalogListing, error) {
	ctx := c.Request().Context()
	v := mustViewer(c)
	cat, err := s.catalog.Pinned(ctx)
	if err != nil {
		return catalogListing{}, err
	}
	offers, more, total, capped, err := cat.ListCounted(ctx, v.Partner.ID, f, db.CountCap)
	if err != nil {
		return catalogListing{}, err
	}
	if try != nil && try.offerID != "" && !slices.ContainsFunc(offers, func(o catalog.Offer) bool { return o.ID == try.offerID }) {
		// The offer sent back is shown first, with its problem, even when the
		// catalog view it came from does not list it.
		if o, err := cat.Get(ctx, v.Partner.ID, try.offerID); err == nil {
			offers = append([]catalog.Offer{o}, offers...)
		}
	}
	el, err := cat.Eligibility(ctx, catalog.Shopper{PartnerID: v.Partner.ID, CustomerID: cust.ID, Roles: v.Roles, Customer: &cust}, offers)
	if err != nil {
		return catalogListing{}, err
	}
	list := catalogListing{listed: len(offers), total: total, more: more, capped: capped}
	for _, o := range offers {
		verdict := el.Of(o)
		if verdict.Hidden {
			continue
		}
		r := offerRow(o, verdict.Availability, localizerOf(c).Lang)
		for _, it := range inCart {
			if it.OfferID == o.ID {
				r.InCart = it.Quantity
			}
		}
		r.AddOnOf = verdict.BaseName
		r.ReasonArgs = verdict.ReasonArgs
		if try != nil && try.offerID == o.ID {
			r.Quantity, r.Frequency, r.Errors = try.quantity, try.frequency, try.errs
		}
		list.rows = append(list.rows, r)
	}
	return list, nil
}

// page completes p, the page's parts of each view, with the rows and the
// pager. The rows are shared with every view of a kept page: read only.
func (l *catalogListing) page(c echo.Context, p catviews.Page, f catalog.Filter) catviews.Page {
	p.Rows = l.rows
	if l.forms != nil {
		p.KeptRows = l.forms.Component()
	}
	if f.Page > 1 {
		p.Pager.PrevHref = catalogURL(p.CustomerID, f, f.Page-1)
	}
	if l.more {
		p.Pager.NextHref = catalogURL(p.CustomerID, f, f.Page+1)
	}
	pos := listPosition{first: (max(f.Page, 1)-1)*catalog.PageSize + 1}
	p.Pager.Summary = pos.summary(localizerOf(c), l.listed, l.total, l.capped)
	return p
}

// offerRow is the view of one offer with its availability.
func offerRow(o catalog.Offer, av catalog.Availability, lang string) catviews.Row {
	r := catviews.Row{
		ID: o.ID, Name: o.Name, Description: catalog.DescriptionIn(lang, o.Description), PublisherName: o.PublisherName,
		Partner: o.PartnerSaaS(), Usage: o.BillingType == catalog.BillingUsage,
		MonthlyPrice: o.MonthlyPrice, AnnualPrice: o.AnnualPrice, TermPrice: o.TermPrice, TermMonths: o.TermMonths,
		Frequencies: o.FrequencyList(), Upfront: o.Upfront(), Perpetual: o.Upfront() && o.TermMonths == 0,
		Min: o.MinQuantity, Max: o.MaxQuantity, OnePerCustomer: o.OnePerCustomer, Region: o.Region,
		Addable: av.Addable, Reason: av.Reason, ReactivateID: av.ReactivateID,
		Quantity: strconv.Itoa(o.MinQuantity), Errors: components.FieldErrors{},
	}
	if o.PartnerSaaS() {
		r.TrialDays = o.TrialDays
	}
	if o.MicrosoftTrial() {
		r.TrialLicenses = o.TrialLicenses
	}
	if len(r.Frequencies) > 0 {
		r.Frequency = r.Frequencies[0]
	}
	return r
}
