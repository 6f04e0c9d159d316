package orders

import (
	"testing"
	"time"

	"portal/internal/catalog"
	"portal/internal/platform/money"
	"portal/internal/subscriptions"
)

func at(s string) time.Time {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		panic(err)
	}
	return t
}

// CAT-7, BILL-1: what a purchase charges, in cents, at the edges of the
// billing period.
func TestCharge_CAT7_BILL1(t *testing.T) {
	e3 := catalog.Offer{Tab: catalog.TabOnline, Publisher: catalog.PublisherMicrosoft, BillingType: catalog.BillingLicense,
		Frequencies: "monthly,annual", MonthlyPrice: 4320, AnnualPrice: 43200}
	half := e3
	half.MonthlyPrice = 15
	saasTrial := e3
	saasTrial.Publisher, saasTrial.TrialDays = catalog.PublisherPartner, 30
	saasPaid := saasTrial
	saasPaid.TrialDays = 0
	msTrial := catalog.Offer{Tab: catalog.TabTrial, TrialLicenses: 25, Frequencies: "monthly"}
	usage := e3
	usage.BillingType = catalog.BillingUsage
	perpetual := catalog.Offer{Tab: catalog.TabSoftware, TermPrice: 106900}
	swSub := catalog.Offer{Tab: catalog.TabSoftware, TermPrice: 433800, TermMonths: 36}
	ri3 := catalog.Offer{Tab: catalog.TabReservation, TermPrice: 107500, TermMonths: 36}
	cases := []struct {
		name string
		o    catalog.Offer
		freq string
		qty  int
		at   string
		want money.Cents
	}{
		{"monthly bought on the 1st pays the whole month", e3, "monthly", 10, "2026-11-01T00:00:00Z", 43200},
		{"monthly bought on the 20th of a 30-day month pays 11/30", e3, "monthly", 10, "2026-11-20T09:00:00Z", 15840},
		{"monthly bought on the last day pays 1/30", e3, "monthly", 10, "2026-11-30T23:59:59Z", 1440},
		{"monthly in a 31-day month, 16 days left", e3, "monthly", 1, "2026-12-16T12:00:00Z", 2230}, // 4320*16/31 = 2229.68
		{"monthly in a leap February, last day", e3, "monthly", 1, "2028-02-29T08:00:00Z", 149},     // 4320/29 = 148.97
		{"monthly in a common February, first day", e3, "monthly", 1, "2027-02-01T08:00:00Z", 4320},
		{"half a cent rounds away from zero", half, "monthly", 1, "2026-11-16T10:00:00Z", 8}, // 15*15/30 = 7.5
		{"annual charges the full year", e3, "annual", 10, "2026-11-20T09:00:00Z", 432000},
		{"annual on the last day still charges the full year", e3, "annual", 1, "2026-11-30T23:00:00Z", 43200},
		{"partner SaaS without trial is prorated", saasPaid, "monthly", 1, "2026-11-20T09:00:00Z", 1584},
		{"CAT-10 partner SaaS with a free trial charges nothing now", saasTrial, "monthly", 120, "2026-11-20T09:00:00Z", 0},
		{"CAT-12 Microsoft trial charges nothing", msTrial, "monthly", 25, "2026-11-20T09:00:00Z", 0},
		{"usage-based charges nothing now", usage, "monthly", 1, "2026-11-20T09:00:00Z", 0},
		{"perpetual software charges the full price", perpetual, "", 4, "2026-11-20T09:00:00Z", 427600},
		{"software subscription charges the whole term", swSub, "", 2, "2026-11-30T09:00:00Z", 867600},
		{"reservation charges the whole term", ri3, "", 10, "2026-11-01T00:00:00Z", 1075000},
		{"no licenses, no charge", e3, "monthly", 0, "2026-11-20T09:00:00Z", 0},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := Charge(c.o, c.freq, c.qty, at(c.at)); got != c.want {
				t.Fatalf("charge %d, want %d", got, c.want)
			}
		})
	}
}

