package i18n

import (
	"strconv"
	"strings"
	"time"

	"portal/internal/platform/money"
)

// Number formats an integer with the language's grouping.
func (l *Localizer) Number(n int64) string {
	neg := n < 0
	if neg {
		n = -n
	}
	s := strconv.FormatInt(n, 10)
	sep := ","
	if l.Lang == "fr" {
		sep = "\u202f" // narrow no-break space, as French writes thousands
	}
	var b strings.Builder
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteString(sep)
		}
		b.WriteRune(r)
	}
	if neg {
		return "-" + b.String()
	}
	return b.String()
}

// Money formats cents as US dollars for the language: "$1,234.56" in
// English, "1 234,56 $US" in French.
func (l *Localizer) Money(c money.Cents) string {
	neg := c < 0
	if neg {
		c = -c
	}
	whole := l.Number(int64(c) / 100)
	frac := int64(c) % 100
	var s string
	if l.Lang == "fr" {
		s = whole + "," + twoDigits(frac) + "\u00a0$US"
	} else {
		s = "$" + whole + "." + twoDigits(frac)
	}
	if neg {
		return "-" + s
	}
	return s
}

func twoDigits(n int64) string {
	if n < 10 {
		return "0" + strconv.FormatInt(n, 10)
	}
	return strconv.FormatInt(n, 10)
}

var monthsFR = [...]string{"janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.", "déc."}

// Date formats a date: "Nov 20, 2026" in English, "20 nov. 2026" in French.
// Dates are shown in UTC, the portal's reference time zone.
func (l *Localizer) Date(t time.Time) string {
	if t.IsZero() {
		return "—"
	}
	t = t.UTC()
	if l.Lang == "fr" {
		return strconv.Itoa(t.Day()) + " " + monthsFR[t.Month()-1] + " " + strconv.Itoa(t.Year())
	}
	return t.Format("Jan 2, 2006")
}

// DateTime formats a date and time with its time zone, for deadlines such as
// cancellation windows: "Nov 20, 2026, 14:05 UTC" / "20 nov. 2026 à 14:05 UTC".
func (l *Localizer) DateTime(t time.Time) string {
	if t.IsZero() {
		return "—"
	}
	t = t.UTC()
	if l.Lang == "fr" {
		return l.Date(t) + " à " + t.Format("15:04") + " UTC"
	}
	return l.Date(t) + ", " + t.Format("15:04") + " UTC"
}

// MonthYear formats a billing period's month: "Nov 2026" / "nov. 2026".
func (l *Localizer) MonthYear(t time.Time) string {
	t = t.UTC()
	if l.Lang == "fr" {
		return monthsFR[t.Month()-1] + " " + strconv.Itoa(t.Year())
	}
	return t.Format("Jan 2006")
}

// LastDay is the last day covered by a period whose end is the instant it
// stops (exclusive): the one end-date convention of every page, activity
// entry and invoice line (SUB-1, SUB-6, BILL-1). A term ending at midnight
// on Jan 1 covers Dec 31; an end inside a day covers that day. The zero time
// stays zero.
func LastDay(end time.Time) time.Time {
	if end.IsZero() {
		return end
	}
	t := end.UTC().Add(-time.Nanosecond)
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
}

// ISODate writes a date as 2006-01-02, for log details and invoice lines.
func ISODate(t time.Time) string { return t.UTC().Format(time.DateOnly) }
