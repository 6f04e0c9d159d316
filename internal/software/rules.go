package software

import (
	"strings"
	"time"

	"portal/internal/catalog"
	"portal/internal/platform/money"
)

// Download link limits (SW-3): whichever comes first ends the link.
const (
	LinkTTL      = 14 * 24 * time.Hour
	MaxDownloads = 50
)

// States of a download link.
const (
	LinkActive  = "active"
	LinkExpired = "expired"
	LinkUsedUp  = "used_up"
	LinkRevoked = "revoked"
)

// LinkState tells whether a link still works at now (SW-3, SW-7). A link
// expires at exactly IssuedAt+14 days: from that instant on it answers 410.
// A revoked link reports revoked before anything else, so the page says the
// purchase was cancelled rather than that time ran out.
func LinkState(l DownloadLink, now time.Time) string {
	switch {
	case l.Revoked:
		return LinkRevoked
	case !now.Before(l.ExpiresAt):
		return LinkExpired
	case l.Downloads >= MaxDownloads:
		return LinkUsedUp
	}
	return LinkActive
}

// CancelWindowDays is how long after its purchase date a purchase can be
// cancelled (SW-5).
const CancelWindowDays = 60

// Why a purchase cannot be cancelled here.
const (
	RefusedCancelled    = "already_cancelled"
	RefusedSupportOnly  = "support_only"  // Windows 7 ESU: a support request instead (SW-6)
	RefusedNeverAllowed = "never_allowed" // SUSE and Red Hat plans (SW-6)
	RefusedWindowPassed = "window_passed" // more than 60 days after the purchase date (SW-5)
	RefusedNotActive    = "not_active"    // any other status
	refusedNone         = ""
)

// Cancellability is what the cancel dialog tells (SW-5, SW-6).
type Cancellability struct {
	Allowed bool
	Refused string // a Refused* constant when not allowed
	// Day is the number of days since the purchase date (0 on that date),
	// counted in whole UTC calendar days.
	Day int
	// DaysLeft is the number of days after today still inside the window (0
	// on the last day); LastDay is that last day (a UTC date).
	DaysLeft int
	LastDay  time.Time
}

// CheckCancel decides whether p can be cancelled at now. Days are UTC
// calendar days: the purchase date is day 0 and day 60 is the last day of
// the window (inside); from day 61 on the window has passed.
func CheckCancel(p Purchase, now time.Time) Cancellability {
	c := Cancellability{Day: daysBetween(p.PurchasedAt, now)}
	c.LastDay = dateOf(p.PurchasedAt).AddDate(0, 0, CancelWindowDays)
	c.DaysLeft = CancelWindowDays - c.Day
	if c.DaysLeft < 0 {
		c.DaysLeft = 0
	}
	switch {
	case p.Status == Cancelled:
		c.Refused = RefusedCancelled
	case p.Status != Active:
		c.Refused = RefusedNotActive
	case p.Product == catalog.ProductWindows7ESU:
		c.Refused = RefusedSupportOnly
	case p.Product == catalog.ProductSUSE || p.Product == catalog.ProductRedHat:
		c.Refused = RefusedNeverAllowed
	case c.Day > CancelWindowDays:
		c.Refused = RefusedWindowPassed
	default:
		c.Refused = refusedNone
	}
	c.Allowed = c.Refused == refusedNone
	return c
}

// CancellationCredit is the credit of cancelling p at now (SW-7): the whole
// price for perpetual software; for a software subscription, the share of
// the price for the whole days left in its term (the day of cancellation is
// not charged). A subscription without a term end is credited in full.
func CancellationCredit(p Purchase, now time.Time) money.Cents {
	if p.Kind != catalog.SoftwareSubscription || p.TermEnd == nil {
		return p.Price
	}
	total := daysBetween(p.PurchasedAt, *p.TermEnd)
	left := daysBetween(now, *p.TermEnd)
	return money.Prorate(p.Price, left, total)
}

// dateOf is t's UTC calendar date at midnight.
func dateOf(t time.Time) time.Time {
	t = t.UTC()
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
}

// daysBetween counts UTC calendar days from a's date to b's date.
func daysBetween(a, b time.Time) int {
	return int(dateOf(b).Sub(dateOf(a)).Hours() / 24)
}

// Choices are what an agent picks before getting keys and downloads (SW-2).
type Choices struct {
	Versions, Languages, FileTypes []string
}

// ChoicesFor returns the offer's versions, languages and file types, with
// defaults for any list the offer leaves empty (or when the offer is gone
// from the catalog), so a purchase's page always works.
func ChoicesFor(o *catalog.Offer, p Purchase) Choices {
	var c Choices
	if o != nil {
		c = Choices{catalog.List(o.Versions), catalog.List(o.Languages), catalog.List(o.FileTypes)}
	}
	if len(c.Versions) == 0 {
		c.Versions = defaultVersions(p.ProductName)
	}
	if len(c.Languages) == 0 {
		c.Languages = []string{"en-us", "fr-fr", "de-de", "es-es", "ja-jp"}
	}
	if len(c.FileTypes) == 0 {
		switch p.Product {
		case catalog.ProductSUSE, catalog.ProductRedHat:
			c.FileTypes = []string{"x86_64", "aarch64"}
		default:
			c.FileTypes = []string{"x64", "x86"}
		}
	}
	return c
}

// defaultVersions takes a year-like word of the product's name ("2022") as
// its version, else "latest".
func defaultVersions(name string) []string {
	for _, w := range strings.Fields(name) {
		if len(w) == 4 && (strings.HasPrefix(w, "19") || strings.HasPrefix(w, "20")) && strings.Trim(w, "0123456789") == "" {
			return []string{w}
		}
	}
	return []string{"latest"}
}

// Bad returns the fields of a choice that are not among the offered ones.
func (c Choices) Bad(version, language, fileType string) []string {
	var bad []string
	if !contains(c.Versions, version) {
		bad = append(bad, "version")
	}
	if !contains(c.Languages, language) {
		bad = append(bad, "language")
	}
	if !contains(c.FileTypes, fileType) {
		bad = append(bad, "file_type")
	}
	return bad
}

func contains(list []string, v string) bool {
	for _, x := range list {
		if x == v {
			return true
		}
	}
	return false
}

// FileName is the name a download is saved under: product, version,
// language and file type, e.g. windows-server-2022-standard_2022_en-us_x64.iso.
// The extension is the file type's last word when it names a file format
// ("ISO", "x86_64 DVD ISO", "CAB", "VHDX"), else .iso.
func FileName(product, version, language, fileType string) string {
	ext := ".iso"
	if words := strings.Fields(strings.ToLower(fileType)); len(words) > 0 {
		switch w := words[len(words)-1]; w {
		case "msi", "msu", "zip", "exe", "rpm", "img", "vhd", "vhdx", "iso", "cab":
			ext = "." + w
		}
	}
	return slug(product) + "_" + slug(version) + "_" + slug(language) + "_" + slug(fileType) + ext
}

// slug keeps lower-case ASCII letters, digits, '-' and '_' ; other runs
// become one '-'.
func slug(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9', r == '_':
			b.WriteRune(r)
			dash = false
		case !dash && b.Len() > 0:
			b.WriteByte('-')
			dash = true
		}
	}
	out := strings.TrimRight(b.String(), "-")
	if out == "" {
		return "file"
	}
	return out
}