// CAT-7, BILL-1: the checkout charge of a monthly or annual line is, to the
// cent, the charge of the first term the purchase starts, so the renewals
// that follow bill every later day once.
func TestChargeIsTheFirstTermsCharge_CAT7_BILL1(t *testing.T) {
	e3 := catalog.Offer{Tab: catalog.TabOnline, Publisher: catalog.PublisherMicrosoft, BillingType: catalog.BillingLicense,
		Frequencies: "monthly,annual", MonthlyPrice: 4321, AnnualPrice: 43207}
	for _, when := range []string{"2026-11-20T09:00:00Z", "2026-11-01T00:00:00Z", "2026-11-30T23:59:59Z", "2027-01-31T15:30:00Z",
		"2027-02-01T10:00:00Z", "2028-02-29T08:00:00Z", "2026-12-16T12:00:00Z", "2026-11-30T22:00:00-05:00"} {
		for _, freq := range []string{"monthly", "annual"} {
			for _, qty := range []int{1, 7, 33} {
				now := at(when)
				s := NewSubscription(e3, freq, qty, now)
				if got, want := Charge(e3, freq, qty, now), subscriptions.TermCharge(s); got != want {
					t.Errorf("%s %s ×%d: checkout %d, first term %d", when, freq, qty, got, want)
				}
			}
		}
	}
}

// CAT-7, CAT-10, CAT-12: the subscription a purchase starts.
func TestNewSubscription_CAT7_CAT10_CAT12(t *testing.T) {
	now := at("2026-11-20T09:00:00Z")
	paid := catalog.Offer{ID: "e3", Name: "E3", Tab: catalog.TabOnline, Publisher: catalog.PublisherMicrosoft, BillingType: catalog.BillingLicense,
		Frequencies: "monthly,annual", MonthlyPrice: 4320, AnnualPrice: 43200}

	t.Run("CAT-7 monthly paid offer: first term to the end of the billing period", func(t *testing.T) {
		s := NewSubscription(paid, "monthly", 10, now)
		if s.Status != subscriptions.Active || !s.TermStart.Equal(now) || !s.TermEnd.Equal(at("2026-12-01T00:00:00Z")) ||
			!s.AutoRenew || !s.PurchasedAt.Equal(now) || !s.FirstBillingStart.Equal(now) || s.UnitPrice != 4320 || s.TrialEnd != nil {
			t.Fatalf("%+v", s)
		}
	})
	t.Run("CAT-7 annual paid offer", func(t *testing.T) {
		s := NewSubscription(paid, "annual", 10, now)
		if !s.TermEnd.Equal(at("2027-11-20T09:00:00Z")) || s.UnitPrice != 43200 {
			t.Fatalf("%+v", s)
		}
	})
	t.Run("CAT-10 partner SaaS free trial: term from the trial's end to the end of that billing period", func(t *testing.T) {
		o := paid
		o.Publisher, o.TrialDays = catalog.PublisherPartner, 30
		s := NewSubscription(o, "monthly", 5, now)
		end := at("2026-12-20T09:00:00Z")
		if s.Status != subscriptions.Trial || s.TrialEnd == nil || !s.TrialEnd.Equal(end) || !s.TermStart.Equal(end) ||
			!s.TermEnd.Equal(at("2027-01-01T00:00:00Z")) || !s.FirstBillingStart.Equal(end) || !s.AutoRenew || !s.PurchasedAt.Equal(now) {
			t.Fatalf("%+v", s)
		}
	})
	t.Run("CAT-12 Microsoft trial", func(t *testing.T) {
		o := catalog.Offer{ID: "e3t", Name: "E3 Trial", Tab: catalog.TabTrial, Frequencies: "monthly", TrialLicenses: 25, PaidOfferID: "e3"}
		s := NewSubscription(o, "monthly", 999, now)
		end := at("2026-12-20T09:00:00Z")
		if s.Status != subscriptions.Trial || s.Quantity != 25 || s.TrialEnd == nil || !s.TrialEnd.Equal(end) || !s.TermEnd.Equal(end) ||
			s.AutoRenew || s.PaidOfferID != "e3" || s.UnitPrice != 0 {
			t.Fatalf("%+v", s)
		}
	})
}
