package dashboard

import (
	"time"

	"portal/internal/platform/money"
	"portal/views/components"
)

// AttentionItem is one thing that needs attention soon (DASH-1), linked to
// where it is handled. Features append their own kinds (open support
// requests, for example) to Home.Attention; the label of a kind is the
// message "dash.kind.<kind>".
type AttentionItem struct {
	Kind         string
	Title        string
	Href         string
	Customer     string
	CustomerHref string
	// When is the deadline or date the item is about; WhenKey the message
	// that says what it is ("Data deleted on %s"), with When formatted in.
	When    time.Time
	WhenKey string
	// WithTime shows When with its time and zone (cancellation windows).
	WithTime bool
	// Covered shows When, an exclusive end, as the last day it covers
	// (scheduled cancellations: "Active until Dec 31", never "Jan 1").
	Covered bool
}

// AttentionCount is one tile above the list: how many items of a kind.
type AttentionCount struct {
	Kind string
	N    int64
	More bool // N is a cap: there are more than N
}

// Bar is one bar of the licenses chart.
type Bar struct {
	Label string
	Value int64
}

// MonthBar is one month of the billed-amount chart.
type MonthBar struct {
	Start time.Time
	Total money.Cents
}

// DemoClock is the demo clock form (LIFE-3), shown to global admins in demo
// mode.
type DemoClock struct {
	Now   time.Time
	Shift int // days the clock is ahead of real time
	Days  string
	Errs  components.FieldErrors
}

// Home is the dashboard's model.
type Home struct {
	UserName string
	// ShowAttention is false for roles that may not view customers.
	ShowAttention bool
	// Attention is every item that needs attention soon, kind after kind
	// in the order of Counts, each kind soonest first.
	Attention []AttentionItem
	Counts    []AttentionCount
	// Licenses is the licenses-by-offer chart; shown with ShowLicenses.
	ShowLicenses bool
	Licenses     []Bar
	// Billed is the billed amount of each of the last 12 months; shown with
	// ShowBilled.
	ShowBilled bool
	Billed     []MonthBar
	DemoClock  *DemoClock
	// Recent lists the latest changes the lifecycle engine made (trials
	// converted, renewals, ends); shown with ShowAttention.
	Recent []RecentChange
}

// RecentChange is one automatic subscription change on the home page.
type RecentChange struct {
	At           time.Time
	Action       string
	Title        string
	Href         string
	Customer     string
	CustomerHref string
}
