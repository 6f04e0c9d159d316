package subscriptions

import (
	"testing"
	"time"
)

// CAT-7, SUB-3, CAT-12: a bought subscription gets its own ID and names its
// partner, customer, order and, for an add-on, its parent; a Microsoft
// trial runs monthly when no frequency is given.
func TestNewNamesItsOwners_CAT7_SUB3_CAT12(t *testing.T) {
	now := time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC)
	b := Bought{PartnerID: "p", CustomerID: "c", OrderID: "o", ParentID: "base", OfferID: "addon", OfferName: "Add-on",
		BillingType: License, Frequency: Monthly, Quantity: 3, UnitPrice: 800}
	a, other := New(b, now), New(b, now)
	if a.ID == "" || a.ID == other.ID || a.PartnerID != "p" || a.CustomerID != "c" || a.OrderID != "o" || a.ParentID != "base" ||
		!a.IsAddOn() || a.Status != Active || a.UnitPrice != 800 || !a.CreatedAt.Equal(now) {
		t.Fatalf("%+v", a)
	}
	trial := New(Bought{OfferID: "t", MicrosoftTrial: true, TrialLicenses: 25, PaidOfferID: "paid", Quantity: 1, UnitPrice: 999}, now)
	if trial.Frequency != Monthly || trial.Quantity != 25 || trial.UnitPrice != 0 || !trial.IsMicrosoftTrial() ||
		!trial.TermEnd.Equal(now.AddDate(0, 0, MicrosoftTrialDays)) {
		t.Fatalf("CAT-12 trial %+v", trial)
	}
}
