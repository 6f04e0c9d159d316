package reservations

import (
	"testing"
	"time"

	"portal/internal/catalog"
)

// RES-3, CAT-7: checkout and exchange build a reservation by one rule: the
// offer's term (TermMonthsOf), one year when the offer names none, as the
// exchange prices it (TermPrice); a reservation never expires the moment
// it is bought.
func TestNewReservationTerm_RES3_CAT7(t *testing.T) {
	now := time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC)
	cases := []struct {
		name       string
		offer      catalog.Offer
		wantMonths int
		wantExpiry time.Time
	}{
		{"RES-3 a 3-year offer", catalog.Offer{ID: "o3", TermMonths: 36}, 36, time.Date(2029, 11, 20, 9, 0, 0, 0, time.UTC)},
		{"RES-3 a 1-year offer", catalog.Offer{ID: "o1", TermMonths: 12}, 12, time.Date(2027, 11, 20, 9, 0, 0, 0, time.UTC)},
		{"RES-3 an offer without a term: one year, as priced", catalog.Offer{ID: "o0"}, 12, time.Date(2027, 11, 20, 9, 0, 0, 0, time.UTC)},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			bought := New(Bought{PartnerID: "p", CustomerID: "c", OrderID: "order", Offer: c.offer, Quantity: 2, Price: 5000}, now)
			exchanged := New(Bought{PartnerID: "p", CustomerID: "c", OrderID: "order", Offer: c.offer, Quantity: 2, Price: 5000,
				Scope: ScopeSingle, AzureSubscriptionID: "azsub", ExchangedFromID: "old"}, now)
			for _, r := range []Reservation{bought, exchanged} {
				if r.TermMonths != c.wantMonths || !r.ExpiresAt.Equal(c.wantExpiry) || r.EffectiveStatus(now) != Active {
					t.Fatalf("%+v: want %d months to %s", r, c.wantMonths, c.wantExpiry)
				}
			}
			if bought.Scope != ScopeShared || bought.ID == "" || bought.ReservationOrderID == "" || bought.ID == exchanged.ID ||
				bought.Price != 5000 || bought.OfferID != c.offer.ID || bought.Status != Active {
				t.Fatalf("bought %+v", bought)
			}
			if exchanged.Scope != ScopeSingle || exchanged.AzureSubscriptionID != "azsub" || exchanged.ExchangedFromID != "old" ||
				exchanged.ReservationOrderID == bought.ReservationOrderID {
				t.Fatalf("exchanged %+v", exchanged)
			}
		})
	}
}
