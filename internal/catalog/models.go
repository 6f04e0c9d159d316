// Package catalog holds the offers partners sell and the rules that decide
// whether an offer can be added for a customer (CAT-1 to CAT-4).
package catalog

import (
	"fmt"
	"strings"

	"portal/internal/platform/apperr"
	"portal/internal/platform/money"
)

// Tabs of the catalog (CAT-1): each offer belongs to one.
const (
	TabOnline      = "online"
	TabSoftware    = "software"
	TabReservation = "reservation"
	TabTrial       = "trial"
)

// Filter values (CAT-2).
const (
	PublisherMicrosoft = "microsoft"
	PublisherPartner   = "partner"
	BillingLicense     = "license"
	BillingUsage       = "usage"
	CategoryEnterprise = "enterprise"
	CategorySmallBiz   = "small_business"
	CategoryTrial      = "trial"
	Monthly            = "monthly"
	Annual             = "annual"
)

// Software kinds (SW-1).
const (
	SoftwarePerpetual    = "perpetual"
	SoftwareSubscription = "subscription"
)

// Software product families with their own cancellation rules (SW-6).
const (
	ProductWindows7ESU = "win7_esu"
	ProductSUSE        = "suse"
	ProductRedHat      = "redhat"
)

// Offer is one product of the catalog. The catalog is shared by all partners;
// an offer exclusive to one partner names it (CAT-3).
type Offer struct {
	ID          string `gorm:"primaryKey;size:36;index:idx_offers_base_offer_id,priority:3"`
	Tab         string `gorm:"size:12;not null;index:idx_offers_tab_name,priority:1;index:idx_offers_tab_filters,priority:1"`
	Name        string `gorm:"size:200;not null;index:idx_offers_tab_name,priority:2;index:idx_offers_base_offer_id,priority:2"`
	Description string `gorm:"size:1000;not null;default:''"`
	Publisher   string `gorm:"size:12;not null;index:idx_offers_tab_filters,priority:2"`
	// PublisherName is who makes it: "Microsoft" or the ISV's name.
	PublisherName string `gorm:"size:120;not null;default:''"`
	BillingType   string `gorm:"size:8;not null;index:idx_offers_tab_filters,priority:3"`
	Category      string `gorm:"size:16;not null;index:idx_offers_tab_filters,priority:4"`
	// Frequencies lists the billing frequencies offered, comma-separated
	// ("monthly", "annual" or "monthly,annual").
	Frequencies string `gorm:"size:20;not null"`
	// MonthlyPrice and AnnualPrice are per license per billing period.
	MonthlyPrice money.Cents `gorm:"not null;default:0"`
	AnnualPrice  money.Cents `gorm:"not null;default:0"`
	// TermPrice is, for software and reservations, the price per unit of the
	// whole purchase: a perpetual license, or the whole term (TermMonths).
	TermPrice   money.Cents `gorm:"not null;default:0"`
	MinQuantity int         `gorm:"not null;default:1"`
	MaxQuantity int         `gorm:"not null;default:300"`
	// Segments lists the eligible customer segments, comma-separated; empty
	// means every segment.
	Segments string `gorm:"size:80;not null;default:''"`
	// Countries lists the billing countries a partner (ISV) offer supports,
	// comma-separated ISO codes; empty means every country.
	Countries      string `gorm:"size:400;not null;default:''"`
	OnePerCustomer bool   `gorm:"not null;default:false"`
	// ExclusivePartnerID hides the offer from every other partner.
	ExclusivePartnerID string `gorm:"size:36;not null;default:''"`
	// NotInProgram: the publisher has not made the offer available through
	// the program; it is shown but cannot be added.
	NotInProgram bool `gorm:"not null;default:false"`
	// TrialDays is the free trial a partner SaaS offer starts with (CAT-10).
	TrialDays int    `gorm:"not null;default:0"`
	SetupURL  string `gorm:"size:300;not null;default:''"`
	// BaseOfferID makes this offer an add-on of another (SUB-3).
	BaseOfferID string `gorm:"size:36;not null;default:'';index:idx_offers_base_offer_id,priority:1"`
	// PaidOfferID is the paid offer a Microsoft trial converts to (CAT-12).
	PaidOfferID string `gorm:"size:36;not null;default:''"`
	// TrialLicenses is a Microsoft trial's fixed license count (CAT-12).
	TrialLicenses int `gorm:"not null;default:0"`
	// TermMonths is the length of a term: 1 or 12 for online services
	// (follows the frequency when 0), 12 or 36 for software subscriptions and
	// reservations; 0 for perpetual software.
	TermMonths int `gorm:"not null;default:0"`
	// Software only.
	SoftwareKind string `gorm:"size:12;not null;default:''"`
	Product      string `gorm:"size:40;not null;default:''"`
	Versions     string `gorm:"size:200;not null;default:''"`
	Languages    string `gorm:"size:200;not null;default:''"`
	FileTypes    string `gorm:"size:200;not null;default:''"`
	// Reservations only: "vm", "sql", "cosmos", and the region.
	ReservationType string `gorm:"size:12;not null;default:''"`
	Region          string `gorm:"size:40;not null;default:''"`
}

// List splits a comma-separated field.
func List(s string) []string {
	if s == "" {
		return nil
	}
	parts := strings.Split(s, ",")
	for i := range parts {
		parts[i] = strings.TrimSpace(parts[i])
	}
	return parts
}

// PriceFor returns the price per license per period at a frequency; for
// software and reservations, the price of the whole purchase per unit.
func (o Offer) PriceFor(frequency string) money.Cents {
	if o.Upfront() {
		return o.TermPrice
	}
	if frequency == Annual {
		return o.AnnualPrice
	}
	return o.MonthlyPrice
}

// Errors of the catalog package.
var (
	ErrNotFound = fmt.Errorf("catalog: offer %w", apperr.ErrNotFound)
)

// Upfront reports whether the offer is paid once for its whole term or for
// ever (software and Azure reservations), rather than per billing period.
func (o Offer) Upfront() bool { return o.Tab == TabSoftware || o.Tab == TabReservation }

// PartnerSaaS reports whether the offer is a partner (ISV) SaaS offer.
func (o Offer) PartnerSaaS() bool { return o.Publisher == PublisherPartner }

// MicrosoftTrial reports whether the offer is a Microsoft trial of the
// Trials tab (CAT-12): fixed license count, no charge, no conversion by itself.
func (o Offer) MicrosoftTrial() bool { return o.Tab == TabTrial }

// AddOn reports whether the offer is an add-on of another offer (SUB-3).
func (o Offer) AddOn() bool { return o.BaseOfferID != "" }

// FrequencyList returns the billing frequencies a buyer may choose; none for
// software and reservations, which are bought for their term.
func (o Offer) FrequencyList() []string {
	if o.Upfront() {
		return nil
	}
	return List(o.Frequencies)
}

// OffersFrequency reports whether f is one of the offer's frequencies; for
// software and reservations only the empty frequency is valid.
func (o Offer) OffersFrequency(f string) bool {
	if o.Upfront() {
		return f == ""
	}
	for _, have := range o.FrequencyList() {
		if have == f {
			return true
		}
	}
	return false
}

// Tabs lists the catalog's tabs in display order (CAT-1).
func Tabs() []string { return []string{TabOnline, TabSoftware, TabReservation, TabTrial} }

// ValidTab reports whether t is a tab of the catalog.
func ValidTab(t string) bool {
	for _, have := range Tabs() {
		if have == t {
			return true
		}
	}
	return false
}
