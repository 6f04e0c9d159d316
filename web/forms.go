package web

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"portal/views/components"
)

// checkText validates one text field: readable UTF-8, no control characters,
// at most max characters, present when required. Problems are added to errs.
func checkText(errs components.FieldErrors, field, value string, max int, required bool) {
	switch {
	case !utf8.ValidString(value) || strings.ContainsFunc(value, func(r rune) bool { return r < 0x20 && r != '\n' && r != '\r' && r != '\t' }):
		errs.Add(field, "field.bad_text")
	case value == "" && required:
		errs.Add(field, "field.required")
	case utf8.RuneCountInString(value) > max:
		errs.Add(field, "field.too_long", max)
	}
}

// checkInt parses a whole number field within [min, max]; outOfRangeKey names
// the message for a number outside it (its arguments are min and max).
func checkInt(errs components.FieldErrors, field, value string, min, max int, outOfRangeKey string) int {
	n, err := strconv.Atoi(strings.TrimSpace(value))
	if err != nil {
		if strings.TrimSpace(value) == "" {
			errs.Add(field, "field.required")
		} else {
			errs.Add(field, "field.bad_number")
		}
		return 0
	}
	if n < min || n > max {
		errs.Add(field, outOfRangeKey, min, max)
	}
	return n
}

// queryText reads a query parameter for a filter: trimmed, made valid UTF-8,
// and cut to max characters, so no query string can fail a list page.
func queryText(v string, max int) string {
	// PostgreSQL refuses NUL in text (OPS-1), and no stored value holds one.
	v = strings.TrimSpace(strings.ReplaceAll(strings.ToValidUTF8(v, ""), "\x00", ""))
	if utf8.RuneCountInString(v) > max {
		v = string([]rune(v)[:max])
	}
	return v
}
