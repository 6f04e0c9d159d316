package web

import (
	"strings"

	"portal/internal/activity"
	"portal/internal/platform/i18n"
	"portal/internal/platform/money"
)

// sentence renders one line of an entry's description in the reader's
// language (UX-3): money as money, dates as dates, values by their labels.
func sentence(l *i18n.Localizer, ln activity.Line) string {
	args := make([]any, len(ln.Args))
	for i, a := range ln.Args {
		args[i] = argText(l, a)
	}
	return l.T(ln.Key, args...)
}

// describedEntries is how many entries' descriptions the pages keep
// (activity.Descriptions): the first pages of the log and of its common
// filters for a few partners, a few megabytes.
const describedEntries = 10_000

// describeEntry renders an entry's summary and its changed values.
func describeEntry(l *i18n.Localizer, e activity.Entry) (summary string, changes []string) {
	return tellEntry(l, activity.Describe(e))
}

// tellEntry renders a description's summary and its changed values.
func tellEntry(l *i18n.Localizer, d activity.Description) (summary string, changes []string) {
	for _, ch := range d.Changes {
		changes = append(changes, sentence(l, ch))
	}
	return sentence(l, d.Summary), changes
}

// describeForCSV is the export's readable description: the summary and its
// changes in one cell.
func describeForCSV(l *i18n.Localizer) func(activity.Entry) string {
	return func(e activity.Entry) string {
		s, ch := describeEntry(l, e)
		if len(ch) == 0 {
			return s
		}
		return s + " — " + strings.Join(ch, "; ")
	}
}

func argText(l *i18n.Localizer, a activity.Arg) string {
	switch a.Kind {
	case activity.ArgNumber:
		return l.Number(a.Int)
	case activity.ArgMoney:
		return l.Money(money.Cents(a.Int))
	case activity.ArgDate:
		return l.Date(a.Time)
	case activity.ArgLastDay:
		if a.Time.IsZero() {
			return l.Date(a.Time)
		}
		return l.Date(a.Time.Add(-1))
	case activity.ArgMonth:
		if a.Time.IsZero() {
			return "—"
		}
		return l.MonthYear(a.Time)
	case activity.ArgLabel:
		return valueLabel(l, a.Prefix, a.Text)
	case activity.ArgLabels:
		var parts []string
		for _, v := range strings.Split(a.Text, ",") {
			if v = strings.TrimSpace(v); v != "" {
				parts = append(parts, valueLabel(l, a.Prefix, v))
			}
		}
		if len(parts) == 0 {
			return l.T("activity.value.none")
		}
		return strings.Join(parts, ", ")
	}
	if a.Text == "" {
		return "—"
	}
	return a.Text
}

// valueLabel translates a recorded value; an empty one reads "none".
func valueLabel(l *i18n.Localizer, prefix, v string) string {
	if v == "" {
		return l.T("activity.value.none")
	}
	if s := l.T(prefix + v); s != prefix+v {
		return s
	}
	return v
}
