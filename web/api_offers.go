package web

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"portal/internal/catalog"
	"portal/views/components"
)

// apiOffer is an offer with its availability for one customer (CAT-3).
type apiOffer struct {
	ID            string          `json:"id"`
	Name          string          `json:"name"`
	Description   string          `json:"description"`
	Tab           string          `json:"tab"`
	Publisher     string          `json:"publisher"`
	PublisherName string          `json:"publisher_name"`
	BillingType   string          `json:"billing_type"`
	Category      string          `json:"category"`
	Frequencies   []string        `json:"frequencies"`
	MonthlyPrice  apiMoney        `json:"monthly_price"`
	AnnualPrice   apiMoney        `json:"annual_price"`
	TermPrice     apiMoney        `json:"term_price"`
	MinQuantity   int             `json:"min_quantity"`
	MaxQuantity   int             `json:"max_quantity"`
	Availability  apiAvailability `json:"availability"`
}

// apiAvailability is catalog.Eligibility's verdict: whether the offer can
// be added, and if not why, in the page's words and as a stable code.
type apiAvailability struct {
	Available  bool    `json:"available"`
	Reason     *string `json:"reason"`
	ReasonCode *string `json:"reason_code"`
	// ReactivateSubscriptionID: reactivate this suspended subscription
	// instead of buying another.
	ReactivateSubscriptionID *string `json:"reactivate_subscription_id"`
	// MayBuy: the caller's roles may buy this kind of offer (AUTH-5).
	MayBuy bool `json:"may_buy"`
}

// apiOffersList is a customer's catalog (CAT-2, CAT-3, API-1): the catalog
// page's filters, each offer with its availability decided by
// catalog.Store.Eligibility, the one rule the page uses.
func (s *Server) apiOffersList(c echo.Context) error {
	ctx := c.Request().Context()
	v := mustViewer(c)
	cust, err := s.customerFor(c)
	if err != nil {
		return err
	}
	errs := components.FieldErrors{}
	f := catalog.Filter{Tab: c.QueryParam("tab"), Publisher: c.QueryParam("publisher"), Billing: c.QueryParam("billing"),
		Category: c.QueryParam("category"), Frequency: c.QueryParam("frequency"), Q: queryText(c.QueryParam("q"), 100), Page: 1}
	if raw := c.QueryParam("cursor"); raw != "" {
		n, err := strconv.Atoi(strings.TrimPrefix(raw, "p"))
		if err != nil || !strings.HasPrefix(raw, "p") || n < 2 || n > 1000 {
			errs.Add("cursor", "api.error.bad_cursor")
		}
		f.Page = n
	}
	if f.Tab == "" {
		f.Tab = catalog.TabOnline
	}
	// A value the page would quietly drop is a mistake a script must hear of.
	norm := f.Normalize()
	for field, pair := range map[string][2]string{"tab": {f.Tab, norm.Tab}, "publisher": {f.Publisher, norm.Publisher},
		"billing": {f.Billing, norm.Billing}, "category": {f.Category, norm.Category}, "frequency": {f.Frequency, norm.Frequency}} {
		if pair[0] != pair[1] {
			errs.Add(field, "api.error.bad_choice")
		}
	}
	if errs.Any() {
		return apiInvalid(errs)
	}
	cat, err := s.catalog.Pinned(ctx)
	if err != nil {
		return err
	}
	offers, more, err := cat.List(ctx, v.Partner.ID, norm)
	if err != nil {
		return err
	}
	el, err := cat.Eligibility(ctx, catalog.Shopper{PartnerID: v.Partner.ID, CustomerID: cust.ID, Roles: v.Roles, Customer: &cust}, offers)
	if err != nil {
		return err
	}
	l := localizerOf(c)
	out := make([]apiOffer, 0, len(offers))
	for _, o := range offers {
		ver := el.Of(o)
		a := apiAvailability{Available: ver.Addable, MayBuy: ver.Allowed}
		if !ver.Addable && ver.Reason != "" {
			reason, code := l.T(ver.Reason, ver.ReasonArgs...), ver.Reason
			a.Reason, a.ReasonCode = &reason, &code
		}
		if ver.ReactivateID != "" {
			id := ver.ReactivateID
			a.ReactivateSubscriptionID = &id
		}
		out = append(out, apiOffer{ID: o.ID, Name: o.Name, Description: o.Description, Tab: o.Tab, Publisher: o.Publisher,
			PublisherName: o.PublisherName, BillingType: o.BillingType, Category: o.Category, Frequencies: o.FrequencyList(),
			MonthlyPrice: moneyOf(o.MonthlyPrice), AnnualPrice: moneyOf(o.AnnualPrice), TermPrice: moneyOf(o.TermPrice),
			MinQuantity: o.MinQuantity, MaxQuantity: o.MaxQuantity, Availability: a})
	}
	next := ""
	if more {
		q := url.Values{"tab": {norm.Tab}, "publisher": {norm.Publisher}, "billing": {norm.Billing}, "category": {norm.Category},
			"frequency": {norm.Frequency}, "q": {norm.Q}, "cursor": {"p" + strconv.Itoa(norm.Page+1)}}
		next = withQuery("/api/v1/customers/"+cust.ID+"/offers", q)
	}
	return c.JSON(http.StatusOK, listOf(out, next))
}
