package orders

import (
	"context"
	"errors"
	"fmt"

	"gorm.io/gorm"

	"portal/internal/cart"
	"portal/internal/catalog"
	"portal/internal/perm"
	"portal/internal/platform/apperr"
	"portal/internal/platform/db"
)

// CartCheckout is a purchase of a customer's cart as the buyer reviewed it.
type CartCheckout struct {
	Buyer      Buyer
	CustomerID string
	// Key is the checkout key of the cart the buyer reviewed
	// (cart.CheckoutKey), carried by the cart page's purchase form.
	Key string
}

// ErrCartChanged refuses a purchase of a cart that changed since the buyer
// reviewed it: nothing is bought.
var ErrCartChanged = fmt.Errorf("orders: the cart changed since its review: %w", apperr.ErrConflict)

// ForbiddenError refuses an order holding a line the buyer's roles may not
// buy (AUTH-5): Action is the permission it needs, so the refusal can name
// the roles that may. It is an ErrForbidden.
type ForbiddenError struct {
	Action    perm.Action
	OfferName string
}

func (e *ForbiddenError) Error() string {
	return fmt.Sprintf("orders: buying %s needs %q", e.OfferName, e.Action)
}

// Unwrap makes the refusal an ErrForbidden.
func (e *ForbiddenError) Unwrap() error { return ErrForbidden }

// CheckoutCart buys a customer's cart in one transaction (CAT-7): it takes
// the customer (lockCustomer), reads the cart, compares its checkout key with the
// one the buyer reviewed, checks each line's offer against the buyer's
// roles (AUTH-5) and its availability now (CAT-3, CAT-8), and places the
// order, removing the bought lines from the cart.
//
// A key that names an order this customer already has is a double submit:
// that order comes back with Existing, nothing new is bought. Otherwise an
// empty cart is ErrEmpty, a missing key ErrNoKey, a key of another state of
// the cart ErrCartChanged; a forbidden line a *ForbiddenError; a line that
// cannot be bought a *LineError.
func (s *Store) CheckoutCart(ctx context.Context, req CartCheckout) (Result, error) {
	partnerID, customerID := req.Buyer.PartnerID, req.CustomerID
	var res Result
	err := db.Tx(ctx, s.DB, func(ctx context.Context, tx *gorm.DB) error {
		if err := lockCustomer(tx, partnerID, customerID); err != nil {
			return err
		}
		lines, err := (&cart.Store{DB: s.DB, Offers: s.Offers}).Lines(ctx, partnerID, customerID)
		if err != nil {
			return err
		}
		current := cart.CheckoutKey(partnerID, customerID, lines)
		if req.Key != "" && req.Key != current {
			var prior Order
			err := tx.Where("checkout_key = ? AND partner_id = ? AND customer_id = ?", req.Key, partnerID, customerID).Take(&prior).Error
			if err == nil {
				res = Result{Order: prior, Existing: true}
				return nil
			}
			if !errors.Is(err, gorm.ErrRecordNotFound) {
				return err
			}
		}
		switch {
		case len(lines) == 0:
			return ErrEmpty
		case req.Key == "":
			return ErrNoKey
		case req.Key != current:
			return ErrCartChanged
		}
		order := Request{Buyer: req.Buyer, CustomerID: customerID, Key: req.Key}
		offers := map[string]catalog.Offer{} // read with the cart, in this transaction
		for _, l := range lines {
			order.Lines = append(order.Lines, RequestLine{CartItemID: l.ID, OfferID: l.OfferID, Quantity: l.Quantity, Frequency: l.Frequency})
			if l.Offer.ID != "" {
				offers[l.OfferID] = l.Offer
			}
		}
		o, err := s.place(ctx, tx, order, offers)
		if err != nil {
			return err
		}
		res = Result{Order: o}
		return nil
	})
	if err != nil {
		return Result{}, fmt.Errorf("orders: checkout of the cart of %s: %w", customerID, err)
	}
	return res, nil
}
