package catalog

import "testing"

// CAT-3, CAT-4: every reason an offer is hidden or shown but not addable.
func TestAvailabilityOf_CAT3_CAT4(t *testing.T) {
	markets := MustUnavailableMarkets()
	const me, other = "partner-me", "partner-other"
	us := Buyer{PartnerID: me, Segment: "commercial", Country: "US", Markets: markets}
	with := func(b Buyer, f func(*Buyer)) Buyer { f(&b); return b }
	ms := Offer{ID: "o-ms", Tab: TabOnline, Publisher: PublisherMicrosoft, BillingType: BillingLicense}
	of := func(f func(*Offer)) Offer { o := ms; f(&o); return o }
	cases := []struct {
		name   string
		offer  Offer
		buyer  Buyer
		hidden bool
		reason string
		react  string
	}{
		{"addable Microsoft offer", ms, us, false, "", ""},
		{"CAT-3 hidden: exclusive to another partner", of(func(o *Offer) { o.ExclusivePartnerID = other }), us, true, "", ""},
		{"CAT-4 exclusive to this partner is shown and addable", of(func(o *Offer) { o.ExclusivePartnerID = me; o.Publisher = PublisherPartner }), us, false, "", ""},
		{"CAT-3 segment not eligible", of(func(o *Offer) { o.Segments = "education" }), us, false, ReasonSegment, ""},
		{"CAT-3 segment eligible", of(func(o *Offer) { o.Segments = "education,commercial" }), us, false, "", ""},
		{"CAT-3 one per customer, already owned", of(func(o *Offer) { o.OnePerCustomer = true }),
			with(us, func(b *Buyer) { b.Owned = []Owned{{"s1", "o-ms", "active"}} }), false, ReasonOnePer, ""},
		{"CAT-3 one per customer, owned in trial", of(func(o *Offer) { o.OnePerCustomer = true }),
			with(us, func(b *Buyer) { b.Owned = []Owned{{"s1", "o-ms", "trial"}} }), false, ReasonOnePer, ""},
		{"CAT-3 one per customer, owned but suspended: reactivate", of(func(o *Offer) { o.OnePerCustomer = true }),
			with(us, func(b *Buyer) { b.Owned = []Owned{{"s9", "o-ms", Suspended}} }), false, ReasonSuspended, "s9"},
		{"CAT-3 one per customer, another offer owned", of(func(o *Offer) { o.OnePerCustomer = true }),
			with(us, func(b *Buyer) { b.Owned = []Owned{{"s1", "o-other", "active"}} }), false, "", ""},
		{"CAT-3 ISV offer does not support the billing country", of(func(o *Offer) { o.Publisher = PublisherPartner; o.Countries = "FR,DE" }), us, false, ReasonCountry, ""},
		{"CAT-3 ISV offer supports the billing country", of(func(o *Offer) { o.Publisher = PublisherPartner; o.Countries = "FR,US" }), us, false, "", ""},
		{"CAT-3 country list applies to partner offers only", of(func(o *Offer) { o.Countries = "FR" }), us, false, "", ""},
		{"CAT-3 not in program", of(func(o *Offer) { o.Publisher = PublisherPartner; o.NotInProgram = true }), us, false, ReasonNotInProgram, ""},
		{"CAT-4 usage-based partner offer", of(func(o *Offer) { o.Publisher = PublisherPartner; o.BillingType = BillingUsage }), us, false, ReasonUsageBased, ""},
		{"CAT-4 usage-based Microsoft offer is addable", of(func(o *Offer) { o.BillingType = BillingUsage }), us, false, "", ""},
		{"CAT-3 reservation in an unavailable market (GA)", of(func(o *Offer) { o.Tab = TabReservation }),
			with(us, func(b *Buyer) { b.Country = "GA" }), false, ReasonMarket, ""},
		{"CAT-3 reservation in an available market", of(func(o *Offer) { o.Tab = TabReservation }), us, false, "", ""},
		{"CAT-3 software in an unavailable market is addable", of(func(o *Offer) { o.Tab = TabSoftware }),
			with(us, func(b *Buyer) { b.Country = "GA" }), false, "", ""},
		{"add-on without its base subscription", of(func(o *Offer) { o.BaseOfferID = "o-base" }), us, false, ReasonNeedsBase, ""},
		{"add-on with a suspended base subscription", of(func(o *Offer) { o.BaseOfferID = "o-base" }),
			with(us, func(b *Buyer) { b.Owned = []Owned{{"s2", "o-base", Suspended}} }), false, ReasonNeedsBase, ""},
		{"add-on with its base subscription", of(func(o *Offer) { o.BaseOfferID = "o-base" }),
			with(us, func(b *Buyer) { b.Owned = []Owned{{"s2", "o-base", "active"}} }), false, "", ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := AvailabilityOf(c.offer, c.buyer)
			if got.Hidden != c.hidden {
				t.Fatalf("hidden %v, want %v", got.Hidden, c.hidden)
			}
			if c.hidden {
				return
			}
			if got.Reason != c.reason || got.Addable != (c.reason == "") || got.ReactivateID != c.react {
				t.Fatalf("got %+v, want reason %q reactivate %q", got, c.reason, c.react)
			}
		})
	}
}

// CAT-3: the unavailable-markets table has 109 names for 106 codes, GA among them.
func TestUnavailableMarkets_CAT3(t *testing.T) {
	m, err := UnavailableMarkets()
	if err != nil {
		t.Fatal(err)
	}
	if len(m) != 106 {
		t.Fatalf("%d distinct codes, want 106", len(m))
	}
	for _, code := range []string{"GA", "ga", "CN", "BQ", "SJ", "XK", "VA"} {
		if !m.Has(code) {
			t.Errorf("%s missing", code)
		}
	}
	for _, code := range []string{"US", "FR", "AU", "BR", ""} {
		if m.Has(code) {
			t.Errorf("%s should be available", code)
		}
	}
}

// CAT-6: prices include tax only for customers billed in Australia and Brazil.
func TestPricesIncludeTax_CAT6(t *testing.T) {
	cases := map[string]bool{"AU": true, "BR": true, "au": true, " br ": true, "US": false, "FR": false, "GA": false, "NZ": false, "": false}
	for country, want := range cases {
		if got := PricesIncludeTax(country); got != want {
			t.Errorf("%q: %v, want %v", country, got, want)
		}
	}
}

// CAT-2: unknown filter values are dropped, the tab defaults to online
// services, and the page is kept within bounds.
func TestFilterNormalize_CAT2(t *testing.T) {
	f := Filter{Tab: "bogus", Publisher: "partner", Billing: "x", Category: "trial", Frequency: "weekly", Page: -3}.Normalize()
	want := Filter{Tab: TabOnline, Publisher: "partner", Category: "trial", Page: 1}
	if f != want {
		t.Fatalf("got %+v, want %+v", f, want)
	}
}

// Software and reservations are bought for their term, without a frequency.
func TestOffersFrequency(t *testing.T) {
	online := Offer{Tab: TabOnline, Frequencies: "monthly,annual"}
	if !online.OffersFrequency("annual") || online.OffersFrequency("") || online.OffersFrequency("weekly") {
		t.Fatal("online frequencies")
	}
	sw := Offer{Tab: TabSoftware}
	if !sw.OffersFrequency("") || sw.OffersFrequency("monthly") {
		t.Fatal("software frequencies")
	}
}
