package subscriptions

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"gorm.io/gorm"

	"portal/internal/platform/db"
	"portal/internal/platform/money"
)

// offersTable is the catalog's table of offers. Subscriptions read the few
// columns they need through OfferTerms instead of importing the catalog
// package, which itself reads subscriptions (one per customer, CAT-3).
const offersTable = "offers"

// OfferTerms is what a subscription needs from a catalog offer: its name,
// prices, billing frequencies and license limits.
type OfferTerms struct {
	ID           string
	Name         string
	BillingType  string
	Frequencies  string
	MonthlyPrice money.Cents
	AnnualPrice  money.Cents
	MinQuantity  int
	MaxQuantity  int
	BaseOfferID  string
}

// PriceFor returns the price per license per period at a frequency.
func (o OfferTerms) PriceFor(frequency string) money.Cents {
	if frequency == Annual {
		return o.AnnualPrice
	}
	return o.MonthlyPrice
}

// FrequencyFor returns want when the offer is billed that way, else the
// offer's first billing frequency.
func (o OfferTerms) FrequencyFor(want string) string {
	var first string
	for _, f := range strings.Split(o.Frequencies, ",") {
		f = strings.TrimSpace(f)
		if f == want {
			return f
		}
		if first == "" {
			first = f
		}
	}
	if first == "" {
		return Monthly
	}
	return first
}

// offer reads one offer's terms.
func offer(ctx context.Context, g *gorm.DB, id string) (OfferTerms, error) {
	var o OfferTerms
	err := db.Conn(ctx, g).Table(offersTable).Where("id = ?", id).Take(&o).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return o, ErrOfferNotFound
	}
	if err != nil {
		return o, fmt.Errorf("subscriptions: offer %s: %w", id, err)
	}
	return o, nil
}
