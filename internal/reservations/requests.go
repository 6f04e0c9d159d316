package reservations

import (
	"context"
	"errors"
	"fmt"

	"github.com/google/uuid"
	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"portal/internal/activity"
	"portal/internal/billing"
	"portal/internal/catalog"
	"portal/internal/platform/db"
	"portal/internal/platform/money"
	"portal/internal/support"
)

// LoadDraft returns the user's wizard draft for a reservation, and whether
// there is one.
func (s *Store) LoadDraft(ctx context.Context, partnerID, userID, reservationID, kind string) (Draft, bool, error) {
	var d Draft
	err := db.Conn(ctx, s.DB).Where("partner_id = ? AND user_id = ? AND reservation_id = ? AND kind = ?", partnerID, userID, reservationID, kind).Take(&d).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return Draft{}, false, nil
	}
	if err != nil {
		return Draft{}, false, fmt.Errorf("reservations: load draft: %w", err)
	}
	return d, true, nil
}

// SaveDraft writes the user's wizard draft.
func (s *Store) SaveDraft(ctx context.Context, d Draft) error {
	d.UpdatedAt = s.Clock.Now()
	if err := db.Conn(ctx, s.DB).Clauses(clause.OnConflict{UpdateAll: true}).Create(&d).Error; err != nil {
		return fmt.Errorf("reservations: save draft: %w", err)
	}
	return nil
}

// Offers lists the catalog's reservation offers the partner may sell, by
// name: the choices of an exchange (RES-3).
func (s *Store) Offers(ctx context.Context, partnerID string) ([]catalog.Offer, error) {
	var out []catalog.Offer
	err := db.Conn(ctx, s.DB).Where("tab = ? AND (exclusive_partner_id = '' OR exclusive_partner_id = ?) AND not_in_program = ?",
		catalog.TabReservation, partnerID, false).Order("name, id").Limit(500).Find(&out).Error
	if err != nil {
		return nil, fmt.Errorf("reservations: offers: %w", err)
	}
	return out, nil
}

// Offer returns one reservation offer the partner may sell.
func (s *Store) Offer(ctx context.Context, partnerID, id string) (catalog.Offer, error) {
	var o catalog.Offer
	if _, err := uuid.Parse(id); err != nil {
		return o, ErrBadOffer
	}
	err := db.Conn(ctx, s.DB).Where("id = ? AND tab = ? AND (exclusive_partner_id = '' OR exclusive_partner_id = ?) AND not_in_program = ?",
		id, catalog.TabReservation, partnerID, false).Take(&o).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return o, ErrBadOffer
	}
	if err != nil {
		return o, fmt.Errorf("reservations: offer %s: %w", id, err)
	}
	return o, nil
}

// TermMonthsOf is an offer's term: its TermMonths, or 12 when unset.
func TermMonthsOf(o catalog.Offer) int {
	if o.TermMonths > 0 {
		return o.TermMonths
	}
	return 12
}

// TermPrice is the whole term's price of qty of a reservation offer: the
// catalog's price per unit for the whole term (what checkout charges), else
// its annual price for each year of the term, else its monthly price for
// each month.
func TermPrice(o catalog.Offer, qty int) money.Cents {
	if o.TermPrice > 0 {
		return o.TermPrice * money.Cents(qty)
	}
	months := int64(TermMonthsOf(o))
	if o.AnnualPrice > 0 {
		return money.MulDiv(o.AnnualPrice, int64(qty)*months, 12)
	}
	return o.MonthlyPrice * money.Cents(int64(qty)*months)
}

// Details is the support request a refund or exchange is filed with: the
// wizard's basics, problem and contact steps (RES-4).
type Details struct {
	Title, IssueType, ProblemType, Category, Severity, Description string
	ContactName, ContactEmail, ContactPhone                        string
}

// RefundResult is the outcome of a refund.
type RefundResult struct {
	Quote   Quote
	Request support.Request
}

