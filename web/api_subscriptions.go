package web

import (
	"errors"
	"net/http"
	"net/url"
	"strconv"

	"github.com/labstack/echo/v4"

	"portal/internal/platform/keyset"
	"portal/internal/subscriptions"
	"portal/views/components"
)

// apiSubscription is a subscription as the API writes it (SUB-1).
type apiSubscription struct {
	ID              string   `json:"id"`
	CustomerID      string   `json:"customer_id"`
	OfferID         string   `json:"offer_id"`
	OfferName       string   `json:"offer_name"`
	Status          string   `json:"status"`
	Quantity        int      `json:"quantity"`
	Frequency       string   `json:"frequency"`
	BillingType     string   `json:"billing_type"`
	UnitPrice       apiMoney `json:"unit_price"`
	AutoRenew       bool     `json:"auto_renew"`
	TermStart       string   `json:"term_start"`
	TermEnd         string   `json:"term_end"`
	CancelAtTermEnd bool     `json:"cancel_at_term_end"`
	TrialEnd        *string  `json:"trial_end"`
	SuspendedAt     *string  `json:"suspended_at"`
	RetentionEnd    *string  `json:"retention_end"`
	CancelledAt     *string  `json:"cancelled_at"`
	PurchasedAt     string   `json:"purchased_at"`
	// BoughtDirectly: bought by the customer, not through the partner; it
	// cannot be changed (CUST-4).
	BoughtDirectly bool `json:"bought_directly"`
}

func subscriptionOf(s subscriptions.Subscription) apiSubscription {
	return apiSubscription{ID: s.ID, CustomerID: s.CustomerID, OfferID: s.OfferID, OfferName: s.OfferName, Status: s.Status,
		Quantity: s.Quantity, Frequency: s.Frequency, BillingType: s.BillingType, UnitPrice: moneyOf(s.UnitPrice), AutoRenew: s.AutoRenew,
		TermStart: apiTime(s.TermStart), TermEnd: apiTime(s.TermEnd), CancelAtTermEnd: s.CancelAtTermEnd, TrialEnd: apiTimePtr(s.TrialEnd),
		SuspendedAt: apiTimePtr(s.SuspendedAt), RetentionEnd: apiTimePtr(s.RetentionEnd), CancelledAt: apiTimePtr(s.CancelledAt),
		PurchasedAt: apiTime(s.PurchasedAt), BoughtDirectly: s.BoughtDirectly}
}

// apiCustomerSubscriptions lists a customer's subscriptions, in the
// customer page's order, a page at a time.
func (s *Server) apiCustomerSubscriptions(c echo.Context) error {
	cust, err := s.customerFor(c)
	if err != nil {
		return err
	}
	errs := components.FieldErrors{}
	limit, at := apiLimit(c, errs), keyset.Cursor{}
	if raw := c.QueryParam("cursor"); raw != "" {
		cur, ok := keyset.Parse(raw)
		if !ok {
			errs.Add("cursor", "api.error.bad_cursor")
		}
		at = cur
	}
	if errs.Any() {
		return apiInvalid(errs)
	}
	// The same keyset pages as the customer's Subscriptions tab (PERF-6).
	page, err := s.subs.ForCustomer(c.Request().Context(), cust.PartnerID, cust.ID, at, false, limit)
	if err != nil {
		return err
	}
	out := make([]apiSubscription, 0, len(page.Subscriptions))
	for _, sub := range page.Subscriptions {
		out = append(out, subscriptionOf(sub))
	}
	next := ""
	if page.HasMore && len(page.Subscriptions) > 0 {
		last := subscriptions.CursorOf(page.Subscriptions[len(page.Subscriptions)-1])
		next = "/api/v1/customers/" + cust.ID + "/subscriptions?limit=" + strconv.Itoa(limit) + "&cursor=" + url.QueryEscape(last.Encode())
	}
	return c.JSON(http.StatusOK, listOf(out, next))
}

// apiSubscriptionGet is one subscription.
func (s *Server) apiSubscriptionGet(c echo.Context) error {
	d, err := s.subscriptionFor(c)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, subscriptionOf(d.Subscription))
}

// apiSubscriptionChange is a PATCH body: the license count, auto-renew,
// or both.
type apiSubscriptionChange struct {
	Quantity  *int  `json:"quantity"`
	AutoRenew *bool `json:"auto_renew"`
}

// apiSubscriptionPatch changes the license count (SUB-2) and auto-renew
// (SUB-9) with the page's checks and store operations; each change writes
// the page's activity entry (API-5).
func (s *Server) apiSubscriptionPatch(c echo.Context) error {
	var in apiSubscriptionChange
	if err := readJSON(c, &in); err != nil {
		return err
	}
	d, err := s.subscriptionFor(c)
	if err != nil {
		return err
	}
	if err := subManageable(d); err != nil {
		return err
	}
	errs := components.FieldErrors{}
	if in.Quantity == nil && in.AutoRenew == nil {
		errs.Add("quantity", "api.error.nothing_to_change")
		return apiInvalid(errs)
	}
	ctx, actor := c.Request().Context(), actorOf(c)
	if in.Quantity != nil && *in.Quantity != d.Quantity {
		if !subscriptions.Allowed(d.Subscription, s.clock.Now()).ChangeQuantity {
			return subError(&subscriptions.StateError{Action: "change quantity", Reason: subscriptions.RefusedEnded})
		}
		lo, hi := d.QuantityLimits()
		qty := checkInt(errs, "quantity", strconv.Itoa(*in.Quantity), lo, hi, "sub.quantity_range")
		if errs.Any() {
			return apiInvalid(errs)
		}
		_, err := s.subs.ChangeQuantity(ctx, d.PartnerID, actor, d.ID, qty)
		if errors.Is(err, subscriptions.ErrQuantity) {
			errs.Add("quantity", "sub.quantity_range", lo, hi)
			return apiInvalid(errs)
		}
		if err != nil {
			return subError(err)
		}
	}
	if in.AutoRenew != nil && *in.AutoRenew != d.AutoRenew {
		if _, err := s.subs.SetAutoRenew(ctx, d.PartnerID, actor, d.ID, *in.AutoRenew); err != nil {
			return subError(err)
		}
	}
	return s.apiSubscriptionGet(c)
}
