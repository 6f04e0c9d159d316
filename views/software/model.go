// Package software holds the software pages: the customer's Software tab,
// a purchase's page with keys and downloads, the cancel dialog, and the page
// of a download link that no longer works (SW-1 to SW-7).
package software

import (
	"net/url"
	"time"

	"portal/internal/platform/money"
	"portal/views/components"
)

// Row is one purchase in the customer's Software tab (SW-1).
type Row struct {
	ID          string
	Product     string
	Kind        string // perpetual or subscription
	OrderID     string
	Quantity    int
	PurchasedAt time.Time
	Status      string
}

// Tab is the customer's Software tab.
type Tab struct {
	CustomerID string
	Rows       []Row
	Pager      components.Pager // the keyset pages of a long list (PERF-6)
}

// Detail is a purchase's page.
type Detail struct {
	// History is the purchase's latest activity (UX-3), nil when not shown.
	History      *components.History
	ID           string
	CustomerID   string
	CustomerName string
	Product      string
	Kind         string
	Status       string
	OrderID      string
	Quantity     int
	Price        money.Cents
	PurchasedAt  time.Time
	TermEnd      *time.Time
	CancelledAt  *time.Time
	Window       Window
	// Keys is the "Get keys and downloads" panel; nil for users who may not
	// get keys (SW-2), so it is not drawn at all.
	Keys *Keys
}

// Window is the cancellation window as the pages tell it (SW-5, SW-6).
type Window struct {
	Allowed  bool
	Refused  string // a refusal reason of the software package
	Day      int
	DaysLeft int
	LastDay  time.Time
	Credit   money.Cents
}

// Keys is the keys and downloads panel (SW-2, SW-3).
type Keys struct {
	Versions, Languages, FileTypes []string
	Version, Language, FileType    string
	Errors                         components.FieldErrors
	// Issued is the key and link just issued, shown once.
	Issued *Issued
	Links  []Link
	Max    int
}

// Issued is a key and link just issued.
type Issued struct {
	Key       string
	URL       string
	FileName  string
	Version   string
	Language  string
	FileType  string
	ExpiresAt time.Time
}

// Link is one issued download link (never its token).
type Link struct {
	IssuedAt  time.Time
	ExpiresAt time.Time
	Version   string
	Language  string
	FileType  string
	Downloads int
	State     string // active, expired, used_up, revoked
}

// OrderOption is one order the cancel dialog offers.
type OrderOption struct {
	ID        string
	CreatedAt time.Time // zero when unknown
}

// Cancel is the cancel dialog (SW-5, SW-6).
type Cancel struct {
	ID           string
	CustomerID   string
	CustomerName string
	TenantID     string
	Product      string
	Kind         string
	PurchasedAt  time.Time
	OwnOrderID   string
	Window       Window
	Orders       []OrderOption
	OrderID      string
	Confirmed    bool
	Errors       components.FieldErrors
}

// Gone is the page of a download link that no longer works (SW-3, SW-7).
type Gone struct {
	Reason    string // expired, used_up, revoked
	ExpiresAt time.Time
	Max       int
	// SoftwareHref links to the purchase's page for a signed-in user of its
	// partner who may get a new link; empty otherwise.
	SoftwareHref string
}

// SupportURL is the prefilled support request a Windows 7 ESU cancellation
// goes through (SW-6).
func SupportURL(tenantID, orderID, title string) string {
	return "/support/new?problem=csp_purchase_refund&customer=" + url.QueryEscape(tenantID) +
		"&order=" + url.QueryEscape(orderID) + "&title=" + url.QueryEscape(title)
}
