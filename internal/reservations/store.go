package reservations

import (
	"context"
	"fmt"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"portal/internal/activity"
	"portal/internal/auth"
	"portal/internal/customers"
	"portal/internal/platform/clock"
	"portal/internal/platform/db"
	"portal/internal/platform/keyset"
	"portal/internal/platform/money"
	"portal/internal/subscriptions"
	"portal/internal/support"
)

// Store reads and changes a partner's reservations; every method is scoped
// by partner: another partner's reservation is ErrNotFound (AUTH-1).
type Store struct {
	DB       *gorm.DB
	Clock    clock.Clock
	Activity activity.Recorder
	Support  *support.Store
}

// More errors of the store, each naming the field it is about.
var (
	ErrBadScope        = fmt.Errorf("%w: scope must be single or shared", ErrInvalid)
	ErrBadSubscription = fmt.Errorf("%w: not one of the customer's active subscriptions", ErrInvalid)
	ErrBadUser         = fmt.Errorf("%w: not a user of the partner", ErrInvalid)
	ErrBadOffer        = fmt.Errorf("%w: not a reservation offer of the catalog", ErrInvalid)
)

// Get returns one of the partner's reservations.
func (s *Store) Get(ctx context.Context, partnerID, id string) (Reservation, error) {
	return db.Get[Reservation](ctx, s.DB, partnerID, id, ErrNotFound)
}

// Page is one page of a customer's reservations.
type Page struct {
	Reservations []Reservation
	// HasMore says a page follows in the direction read: after the page
	// when reading forwards, before it when reading back from a cursor.
	HasMore bool
}

// CursorOf returns the position of a reservation in its customer's list.
func CursorOf(r Reservation) keyset.Cursor { return keyset.AtCursor(r.PurchasedAt, r.ID) }

// ForCustomer lists up to limit of a customer's reservations, newest first,
// after the cursor, or the page that ends before it when before is set, in
// one query read from the partner+customer+purchase+id index in its order
// (RES-1, PERF-6).
func (s *Store) ForCustomer(ctx context.Context, partnerID, customerID string, at keyset.Cursor, before bool, limit int) (Page, error) {
	q := db.Conn(ctx, s.DB).Where("partner_id = ? AND customer_id = ?", partnerID, customerID)
	q, back := keyset.NewestFirst(q, "purchased_at", at, before)
	var p Page
	if err := q.Limit(limit + 1).Find(&p.Reservations).Error; err != nil {
		return Page{}, fmt.Errorf("reservations: list for %s: %w", customerID, err)
	}
	p.Reservations, p.HasMore = keyset.Page(p.Reservations, limit, back)
	return p, nil
}

// RefundedInWindow sums the refunds the customer got in the cap's rolling
// window ending at now (RES-2).
func (s *Store) RefundedInWindow(ctx context.Context, partnerID, customerID string, now time.Time) (money.Cents, error) {
	var sum int64
	err := db.Conn(ctx, s.DB).Model(&Reservation{}).Select("COALESCE(SUM(refund_amount), 0)").
		Where("partner_id = ? AND customer_id = ? AND status = ? AND cancelled_at > ?", partnerID, customerID, Cancelled, now.Add(-CapWindow)).
		Scan(&sum).Error
	if err != nil {
		return 0, fmt.Errorf("reservations: refunds of %s: %w", customerID, err)
	}
	return money.Cents(sum), nil
}

// Quote returns the refund quote of a reservation now (RES-2).
func (s *Store) Quote(ctx context.Context, r Reservation) (Quote, error) {
	now := s.Clock.Now()
	refunded, err := s.RefundedInWindow(ctx, r.PartnerID, r.CustomerID, now)
	if err != nil {
		return Quote{}, err
	}
	return RefundQuote(r, now, Used(r, now), refunded), nil
}

// AzureSubscriptions lists the customer's subscriptions a single-scope
// reservation may be associated with: every active one.
func (s *Store) AzureSubscriptions(ctx context.Context, partnerID, customerID string) ([]subscriptions.Subscription, error) {
	var out []subscriptions.Subscription
	err := db.Conn(ctx, s.DB).Select("id", "offer_name", "quantity", "status").
		Where("partner_id = ? AND customer_id = ? AND status = ?", partnerID, customerID, subscriptions.Active).
		Order("offer_name, id").Limit(200).Find(&out).Error
	if err != nil {
		return nil, fmt.Errorf("reservations: subscriptions of %s: %w", customerID, err)
	}
	return out, nil
}

// customer loads the reservation's customer, for names in the log and on
// the invoice.
func (s *Store) customer(ctx context.Context, r Reservation) (customers.Customer, error) {
	var c customers.Customer
	err := db.Conn(ctx, s.DB).Where("partner_id = ? AND id = ?", r.PartnerID, r.CustomerID).Take(&c).Error
	if err != nil {
		return customers.Customer{}, fmt.Errorf("reservations: customer of %s: %w", r.ID, err)
	}
	return c, nil
}

