package web

import (
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"portal/internal/platform/i18n"
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
		errs.Add(field, outOfRangeKey, i18n.Num(min), i18n.Num(max))
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

// Problems readForm finds in a form (AUTH-13).
const (
	// formDuplicate is a single-valued field sent more than once: which
	// value was meant cannot be known, so the form is refused, never read
	// as its first value.
	formDuplicate = "duplicate"
	// formBadText is a field name or value that is not valid UTF-8: refused,
	// never silently stripped.
	formBadText = "bad_text"
)

// formProblems maps a field to its problem.
type formProblems map[string]string

// Has reports whether any field has the problem kind.
func (p formProblems) Has(kind string) bool {
	for _, k := range p {
		if k == kind {
			return true
		}
	}
	return false
}

// readForm parses a request's form (query and url-encoded body) and checks
// it (AUTH-13): every field but the multi-valued ones named in multi (a
// checkbox list such as roles) may come once, and every name and value must
// be valid UTF-8. An error is a body that could not be read (over its
// limit, or malformed).
func readForm(r *http.Request, multi ...string) (url.Values, formProblems, error) {
	if err := r.ParseForm(); err != nil {
		return nil, nil, err
	}
	return r.Form, checkForm(r.Form, multi...), nil
}

// checkForm finds the duplicated single-valued fields and the text that is
// not UTF-8 in vals; multi names the fields that may repeat.
func checkForm(vals url.Values, multi ...string) formProblems {
	p := formProblems{}
	for name, vs := range vals {
		switch {
		case !utf8.ValidString(name):
			p[strings.ToValidUTF8(name, "\uFFFD")] = formBadText
		case len(vs) > 1 && !slices.Contains(multi, name):
			p[name] = formDuplicate
		case slices.ContainsFunc(vs, func(v string) bool { return !utf8.ValidString(v) }):
			p[name] = formBadText
		}
	}
	return p
}
