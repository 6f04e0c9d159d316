// Package support holds the support request pages: the list, the new
// request form and a request's page with its notes (SUP-1, SUP-2).
package support

import (
	"strconv"
	"strings"
	"time"

	"portal/internal/platform/money"
	"portal/views/components"
)

// ListRow is one request in the list.
type ListRow struct {
	ID           string
	Number       string
	Title        string
	CustomerName string
	ProblemType  string
	Severity     string
	Status       string
	CreatedBy    string
	CreatedAt    time.Time
}

// List is the support requests page.
type List struct {
	Rows       []ListRow
	Status     string
	Severity   string
	Statuses   []string
	Severities []string
	Pager      components.Pager
	Filtered   bool
}

// Values are the new request form's fields, as typed.
type Values struct {
	ProblemType   string
	Severity      string
	Title         string
	Description   string
	Customer      string
	Order         string
	Reason        string
	Amount        string
	ContactName   string
	ContactEmail  string
	ContactPhone  string
	ReservationID string
}

// Form is the new support request page.
type Form struct {
	Values          Values
	Errs            components.FieldErrors
	ProblemTypes    []string
	Severities      []string
	Extensions      []string
	MaxFiles        int
	MaxFileMB       int
	ReservationName string
	// CustomerChoices is the customer picker's options (the partner's
	// customers by name, their tenant ID as value), nil when the partner has
	// too many to list: the field is then a search by domain or tenant ID.
	CustomerChoices []components.Option
}

// Note is one message of a request's thread.
type Note struct {
	Author string
	Body   string
	At     time.Time
}

// File is one attachment of a request.
type File struct {
	ID          string
	Name        string
	ContentType string
	Size        int64
}

// Detail is a request's page.
type Detail struct {
	ID                    string
	Number                string
	Title                 string
	Description           string
	ProblemType           string
	IssueType             string
	Category              string
	Severity              string
	Status                string
	CustomerRef           string
	CustomerID            string
	CustomerName          string
	OrderOrSubscriptionID string
	Reason                string
	AmountRequested       money.Cents
	ContactName           string
	ContactEmail          string
	ContactPhone          string
	ReservationID         string
	ReservationOrderID    string
	CreatedByName         string
	CreatedAt             time.Time
	UpdatedAt             time.Time
	Notes                 []Note
	Files                 []File
	Statuses              []string
	NoteBody              string
	NoteErrs              components.FieldErrors
	FormStatus            string
	StatusErrs            components.FieldErrors
}

// fileSize writes a size in KB or MB (Ko, Mo in French).
func fileSize(lang string, n int64) string {
	var s string
	switch {
	case n >= 1<<20:
		s = strconv.FormatFloat(float64(n)/(1<<20), 'f', 1, 64) + " MB"
	case n >= 1<<10:
		s = strconv.FormatInt((n+512)>>10, 10) + " KB"
	default:
		s = strconv.FormatInt(n, 10) + " B"
	}
	if lang == "fr" {
		s = strings.NewReplacer(".", ",", "MB", "Mo", "KB", "Ko", " B", " o").Replace(s)
	}
	return s
}
