package orders

import (
	"context"
	"errors"
	"fmt"
	"sort"

	"gorm.io/gorm"

	"portal/internal/activity"
	"portal/internal/billing"
	"portal/internal/cart"
	"portal/internal/catalog"
	"portal/internal/perm"
	"portal/internal/platform/apperr"
	"portal/internal/platform/clock"
	"portal/internal/platform/db"
	"portal/internal/platform/keyset"
)

// Resource types an order line becomes.
const (
	ResourceSubscription = "subscription"
	ResourceSoftware     = "software"
	ResourceReservation  = "reservation"
)

// Store places and reads orders, scoped by partner.
type Store struct {
	DB       *gorm.DB
	Clock    clock.Clock
	Activity activity.Recorder
	// Markets is where Azure reservations are not sold (CAT-3).
	Markets catalog.Markets
	// Offers, when set, serves the offers from memory, checked against the
	// catalog's version the checkout's transaction sees.
	Offers *catalog.OfferCache
}

// Buyer is who places an order: the partner, the user and their roles.
type Buyer struct {
	PartnerID string
	Actor     activity.Actor
	Roles     perm.Roles
}

// RequestLine is one thing to buy. CartItemID names the cart line it comes
// from, removed from the cart with the purchase; empty for a direct order.
type RequestLine struct {
	CartItemID string
	OfferID    string
	Quantity   int
	Frequency  string
}

// Request is a checkout: what to buy for which customer, and the checkout
// key that makes a double submit create one order (CAT-7).
type Request struct {
	Buyer      Buyer
	CustomerID string
	Key        string
	Lines      []RequestLine
}

// Result is a placed order. Existing is true when the key named an order
// placed before (a double submit): nothing new was bought.
type Result struct {
	Order    Order
	Existing bool
}

// LineError says why one line cannot be bought now; the checkout bought
// nothing. Reason is a message key (a catalog.Reason* or "order.reason.*").
type LineError struct {
	CartItemID string
	OfferID    string
	OfferName  string
	Reason     string
	// ReasonArgs are the arguments of Reason's message.
	ReasonArgs []any
	kind       error
}

func (e *LineError) Error() string {
	return fmt.Sprintf("orders: line %s (%s): %s: %v", e.OfferID, e.OfferName, e.Reason, e.kind)
}

// Unwrap gives the kind of failure: apperr.ErrConflict when the offer is no
// longer available to the customer, apperr.ErrInvalid for a bad count or
// frequency, apperr.ErrNotFound for an unknown or hidden offer.
func (e *LineError) Unwrap() error { return e.kind }

// Errors of checkout.
var (
	ErrEmpty     = fmt.Errorf("orders: nothing to buy: %w", apperr.ErrInvalid)
	ErrForbidden = fmt.Errorf("orders: the user's roles may not buy this: %w", apperr.ErrForbidden)
	ErrNoKey     = fmt.Errorf("orders: missing checkout key: %w", apperr.ErrInvalid)
)

// Reasons of a line error that are not catalog availability reasons.
const (
	ReasonQuantity  = "order.reason.quantity"
	ReasonFrequency = "order.reason.frequency"
	ReasonGone      = "order.reason.gone"
)

// Checkout turns a request into one order in one transaction (CAT-7): the
// order and its lines, a subscription, software purchase or reservation per
// line, the charges on the customer's open invoice (BILL-1), the activity
// entries, and the cart lines removed.
//
// The transaction first takes the customer (lockCustomer), so checkouts
// for one customer run one after the other: a second submit with
// the same key finds the first's order, and of concurrent purchases of a
// one-per-customer offer exactly one succeeds (CAT-8).
func (s *Store) Checkout(ctx context.Context, req Request) (Result, error) {
	if req.Key == "" {
		return Result{}, ErrNoKey
	}
	if len(req.Lines) == 0 {
		return Result{}, ErrEmpty
	}
	var res Result
	err := db.Tx(ctx, s.DB, func(ctx context.Context, tx *gorm.DB) error {
		if err := lockCustomer(tx, req.Buyer.PartnerID, req.CustomerID); err != nil {
			return err
		}
		var prior Order
		err := tx.Where("checkout_key = ?", req.Key).Take(&prior).Error
		if err == nil {
			if prior.PartnerID != req.Buyer.PartnerID || prior.CustomerID != req.CustomerID {
				return ErrNotFound
			}
			res = Result{Order: prior, Existing: true}
			return nil
		}
		if !errors.Is(err, gorm.ErrRecordNotFound) {
			return err
		}
		o, err := s.place(ctx, tx, req, nil)
		if err != nil {
			return err
		}
		res = Result{Order: o}
		return nil
	})
	if err != nil {
		return Result{}, fmt.Errorf("orders: checkout for %s: %w", req.CustomerID, err)
	}
	return res, nil
}

