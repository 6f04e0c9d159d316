package catalog_test

import (
	"context"
	"errors"
	"testing"

	"gorm.io/gorm"

	"portal/internal/catalog"
	"portal/internal/customers"
	"portal/internal/demo"
	"portal/internal/perm"
	"portal/internal/testkit"
)

func offerID(slug string) string { return demo.ID("offer:" + slug) }

// countReads counts the statements that read the database.
func countReads(t *testing.T, g *gorm.DB) *int {
	t.Helper()
	n := new(int)
	count := func(*gorm.DB) { *n++ }
	if err := g.Callback().Query().After("gorm:query").Register("test:count_query", count); err != nil {
		t.Fatal(err)
	}
	if err := g.Callback().Row().After("gorm:row").Register("test:count_row", count); err != nil {
		t.Fatal(err)
	}
	return n
}

// CAT-3, PERF: a customer's eligibility for a page of offers is read in a
// fixed number of queries, the same for one offer as for every offer.
func TestEligibilityReadsAFixedNumberOfQueries_CAT3(t *testing.T) {
	app := testkit.New(t)
	s := &catalog.Store{DB: app.DB}
	var all []catalog.Offer
	if err := app.DB.Order("id").Find(&all).Error; err != nil {
		t.Fatal(err)
	}
	one, err := s.Get(context.Background(), demo.ContosoID, offerID("teams-audio-conferencing"))
	if err != nil {
		t.Fatal(err)
	}
	sh := catalog.Shopper{PartnerID: demo.ContosoID, CustomerID: demo.ID("customer:adatum.com"), Roles: perm.Roles{perm.SalesAgent}}
	reads := countReads(t, app.DB)
	if _, err := s.Eligibility(context.Background(), sh, []catalog.Offer{one}); err != nil {
		t.Fatal(err)
	}
	forOne := *reads
	*reads = 0
	el, err := s.Eligibility(context.Background(), sh, all)
	if err != nil {
		t.Fatal(err)
	}
	for _, o := range all {
		el.Of(o)
	}
	if len(all) < 60 || forOne != 3 || *reads != 3 {
		t.Fatalf("%d reads for one offer, %d for %d offers; want 3 each", forOne, *reads, len(all))
	}
	// A page that has read the customer gives it: one read fewer.
	var cust customers.Customer
	if err := app.DB.Where("id = ?", sh.CustomerID).Take(&cust).Error; err != nil {
		t.Fatal(err)
	}
	sh.Customer = &cust
	*reads = 0
	if _, err := s.Eligibility(context.Background(), sh, all); err != nil || *reads != 2 {
		t.Fatalf("%d reads with the customer given (%v); want 2", *reads, err)
	}
	// A customer given for another partner is not found (AUTH-1).
	sh.PartnerID = demo.ID("partner:fabrikam")
	if _, err := s.Eligibility(context.Background(), sh, all); !errors.Is(err, customers.ErrNotFound) {
		t.Fatalf("another partner's customer given: %v", err)
	}
}

// CAT-3, CAT-4, AUTH-5: the verdicts carry the reason's arguments, the base
// offer's name and whether the roles may buy; another partner's customer
// is not found.
func TestEligibilityVerdicts_CAT3_AUTH5(t *testing.T) {
	app := testkit.New(t)
	s := &catalog.Store{DB: app.DB}
	ctx := context.Background()
	get := func(slug string) catalog.Offer {
		t.Helper()
		o, err := s.Get(ctx, demo.ContosoID, offerID(slug))
		if err != nil {
			t.Fatal(err)
		}
		return o
	}
	secureMail, vm, addon, server := get("litware-secure-mail"), get("azure-vm-d2s-v5-1yr"), get("teams-audio-conferencing"), get("windows-server-2022-standard")
	offers := []catalog.Offer{secureMail, vm, addon, server}

	ga, err := s.Eligibility(ctx, catalog.Shopper{PartnerID: demo.ContosoID, CustomerID: demo.ID("customer:librevilletelecom.ga"), Roles: perm.Roles{perm.SalesAgent}}, offers)
	if err != nil {
		t.Fatal(err)
	}
	if v := ga.Of(vm); v.Reason != catalog.ReasonMarket || len(v.ReasonArgs) != 1 || v.ReasonArgs[0] != "GA" {
		t.Errorf("CAT-3 market: %+v", v)
	}
	if v := ga.Of(addon); v.Reason != catalog.ReasonNeedsBase || v.BaseName != "Microsoft 365 E3" || len(v.ReasonArgs) != 1 || v.ReasonArgs[0] != "Microsoft 365 E3" {
		t.Errorf("needs base: %+v", v)
	}
	if v := ga.Of(server); v.Allowed || v.Action != perm.BuySoftware {
		t.Errorf("AUTH-5 a sales agent buys no software: %+v", v)
	}
	if v := ga.Of(addon); !v.Allowed || v.Action != perm.BuyOnlineServices {
		t.Errorf("AUTH-5 a sales agent buys online services: %+v", v)
	}
	if v := ga.Of(catalog.Offer{}); !v.Hidden {
		t.Errorf("an offer that is gone is hidden: %+v", v)
	}

	us, err := s.Eligibility(ctx, catalog.Shopper{PartnerID: demo.ContosoID, CustomerID: demo.ID("customer:proseware.com"), Roles: perm.Roles{perm.AdminAgent}}, offers)
	if err != nil {
		t.Fatal(err)
	}
	if v := us.Of(secureMail); v.Reason != catalog.ReasonCountry || len(v.ReasonArgs) != 1 || v.ReasonArgs[0] != "US" {
		t.Errorf("CAT-3 country: %+v", v)
	}
	if v := us.Of(server); !v.Addable || !v.Allowed {
		t.Errorf("an admin agent buys software: %+v", v)
	}
	// An add-on becomes addable once its base is owned in the same order.
	us.Own(catalog.Owned{SubscriptionID: "new-e3", OfferID: addon.BaseOfferID, Status: "active"})
	if v := us.Of(addon); !v.Addable || us.BaseSubscription(addon) != "new-e3" {
		t.Errorf("add-on after its base: %+v", v)
	}

	_, err = s.Eligibility(ctx, catalog.Shopper{PartnerID: demo.ContosoID, CustomerID: demo.ID("customer:blueyonderairlines.com")}, offers)
	if !errors.Is(err, customers.ErrNotFound) {
		t.Fatalf("AUTH-1 another partner's customer: %v", err)
	}
}