// Refund cancels a reservation for a refund (RES-2, RES-4): in one
// transaction it records the support request carrying the reservation and
// its order ID, cancels the reservation, credits the final amount on the
// customer's open invoice, and writes the activity entries. The quote is
// computed inside the transaction, so it counts refunds made just before.
func (s *Store) Refund(ctx context.Context, partnerID string, actor activity.Actor, id string, d Details) (RefundResult, error) {
	var out RefundResult
	now := s.Clock.Now()
	err := db.Tx(ctx, s.DB, func(ctx context.Context, tx *gorm.DB) error {
		r, err := s.Get(ctx, partnerID, id)
		if err != nil {
			return err
		}
		if r.EffectiveStatus(now) != Active {
			return ErrNotActive
		}
		c, err := s.customer(ctx, r)
		if err != nil {
			return err
		}
		q, err := s.Quote(ctx, r)
		if err != nil {
			return err
		}
		// The status condition makes a second, concurrent refund change nothing.
		res := tx.Model(&Reservation{}).Where("id = ? AND status = ?", r.ID, Active).
			Updates(map[string]any{"status": Cancelled, "cancelled_at": now, "refund_amount": q.Final})
		if res.Error != nil {
			return res.Error
		}
		if res.RowsAffected != 1 {
			return ErrNotActive
		}
		req, err := s.Support.Create(ctx, partnerID, actor, requestFor(r, c.TenantID, c.ID, c.Name, d, "refund", q.Final), nil)
		if err != nil {
			return err
		}
		if q.Final > 0 {
			_, err = billing.Ledger{DB: s.DB}.Post(ctx, billing.Entry{
				PartnerID: partnerID, CustomerID: c.ID, At: now, Reason: "reservation_refund",
				Description: "Refund: " + r.Name, OrderID: r.OrderID, ResourceType: "reservation", ResourceID: r.ID,
				Quantity: r.Quantity, Amount: -q.Final,
			})
			if err != nil {
				return err
			}
		}
		if err := s.DeleteDraft(ctx, partnerID, actor.UserID, r.ID, KindRefund); err != nil {
			return err
		}
		out = RefundResult{Quote: q, Request: req}
		return s.Activity.Record(ctx, now, activity.Change{
			PartnerID: partnerID, Actor: actor, CustomerID: c.ID, CustomerName: c.Name,
			ResourceType: "reservation", ResourceID: r.ID, Action: "reservation.refunded",
			Details: fmt.Sprintf("%s: credit %d cents (fee %d, cut by cap %d), request %s", r.Name, q.Final, q.Fee, q.CutByCap, req.Number),
			Before:  map[string]any{"status": r.Status},
			After: map[string]any{"status": Cancelled, "days_since_purchase": q.DaysSincePurchase, "used": q.Used,
				"prorated": q.Prorated, "credit": q.Credit, "fee": q.Fee, "cut_by_cap": q.CutByCap, "final": q.Final,
				"support_request": req.Number},
		})
	})
	if err != nil {
		return RefundResult{}, fmt.Errorf("reservations: refund %s: %w", id, err)
	}
	return out, nil
}

// ExchangeResult is the outcome of an exchange.
type ExchangeResult struct {
	Quote   Exchange
	New     Reservation
	Request support.Request
}

