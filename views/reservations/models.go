// Package reservations holds the pages of Azure reservations: the
// reservation page, the refund and exchange wizard, and the customer's
// reservations tab (RES-1 to RES-4).
package reservations

import (
	"time"

	"portal/internal/platform/money"
	"portal/views/components"
)

// Row is one line of a customer's reservations tab.
type Row struct {
	ID          string
	Name        string
	Quantity    int
	TermMonths  int
	PurchasedAt time.Time
	ExpiresAt   time.Time
	Scope       string
	Status      string
}

// Day is one bar of the utilization chart.
type Day struct {
	Date    time.Time
	Percent int
	Active  bool // false outside the reservation's life: no bar
}

// AccessRow is one user on the access list.
type AccessRow struct {
	UserID    string
	Name      string
	Email     string
	GrantedBy string
	GrantedAt time.Time
}

// RequestLink is a support request filed for the reservation.
type RequestLink struct {
	ID, Number, Title, Status string
	CreatedAt                 time.Time
}

// Quote is the RES-2 refund quote, figure by figure.
type Quote struct {
	DaysSincePurchase int
	Used              bool
	Price             money.Cents
	TermDays          int
	DaysLeft          int
	Prorated          money.Cents
	FullRefund        bool
	Credit            money.Cents
	Fee               money.Cents
	AfterFee          money.Cents
	RefundedInWindow  money.Cents
	CapRemaining      money.Cents
	CutByCap          money.Cents
	Final             money.Cents
}

// Detail is the reservation page (RES-1).
type Detail struct {
	// History is the reservation's latest activity (UX-3), nil when not shown.
	History               *components.History
	ID                    string
	Name                  string
	CustomerID            string
	CustomerName          string
	TenantID              string
	Quantity              int
	TermMonths            int
	Price                 money.Cents
	PurchasedAt           time.Time
	ExpiresAt             time.Time
	CancelledAt           time.Time
	Status                string
	Scope                 string
	AzureSubscriptionID   string
	AzureSubscriptionName string
	ReservationOrderID    string
	OrderID               string
	ExchangedForID        string
	ExchangedFromID       string
	RefundAmount          money.Cents
	Active                bool
	Days                  []Day
	Average               int
	ActiveDays            int
	Quote                 Quote
	Access                []AccessRow
	UserOptions           []components.Option
	Subscriptions         []components.Option
	Requests              []RequestLink
	SupportHref           string

	// Form state after a refused change (422).
	FormScope        string
	FormSubscription string
	ScopeErrs        components.FieldErrors
	FormUser         string
	AccessErrs       components.FieldErrors
}

// Wizard steps (RES-4).
const (
	StepBasics  = "basics"
	StepProblem = "problem"
	StepContact = "contact"
	StepReview  = "review"
)

// Steps lists the wizard's steps in order.
func Steps() []string { return []string{StepBasics, StepProblem, StepContact, StepReview} }

// Values are the wizard's fields, as typed.
type Values struct {
	Title        string
	IssueType    string
	ProblemType  string
	Category     string
	Severity     string
	Description  string
	NewOfferID   string
	NewQuantity  string
	ContactName  string
	ContactEmail string
	ContactPhone string
}

// OfferOption is a reservation offer an exchange may choose.
type OfferOption struct {
	ID         string
	Name       string
	TermMonths int
	UnitPrice  money.Cents // whole term price of one unit
}

// ExchangeQuote is the RES-3 exchange quote.
type ExchangeQuote struct {
	NewName    string
	Quantity   int
	Credit     money.Cents
	NewPrice   money.Cents
	Difference money.Cents
	TooCheap   bool
	DaysLeft   int
	TermDays   int
}

// Wizard is one step of the refund or exchange wizard.
type Wizard struct {
	Kind               string // "refund" or "exchange"
	Step               string
	ReservationID      string
	ReservationName    string
	ReservationOrderID string
	CustomerName       string
	CustomerID         string
	Quantity           int
	Values             Values
	Errs               components.FieldErrors
	IssueTypes         []string
	ProblemTypes       []string
	Categories         []string
	Severities         []string
	Offers             []OfferOption
	Refund             Quote
	Exchange           ExchangeQuote
	CanViewCustomer    bool
}