// place writes the order, in the transaction Checkout or CheckoutCart holds.
// offers are the lines' offers when the caller read them in this
// transaction already (the cart's), else nil: place reads them.
func (s *Store) place(ctx context.Context, tx *gorm.DB, req Request, offers map[string]catalog.Offer) (Order, error) {
	now := s.Clock.Now()
	cat := &catalog.Store{DB: tx, Markets: s.Markets, Cache: s.Offers}
	if offers == nil {
		ids := make([]string, 0, len(req.Lines))
		for _, l := range req.Lines {
			ids = append(ids, l.OfferID)
		}
		var err error
		if offers, err = cat.Offers(ctx, req.Buyer.PartnerID, ids); err != nil {
			return Order{}, err
		}
	}
	list := make([]catalog.Offer, 0, len(offers))
	for _, o := range offers {
		list = append(list, o)
	}
	el, err := cat.Eligibility(ctx, catalog.Shopper{PartnerID: req.Buyer.PartnerID, CustomerID: req.CustomerID, Roles: req.Buyer.Roles}, list)
	if err != nil {
		return Order{}, err
	}
	cust := el.Customer
	// Base offers before their add-ons, so an add-on bought with its base
	// attaches to it; otherwise the cart's order.
	lines := append([]RequestLine(nil), req.Lines...)
	sort.SliceStable(lines, func(i, j int) bool {
		return !offers[lines[i].OfferID].AddOn() && offers[lines[j].OfferID].AddOn()
	})
	// Roles first: a forbidden line refuses the whole order with 403, naming
	// the action the roles lack (AUTH-5).
	if err := refusal(el, offers, lines); err != nil {
		return Order{}, err
	}
	order := Order{ID: keyset.NewID(), PartnerID: req.Buyer.PartnerID, CustomerID: cust.ID,
		UserID: req.Buyer.Actor.UserID, UserName: req.Buyer.Actor.Name, CheckoutKey: req.Key, CreatedAt: now}
	var rows []Line
	var cartIDs []string
	for _, l := range lines {
		o := offers[l.OfferID] // the zero Offer when unknown: hidden
		fail := func(reason string, args []any, kind error) error {
			return &LineError{CartItemID: l.CartItemID, OfferID: l.OfferID, OfferName: o.Name, Reason: reason, ReasonArgs: args, kind: kind}
		}
		verdict := el.Of(o)
		switch {
		case verdict.Hidden:
			return Order{}, fail(ReasonGone, nil, apperr.ErrNotFound)
		case !verdict.Addable:
			return Order{}, fail(verdict.Reason, verdict.ReasonArgs, apperr.ErrConflict)
		}
		parentID := baseInOrder(rows, o)
		if parentID == "" {
			parentID = el.BaseSubscription(o)
		}
		if o.AddOn() {
			// SUB-3: an add-on takes its base subscription's frequency.
			if l.Frequency, err = addOnFrequency(tx, rows, o, parentID, l.Frequency); err != nil {
				return Order{}, err
			}
		}
		terms, problems := catalog.CheckLine(o, l.Quantity, l.Frequency)
		if len(problems) > 0 {
			reason := ReasonQuantity
			if problems[0].Field == catalog.FieldFrequency {
				reason = ReasonFrequency
			}
			return Order{}, fail(reason, nil, apperr.ErrInvalid)
		}
		qty, freq := terms.Quantity, terms.Frequency
		line := Line{ID: keyset.NewID(), OrderID: order.ID, OfferID: o.ID, OfferName: o.Name, Quantity: qty,
			Frequency: freq, UnitPrice: o.PriceFor(freq), Amount: Charge(o, freq, qty, now)}
		status, err := s.provision(tx, &line, o, cust, order, now, parentID)
		if err != nil {
			return Order{}, err
		}
		if line.ResourceType == ResourceSubscription {
			el.Own(catalog.Owned{SubscriptionID: line.ResourceID, OfferID: o.ID, Status: status})
		}
		rows = append(rows, line)
		order.Total += line.Amount
		if l.CartItemID != "" {
			cartIDs = append(cartIDs, l.CartItemID)
		}
	}
	if err := db.Insert(tx, &order); err != nil {
		if db.IsUniqueViolation(err) {
			return Order{}, fmt.Errorf("orders: checkout key used concurrently: %w", apperr.ErrConflict)
		}
		return Order{}, err
	}
	for i := range rows {
		if err := db.Insert(tx, &rows[i]); err != nil {
			return Order{}, err
		}
	}
	ledger := billing.Ledger{DB: tx}
	for _, l := range rows {
		if l.Amount == 0 {
			continue // trials and usage-based offers: nothing to bill now
		}
		reason := "purchase"
		if offers[l.OfferID].AddOn() {
			reason = "addon"
		}
		if _, err := ledger.Post(ctx, billing.Entry{PartnerID: order.PartnerID, CustomerID: cust.ID, At: now,
			Reason: reason, Description: l.OfferName, OrderID: order.ID, ResourceType: l.ResourceType,
			ResourceID: l.ResourceID, Quantity: l.Quantity, Amount: l.Amount}); err != nil {
			return Order{}, err
		}
	}
	if err := RecordPlaced(ctx, s.Activity, now, req.Buyer.Actor, cust.Name, order, rows); err != nil {
		return Order{}, err
	}
	if len(cartIDs) > 0 {
		if err := tx.Where("partner_id = ? AND customer_id = ? AND id IN ?", order.PartnerID, cust.ID, cartIDs).Delete(&cart.Item{}).Error; err != nil {
			return Order{}, err
		}
	}
	// Last, once the order is written: the partner's summary rows, which
	// its other checkouts wait for until this transaction commits.
	if err := lockSummaries(tx, req.Buyer.PartnerID, offers); err != nil {
		return Order{}, err
	}
	return order, nil
}
