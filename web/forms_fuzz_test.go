package web

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"portal/views/components"
)

// FuzzReadForm_AUTH13: whatever body arrives, the form reader never panics,
// and a form it finds no problem in has one valid UTF-8 value per
// single-valued field; a repeated single-valued field is always reported.
func FuzzReadForm_AUTH13(f *testing.F) {
	for _, seed := range []string{
		"quantity=7&quantity=-7", "roles=a&roles=b", "quantity=7", "", "a=%ff", "%ff=1", "a=1&a", "&&&=", "a=%zz",
		"_csrf=x&_csrf=x", "name=N%C3%A9", "roles=x&name=1&name=2", strings.Repeat("k=v&", 50),
	} {
		f.Add(seed, "")
		f.Add(seed, "-7")
	}
	f.Fuzz(func(t *testing.T, body, query string) {
		target := "/x"
		if query != "" {
			target += "?quantity=" + url.QueryEscape(query)
		}
		req := httptest.NewRequest(http.MethodPost, target, strings.NewReader(body))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		vals, problems, err := readForm(req, "roles")
		if err != nil {
			return // a malformed body is refused as a whole
		}
		for name, vs := range vals {
			switch {
			case !utf8.ValidString(name):
				if !problems.Has(formBadText) {
					t.Fatalf("field name %q not reported", name)
				}
			case len(vs) > 1 && name != "roles":
				if problems[name] != formDuplicate {
					t.Fatalf("field %q sent %d times, problem %q", name, len(vs), problems[name])
				}
			case slices.ContainsFunc(vs, func(v string) bool { return !utf8.ValidString(v) }):
				if problems[name] != formBadText {
					t.Fatalf("field %q not UTF-8, problem %q", name, problems[name])
				}
			default:
				if _, bad := problems[name]; bad {
					t.Fatalf("field %q reported without a problem: %q", name, problems[name])
				}
			}
		}
	})
}

// FuzzCheckInt_AUTH13: quantity parsing never panics; a value it accepts is
// a whole number within [min, max] that the text says, and anything else is
// explained on the field.
func FuzzCheckInt_AUTH13(f *testing.F) {
	for _, seed := range []string{"7", "-7", " 25 ", "", "1e3", "0x10", "+5", "99999999999999999999", "٣", "5\x00", "1 000"} {
		f.Add(seed, 1, 300)
	}
	f.Fuzz(func(t *testing.T, value string, lo, hi int) {
		if lo > hi {
			lo, hi = hi, lo
		}
		errs := components.FieldErrors{}
		n := checkInt(errs, "quantity", value, lo, hi, "sub.quantity_range")
		if errs.Has("quantity") {
			return
		}
		if n < lo || n > hi {
			t.Fatalf("checkInt(%q) = %d outside [%d, %d] without an error", value, n, lo, hi)
		}
		if want, err := strconv.Atoi(strings.TrimSpace(value)); err != nil || want != n {
			t.Fatalf("checkInt(%q) = %d, the text says %d (%v)", value, n, want, err)
		}
	})
}