// SetScope changes a reservation's scope: shared, or single with the
// customer's active subscription subID (RES-1).
func (s *Store) SetScope(ctx context.Context, partnerID string, actor activity.Actor, id, scope, subID string) error {
	now := s.Clock.Now()
	err := db.Tx(ctx, s.DB, func(ctx context.Context, tx *gorm.DB) error {
		r, err := s.Get(ctx, partnerID, id)
		if err != nil {
			return err
		}
		if r.EffectiveStatus(now) != Active {
			return ErrNotActive
		}
		switch scope {
		case ScopeShared:
			subID = ""
		case ScopeSingle:
			var n int64
			err := tx.Model(&subscriptions.Subscription{}).
				Where("partner_id = ? AND customer_id = ? AND id = ? AND status = ?", partnerID, r.CustomerID, subID, subscriptions.Active).
				Count(&n).Error
			if err != nil {
				return err
			}
			if n == 0 {
				return ErrBadSubscription
			}
		default:
			return ErrBadScope
		}
		if r.Scope == scope && r.AzureSubscriptionID == subID {
			return nil
		}
		err = tx.Model(&Reservation{}).Where("id = ?", r.ID).
			Updates(map[string]any{"scope": scope, "azure_subscription_id": subID}).Error
		if err != nil {
			return err
		}
		c, err := s.customer(ctx, r)
		if err != nil {
			return err
		}
		return s.Activity.Record(ctx, now, activity.Change{
			PartnerID: partnerID, Actor: actor, CustomerID: c.ID, CustomerName: c.Name,
			ResourceType: "reservation", ResourceID: r.ID, Action: "reservation.scope_changed", Details: r.Name,
			Before: map[string]string{"scope": r.Scope, "azure_subscription_id": r.AzureSubscriptionID},
			After:  map[string]string{"scope": scope, "azure_subscription_id": subID},
		})
	})
	if err != nil {
		return fmt.Errorf("reservations: set scope of %s: %w", id, err)
	}
	return nil
}

// AccessRow is one user on a reservation's access list.
type AccessRow struct {
	UserID    string
	Name      string
	Email     string
	GrantedBy string
	GrantedAt time.Time
}

// AccessList returns the users given access to a reservation, by name, in
// one query.
func (s *Store) AccessList(ctx context.Context, partnerID, id string) ([]AccessRow, error) {
	var out []AccessRow
	err := db.Conn(ctx, s.DB).Table("reservation_access AS a").
		Select("u.id AS user_id, u.name, u.email, a.granted_by, a.granted_at").
		Joins("JOIN users u ON u.id = a.user_id").
		Where("a.partner_id = ? AND a.reservation_id = ?", partnerID, id).
		Order("u.name, u.id").Find(&out).Error
	if err != nil {
		return nil, fmt.Errorf("reservations: access list of %s: %w", id, err)
	}
	return out, nil
}

// PartnerUsers lists the partner's enabled users, by name.
func (s *Store) PartnerUsers(ctx context.Context, partnerID string) ([]auth.User, error) {
	var out []auth.User
	err := db.Conn(ctx, s.DB).Select("id", "name", "email").
		Where("partner_id = ? AND disabled = ?", partnerID, false).Order("name, id").Limit(1000).Find(&out).Error
	if err != nil {
		return nil, fmt.Errorf("reservations: users of %s: %w", partnerID, err)
	}
	return out, nil
}

// SetAccess gives (grant true) or takes away a partner user's access to a
// reservation (RES-1). Granting twice or revoking an absent user changes
// nothing.
func (s *Store) SetAccess(ctx context.Context, partnerID string, actor activity.Actor, id, userID string, grant bool) error {
	now := s.Clock.Now()
	err := db.Tx(ctx, s.DB, func(ctx context.Context, tx *gorm.DB) error {
		r, err := s.Get(ctx, partnerID, id)
		if err != nil {
			return err
		}
		u, err := db.Get[auth.User](ctx, tx, partnerID, userID, ErrBadUser)
		if err != nil {
			return err
		}
		var res *gorm.DB
		action := "reservation.access_granted"
		if grant {
			res = tx.Clauses(clause.OnConflict{DoNothing: true}).Create(&Access{
				ReservationID: r.ID, UserID: u.ID, PartnerID: partnerID, GrantedBy: actor.Name, GrantedAt: now})
		} else {
			action = "reservation.access_revoked"
			res = tx.Where("reservation_id = ? AND user_id = ?", r.ID, u.ID).Delete(&Access{})
		}
		if res.Error != nil || res.RowsAffected == 0 {
			return res.Error
		}
		c, err := s.customer(ctx, r)
		if err != nil {
			return err
		}
		return s.Activity.Record(ctx, now, activity.Change{
			PartnerID: partnerID, Actor: actor, CustomerID: c.ID, CustomerName: c.Name,
			ResourceType: "reservation", ResourceID: r.ID, Action: action, Details: r.Name + ": " + u.Email,
			After: map[string]string{"user_id": u.ID, "email": u.Email},
		})
	})
	if err != nil {
		return fmt.Errorf("reservations: access to %s: %w", id, err)
	}
	return nil
}

// CountForCustomer counts a customer's reservations up to limit (UX-4), from the
// (partner, customer, …) index the tab's pages read: the count and whether
// there are more.
func (s *Store) CountForCustomer(ctx context.Context, partnerID, customerID string, limit int) (int64, bool, error) {
	q := db.Conn(ctx, s.DB).Model(&Reservation{}).Where("reservations.partner_id = ? AND reservations.customer_id = ?", partnerID, customerID)
	n, more, err := db.CountCapped(q, limit)
	if err != nil {
		return 0, false, fmt.Errorf("reservations: count of %s: %w", customerID, err)
	}
	return n, more, nil
}
