package benchdata

import (
	"context"
	"errors"
	"fmt"

	"gorm.io/gorm"

	"portal/internal/catalog"
)

// RebuyableOffer returns the offer a checkout load buys (PERF-7): the
// first, by ID, of the catalog's online monthly licenses that any customer
// may buy again and again, with no one-per-customer limit, program, base
// offer, trial or segment, country or partner restriction, so every
// buyer's checkout is accepted.
func RebuyableOffer(ctx context.Context, g *gorm.DB) (catalog.Offer, error) {
	var o catalog.Offer
	err := g.WithContext(ctx).Where(`tab = 'online' AND billing_type = 'license' AND monthly_price > 0
		AND one_per_customer = ? AND not_in_program = ? AND base_offer_id = '' AND trial_days = 0 AND segments = '' AND countries = ''
		AND exclusive_partner_id = '' AND frequencies LIKE '%monthly%'`, false, false).Order("id").Take(&o).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return o, errors.New("benchdata: no plain monthly offer in the catalog")
	}
	if err != nil {
		return o, fmt.Errorf("benchdata: rebuyable offer: %w", err)
	}
	return o, nil
}