// Exchange replaces a reservation with qty of a new reservation offer
// (RES-3, RES-4): the prorated remaining value is credited toward the new
// reservation's price, which must be at least that credit. In one
// transaction: the support request, the old reservation marked exchanged,
// the new one created with the same scope, the credit and the new charge on
// the open invoice, and the activity entries. A refused exchange changes
// nothing.
func (s *Store) Exchange(ctx context.Context, partnerID string, actor activity.Actor, id, offerID string, qty int, d Details) (ExchangeResult, error) {
	var out ExchangeResult
	now := s.Clock.Now()
	err := db.Tx(ctx, s.DB, func(ctx context.Context, tx *gorm.DB) error {
		r, err := s.Get(ctx, partnerID, id)
		if err != nil {
			return err
		}
		if r.EffectiveStatus(now) != Active {
			return ErrNotActive
		}
		o, err := s.Offer(ctx, partnerID, offerID)
		if err != nil {
			return err
		}
		if qty < 1 || qty > max(o.MaxQuantity, 1) {
			return fmt.Errorf("%w: quantity %d", ErrInvalid, qty)
		}
		x, err := ExchangeQuote(r, now, TermPrice(o, qty))
		if err != nil {
			return err
		}
		c, err := s.customer(ctx, r)
		if err != nil {
			return err
		}
		nr := New(Bought{PartnerID: partnerID, CustomerID: r.CustomerID, OrderID: r.OrderID, Offer: o, Quantity: qty,
			Price: x.NewPrice, Scope: r.Scope, AzureSubscriptionID: r.AzureSubscriptionID, ExchangedFromID: r.ID}, now)
		res := tx.Model(&Reservation{}).Where("id = ? AND status = ?", r.ID, Active).
			Updates(map[string]any{"status": Exchanged, "cancelled_at": now, "exchanged_for_id": nr.ID})
		if res.Error != nil {
			return res.Error
		}
		if res.RowsAffected != 1 {
			return ErrNotActive
		}
		if err := tx.Create(&nr).Error; err != nil {
			return err
		}
		req, err := s.Support.Create(ctx, partnerID, actor, requestFor(r, c.TenantID, c.ID, c.Name, d, "exchange", x.Credit), nil)
		if err != nil {
			return err
		}
		ledger := billing.Ledger{DB: s.DB}
		for _, e := range []billing.Entry{
			{Description: "Exchange credit: " + r.Name, ResourceID: r.ID, Quantity: r.Quantity, Amount: -x.Credit},
			{Description: "Exchange: " + nr.Name, ResourceID: nr.ID, Quantity: nr.Quantity, Amount: x.NewPrice},
		} {
			if e.Amount == 0 {
				continue
			}
			e.PartnerID, e.CustomerID, e.At, e.Reason, e.OrderID, e.ResourceType = partnerID, c.ID, now, "reservation_exchange", r.OrderID, "reservation"
			if _, err := ledger.Post(ctx, e); err != nil {
				return err
			}
		}
		if err := s.DeleteDraft(ctx, partnerID, actor.UserID, r.ID, KindExchange); err != nil {
			return err
		}
		out = ExchangeResult{Quote: x, New: nr, Request: req}
		return s.Activity.Record(ctx, now, activity.Change{
			PartnerID: partnerID, Actor: actor, CustomerID: c.ID, CustomerName: c.Name,
			ResourceType: "reservation", ResourceID: r.ID, Action: "reservation.exchanged",
			Details: fmt.Sprintf("%s → %s: credit %d cents, new price %d cents, request %s", r.Name, nr.Name, x.Credit, x.NewPrice, req.Number),
			Before:  map[string]any{"status": r.Status, "offer_id": r.OfferID},
			After: map[string]any{"status": Exchanged, "new_reservation_id": nr.ID, "new_offer_id": o.ID, "quantity": qty,
				"credit": x.Credit, "new_price": x.NewPrice, "difference": x.Difference, "support_request": req.Number},
		})
	})
	if err != nil {
		return ExchangeResult{}, fmt.Errorf("reservations: exchange %s: %w", id, err)
	}
	return out, nil
}

// requestFor builds the support request a refund or exchange is filed
// with: it carries the reservation ID and reservation order ID (RES-4).
func requestFor(r Reservation, tenantID, customerID, customerName string, d Details, reason string, amount money.Cents) support.NewRequest {
	return support.NewRequest{
		ProblemType: d.ProblemType, IssueType: d.IssueType, Category: d.Category, Severity: d.Severity,
		Title: d.Title, Description: d.Description, CustomerRef: tenantID, CustomerID: customerID, CustomerName: customerName,
		OrderOrSubscriptionID: r.ReservationOrderID, Reason: reason, AmountRequested: amount,
		ContactName: d.ContactName, ContactEmail: d.ContactEmail, ContactPhone: d.ContactPhone,
		ReservationID: r.ID, ReservationOrderID: r.ReservationOrderID,
	}
}

// DeleteDraft removes a wizard draft (inside the caller's transaction when
// there is one).
func (s *Store) DeleteDraft(ctx context.Context, partnerID, userID, reservationID, kind string) error {
	err := db.Conn(ctx, s.DB).Where("partner_id = ? AND user_id = ? AND reservation_id = ? AND kind = ?", partnerID, userID, reservationID, kind).
		Delete(&Draft{}).Error
	if err != nil {
		return fmt.Errorf("reservations: delete draft: %w", err)
	}
	return nil
}
