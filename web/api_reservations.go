package web

import (
	"errors"
	"net/http"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"portal/internal/reservations"
	"portal/views/components"
	resviews "portal/views/reservations"
)

// apiReservation is an Azure reservation (RES-1).
type apiReservation struct {
	ID                 string   `json:"id"`
	CustomerID         string   `json:"customer_id"`
	ReservationOrderID string   `json:"reservation_order_id"`
	Name               string   `json:"name"`
	Quantity           int      `json:"quantity"`
	Price              apiMoney `json:"price"`
	TermMonths         int      `json:"term_months"`
	Scope              string   `json:"scope"`
	Status             string   `json:"status"`
	PurchasedAt        string   `json:"purchased_at"`
	ExpiresAt          string   `json:"expires_at"`
	CancelledAt        *string  `json:"cancelled_at"`
	RefundAmount       apiMoney `json:"refund_amount"`
}

func (s *Server) reservationOf(r reservations.Reservation) apiReservation {
	return apiReservation{ID: r.ID, CustomerID: r.CustomerID, ReservationOrderID: r.ReservationOrderID, Name: r.Name, Quantity: r.Quantity,
		Price: moneyOf(r.Price), TermMonths: r.TermMonths, Scope: r.Scope, Status: r.EffectiveStatus(s.clock.Now()),
		PurchasedAt: apiTime(r.PurchasedAt), ExpiresAt: apiTime(r.ExpiresAt), CancelledAt: apiTimePtr(r.CancelledAt), RefundAmount: moneyOf(r.RefundAmount)}
}

// apiReservationGet is one reservation.
func (s *Server) apiReservationGet(c echo.Context) error {
	r, err := s.reservationFor(c)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, s.reservationOf(r))
}

// apiRefundQuote is what a refund would credit now (RES-2), from the one
// quote rule the page shows.
func (s *Server) apiRefundQuote(c echo.Context) error {
	r, err := s.reservationFor(c)
	if err != nil {
		return err
	}
	if r.EffectiveStatus(s.clock.Now()) != reservations.Active {
		return reservationState(reservations.ErrNotActive)
	}
	q, err := s.reservations.Quote(c.Request().Context(), r)
	if err != nil {
		return reservationState(err)
	}
	return c.JSON(http.StatusOK, map[string]any{"days_since_purchase": q.DaysSincePurchase, "days_left": q.DaysLeft, "term_days": q.TermDays,
		"price": moneyOf(q.Price), "prorated": moneyOf(q.Prorated), "full_refund": q.FullRefund, "credit": moneyOf(q.Credit), "fee": moneyOf(q.Fee),
		"after_fee": moneyOf(q.AfterFee), "cap_remaining": moneyOf(q.CapRemaining), "cut_by_cap": moneyOf(q.CutByCap), "refund": moneyOf(q.Final)})
}

// apiReservationRequestBody is a refund or exchange request: the wizard's
// fields.
type apiReservationRequestBody struct {
	Title        string `json:"title"`
	IssueType    string `json:"issue_type"`
	ProblemType  string `json:"problem_type"`
	Category     string `json:"category"`
	Severity     string `json:"severity"`
	Description  string `json:"description"`
	NewOfferID   string `json:"offer_id"`
	NewQuantity  *int   `json:"quantity"`
	ContactName  string `json:"contact_name"`
	ContactEmail string `json:"contact_email"`
	ContactPhone string `json:"contact_phone"`
}

// apiReservationRequest refunds or exchanges a reservation (RES-2, RES-3)
// with the wizard's checks of every step and the page's store operations.
func (s *Server) apiReservationRequest(c echo.Context, kind string) error {
	r, err := s.reservationFor(c)
	if err != nil {
		return err
	}
	if r.EffectiveStatus(s.clock.Now()) != reservations.Active {
		return reservationState(reservations.ErrNotActive)
	}
	var in apiReservationRequestBody
	if err := readJSON(c, &in); err != nil {
		return err
	}
	t := strings.TrimSpace
	vals := resviews.Values{Title: t(in.Title), IssueType: t(in.IssueType), ProblemType: t(in.ProblemType), Category: t(in.Category),
		Severity: t(in.Severity), Description: t(in.Description), NewOfferID: t(in.NewOfferID),
		ContactName: t(in.ContactName), ContactEmail: t(in.ContactEmail), ContactPhone: t(in.ContactPhone)}
	if in.NewQuantity != nil {
		vals.NewQuantity = strconv.Itoa(*in.NewQuantity)
	}
	w := wizardState{kind: kind, res: r}
	errs := components.FieldErrors{}
	for _, step := range resviews.Steps()[:3] {
		s.checkStep(c, r.PartnerID, w, step, vals, errs)
	}
	if errs.Any() {
		return apiInvalid(errs)
	}
	d := reservations.Details{Title: vals.Title, IssueType: vals.IssueType, ProblemType: vals.ProblemType, Category: vals.Category,
		Severity: vals.Severity, Description: vals.Description, ContactName: vals.ContactName, ContactEmail: vals.ContactEmail, ContactPhone: vals.ContactPhone}
	ctx := c.Request().Context()
	if kind == reservations.KindRefund {
		if _, err := s.reservations.Refund(ctx, r.PartnerID, actorOf(c), r.ID, d); err != nil {
			return reservationState(err)
		}
		return s.apiReservationGet(c)
	}
	qty, _ := strconv.Atoi(vals.NewQuantity)
	res, err := s.reservations.Exchange(ctx, r.PartnerID, actorOf(c), r.ID, vals.NewOfferID, qty, d)
	switch {
	case errors.Is(err, reservations.ErrExchangeTooCheap), errors.Is(err, reservations.ErrBadOffer):
		errs.Add("offer_id", "res.exchange.offer_unknown")
		return apiInvalid(errs)
	case err != nil:
		return reservationState(err)
	}
	return c.JSON(http.StatusOK, s.reservationOf(res.New))
}

// apiReservationRefund refunds a reservation (RES-2).
func (s *Server) apiReservationRefund(c echo.Context) error {
	return s.apiReservationRequest(c, reservations.KindRefund)
}

// apiReservationExchange exchanges a reservation for another (RES-3).
func (s *Server) apiReservationExchange(c echo.Context) error {
	return s.apiReservationRequest(c, reservations.KindExchange)
}
