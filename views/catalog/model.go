// Package catalog draws the catalog a partner buys from for one customer
// (CAT-1 to CAT-5).
package catalog

import (
	"github.com/a-h/templ"

	"portal/internal/platform/money"
	"portal/views/components"
)

// Page is the catalog for one customer: its tabs, filters and one page of
// offers.
type Page struct {
	CustomerID   string
	CustomerName string
	Tabs         []components.Tab
	Filter       Filter
	// Action is the catalog's path, the filter form's target.
	Action string
	// Self is the current catalog URL, with its filters: add forms return to it.
	Self string
	Rows []Row
	// KeptRows, when set, writes Rows as RowsOf(p) writes them, kept for
	// the page's reads (ui.KeptForms).
	KeptRows  templ.Component
	Pager     components.Pager
	CartCount int
	// CanAdd: the user's roles may add this tab's offers (AUTH-5).
	CanAdd      bool
	TaxIncluded bool
	// Problem is a message key shown above the list (a refused add).
	Problem     string
	ProblemArgs []any
}

// Filter is the catalog's query (CAT-2).
type Filter struct {
	Tab, Publisher, Billing, Category, Frequency, Q string
}

// ShowsOnlineFilters reports whether the tab offers the publisher, billing,
// category and frequency filters: software and reservations only search.
func (f Filter) ShowsOnlineFilters() bool { return f.Tab == "online" || f.Tab == "trial" }

// Row is one offer as this customer sees it.
type Row struct {
	ID            string
	Name          string
	Description   string
	PublisherName string
	Partner       bool // a partner (ISV) offer
	Usage         bool // usage-based: no per-license price
	MonthlyPrice  money.Cents
	AnnualPrice   money.Cents
	TermPrice     money.Cents
	TermMonths    int
	Frequencies   []string
	Upfront       bool // software or reservation: priced for the term
	Perpetual     bool
	Min, Max      int
	TrialDays     int // a partner SaaS free trial (CAT-10)
	// TrialLicenses is a Microsoft trial's fixed count (CAT-12); 0 otherwise.
	TrialLicenses  int
	AddOnOf        string // the base offer's name for an add-on
	OnePerCustomer bool
	Region         string
	// Addable, or the reason it is not (CAT-3) and a reactivation link.
	Addable      bool
	Reason       string
	ReasonArgs   []any
	ReactivateID string
	// InCart is the license count of the offer's line in the cart; 0 when
	// it is not there.
	InCart int
	// The add form's values and errors when it came back with a problem.
	Quantity  string
	Frequency string
	Errors    components.FieldErrors
}
