package web

import (
	"context"
	"errors"
	"net/http"
	"net/url"

	"github.com/labstack/echo/v4"

	"portal/internal/perm"
	"portal/internal/reservations"
	"portal/views/components"
	resviews "portal/views/reservations"
)

// chartDays is how many days the utilization chart shows (RES-1).
const chartDays = 30

// reservationFor loads the reservation named by :id, scoped to the signed-in
// user's partner: another partner's ID is a 404 (AUTH-1).
func (s *Server) reservationFor(c echo.Context) (reservations.Reservation, error) {
	return s.reservations.Get(c.Request().Context(), mustViewer(c).Partner.ID, c.Param("id"))
}

// reservationState turns a refusal for the reservation's state (cancelled,
// exchanged, expired) into a 403 page that says so.
func reservationState(err error) error {
	if errors.Is(err, reservations.ErrNotActive) {
		return &pageError{status: http.StatusForbidden, titleKey: "res.error.not_active_title", bodyKey: "res.error.not_active_body", cause: err}
	}
	return err
}

// reservationDetail is the reservation page (RES-1).
func (s *Server) reservationDetail(c echo.Context) error {
	r, err := s.reservationFor(c)
	if err != nil {
		return err
	}
	m, err := s.reservationModel(c.Request().Context(), mustViewer(c), r)
	if err != nil {
		return err
	}
	if m.History, err = s.resourceHistory(c, r.ID); err != nil {
		return err
	}
	return s.render(c, http.StatusOK, resviews.Page(m))
}

// reservationModel builds the reservation page in a fixed number of
// queries: customer, refund window, access list, partner users,
// subscriptions, linked requests.
func (s *Server) reservationModel(ctx context.Context, v *viewer, r reservations.Reservation) (resviews.Detail, error) {
	now := s.clock.Now()
	cust, err := s.customers.Get(ctx, v.Partner.ID, r.CustomerID)
	if err != nil {
		return resviews.Detail{}, err
	}
	m := resviews.Detail{
		ID: r.ID, Name: r.Name, CustomerID: cust.ID, CustomerName: cust.Name, TenantID: cust.TenantID,
		Quantity: r.Quantity, TermMonths: r.TermMonths, Price: r.Price, PurchasedAt: r.PurchasedAt, ExpiresAt: r.ExpiresAt,
		Status: r.EffectiveStatus(now), Scope: r.Scope, AzureSubscriptionID: r.AzureSubscriptionID,
		ReservationOrderID: r.ReservationOrderID, OrderID: r.OrderID, ExchangedForID: r.ExchangedForID,
		ExchangedFromID: r.ExchangedFromID, RefundAmount: r.RefundAmount,
		FormScope: r.Scope, FormSubscription: r.AzureSubscriptionID,
		ScopeErrs: components.FieldErrors{}, AccessErrs: components.FieldErrors{},
	}
	m.Active = m.Status == reservations.Active
	if r.CancelledAt != nil {
		m.CancelledAt = *r.CancelledAt
	}
	days := reservations.Utilization(r, now, chartDays)
	for _, d := range days {
		m.Days = append(m.Days, resviews.Day{Date: d.Date, Percent: d.Percent, Active: d.Active})
	}
	m.Average, m.ActiveDays = reservations.Average(days)
	if m.Active {
		q, err := s.reservations.Quote(ctx, r)
		if err != nil {
			return m, err
		}
		m.Quote = quoteView(q)
	}
	access, err := s.reservations.AccessList(ctx, v.Partner.ID, r.ID)
	if err != nil {
		return m, err
	}
	listed := map[string]bool{}
	for _, a := range access {
		listed[a.UserID] = true
		m.Access = append(m.Access, resviews.AccessRow{UserID: a.UserID, Name: a.Name, Email: a.Email, GrantedBy: a.GrantedBy, GrantedAt: a.GrantedAt})
	}
	if v.Roles.Can(perm.ManageReservations) {
		users, err := s.reservations.PartnerUsers(ctx, v.Partner.ID)
		if err != nil {
			return m, err
		}
		for _, u := range users {
			if !listed[u.ID] {
				m.UserOptions = append(m.UserOptions, components.Option{Value: u.ID, Label: u.Name + " (" + u.Email + ")"})
			}
		}
	}
	subs, err := s.reservations.AzureSubscriptions(ctx, v.Partner.ID, r.CustomerID)
	if err != nil {
		return m, err
	}
	for _, sub := range subs {
		m.Subscriptions = append(m.Subscriptions, components.Option{Value: sub.ID, Label: sub.OfferName + " · " + sub.ID})
		if sub.ID == r.AzureSubscriptionID {
			m.AzureSubscriptionName = sub.OfferName
		}
	}
	if v.Roles.Can(perm.Support) {
		reqs, err := s.support.ForReservation(ctx, v.Partner.ID, r.ID)
		if err != nil {
			return m, err
		}
		for _, q := range reqs {
			m.Requests = append(m.Requests, resviews.RequestLink{ID: q.ID, Number: q.Number, Title: q.Title, Status: q.Status, CreatedAt: q.CreatedAt})
		}
	}
	m.SupportHref = withQuery("/support/new", url.Values{
		"problem": {"reservation_management"}, "customer": {cust.TenantID}, "order": {r.ReservationOrderID},
		"title": {r.Name}, "reservation": {r.ID},
	})
	return m, nil
}

// quoteView copies a refund quote into the page's model.
func quoteView(q reservations.Quote) resviews.Quote {
	return resviews.Quote{
		DaysSincePurchase: q.DaysSincePurchase, Used: q.Used, Price: q.Price, TermDays: q.TermDays, DaysLeft: q.DaysLeft,
		Prorated: q.Prorated, FullRefund: q.FullRefund, Credit: q.Credit, Fee: q.Fee, AfterFee: q.AfterFee,
		RefundedInWindow: q.RefundedInWindow, CapRemaining: q.CapRemaining, CutByCap: q.CutByCap, Final: q.Final,
	}
}
