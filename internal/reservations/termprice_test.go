package reservations

import (
	"testing"

	"portal/internal/catalog"
	"portal/internal/platform/money"
)

// RES-3: the new reservation's price in an exchange is what checkout would
// charge for it: the catalog's whole-term price per unit, times the quantity;
// offers priced per year or per month are priced for the whole term.
func TestTermPrice_RES3(t *testing.T) {
	cases := []struct {
		name string
		o    catalog.Offer
		qty  int
		want money.Cents
	}{
		{"whole-term price, as the catalog sells reservations", catalog.Offer{TermPrice: 107500, TermMonths: 36}, 7, 752500},
		{"annual price over a 3-year term", catalog.Offer{AnnualPrice: 100000, TermMonths: 36}, 3, 900000},
		{"monthly price over a 1-year term", catalog.Offer{MonthlyPrice: 5000, TermMonths: 12}, 2, 120000},
		{"no term: one year", catalog.Offer{AnnualPrice: 100000}, 1, 100000},
	}
	for _, c := range cases {
		if got := TermPrice(c.o, c.qty); got != c.want {
			t.Errorf("%s: %d, want %d", c.name, got, c.want)
		}
	}
}
