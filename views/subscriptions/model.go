// Package subscriptions holds the pages of a subscription: its detail with
// the actions its state allows (SUB-1 to SUB-9, CAT-12), the confirmation
// pages of suspend and cancel, and the customer's Subscriptions tab.
package subscriptions

import (
	"time"

	"portal/internal/platform/money"
	"portal/views/components"
)

// Can says which actions the page offers: what the subscription's state
// allows; the template also checks the user's roles.
type Can struct {
	ChangeQuantity, BuyAddOns, Suspend, Reactivate, CancelNow, CancelAtEnd, UndoCancel bool
	Deprovision, AutoRenew, Convert                                                    bool
}

// Any reports whether any action is offered.
func (c Can) Any() bool { return c != Can{} }

// AddOn is one add-on in the detail's list.
type AddOn struct {
	ID       string
	Name     string
	Quantity int
	Status   string
	TermEnd  time.Time
}

// Detail is a subscription's page (SUB-1).
type Detail struct {
	// History is the subscription's latest activity (UX-3), nil when not shown.
	History                      *components.History
	ID, CustomerID, CustomerName string
	OfferName                    string
	Status                       string
	Quantity                     int
	Frequency                    string
	BillingType                  string
	UnitPrice                    money.Cents
	TermStart, TermEnd           time.Time
	AutoRenew                    bool
	TrialEnd                     *time.Time
	// ConvertedOn is when a Microsoft trial became this paid subscription.
	ConvertedOn          *time.Time
	MicrosoftTrial       bool
	PaidOfferName        string
	PaidOfferPrice       money.Cents
	OrderID              string
	PurchasedAt          time.Time
	BoughtDirectly       bool
	ParentID, ParentName string
	AddOns               []AddOn
	// CancelDeadline is the end of the immediate cancellation window (SUB-6).
	CancelDeadline time.Time
	InWindow       bool
	SuspendedAt    *time.Time
	RetentionEnd   *time.Time
	CancelAtEnd    bool
	ScheduledEnd   time.Time
	CancelledAt    *time.Time
	Can            Can
	// MinQuantity and MaxQuantity are the offer's limits (SUB-2).
	MinQuantity, MaxQuantity int
	// PerLicenseNow is the prorated charge of one more license today.
	PerLicenseNow money.Cents
	DaysLeft      int
	// The quantity and add-on forms, with their values and errors after a
	// refused submit.
	QuantityValue string
	QuantityErrs  components.FieldErrors
	AddOnOffers   []components.Option
	AddOnOffer    string
	AddOnQuantity string
	AddOnErrs     components.FieldErrors
}

// Suspend is the confirmation page of a suspension (SUB-4).
type Suspend struct {
	ID, CustomerID, CustomerName, OfferName string
	// DeletionDate is when the data would be deleted if suspended now.
	DeletionDate time.Time
	AddOns       int
	Allowed      bool
}

// Cancel is the confirmation page of a cancellation (SUB-6, SUB-7, SUB-8).
type Cancel struct {
	ID, CustomerID, CustomerName, OfferName string
	// Mode is what cancelling means now: "immediate", "at_renewal",
	// "deprovision", or "" when the subscription cannot be cancelled.
	Mode     string
	Deadline time.Time
	Credit   money.Cents
	TermEnd  time.Time
	AddOns   int
	Reason   string
	// Trial is a free trial being ended: nothing was charged.
	Trial          bool
	Errs           components.FieldErrors
	StatusOfRecord string
}

// Row is one line of a customer's Subscriptions tab.
type Row struct {
	ID         string
	OfferName  string
	ParentName string
	Quantity   int
	Frequency  string
	Status     string
	TermEnd    time.Time
	// TrialEnd is set while the subscription is a trial: the row shows it
	// instead of the term's end.
	TrialEnd       *time.Time
	AutoRenew      bool
	CancelAtEnd    bool
	BoughtDirectly bool
}
