package activity

import (
	"encoding/json"
	"strconv"
	"strings"
	"testing"

	"github.com/tidwall/gjson"
)

// referenceFields reads a recorded value as encoding/json reads it, numbers
// kept as written: what values read before they were read in place.
func referenceFields(s string) map[string]any {
	var m map[string]any
	d := json.NewDecoder(strings.NewReader(s))
	d.UseNumber()
	if s == "" || d.Decode(&m) != nil || d.More() {
		return map[string]any{}
	}
	return m
}

// UX-3, PERF-2: an entry's values read each field as encoding/json did:
// texts with their escapes, numbers as written (whole, fractional,
// exponent, too large), yes/no, a field recorded twice as its last, and
// no field at all for an empty value, a value that is not an object, a
// value that is not JSON or is followed by more.
func TestValuesReadAsJSONRecordsThem_UX3_PERF2(t *testing.T) {
	for _, raw := range []string{
		`{"offer":"Microsoft 365 E3","quantity":3,"frequency":"monthly","amount":2323}`,
		`{"name":"Ana D\u00edaz \"AD\"","email":"ana@contoso.example","roles":"sales_agent,support_agent"}`,
		`{"name":"caf\u00e9 \ud83d\ude00 <b>&amp;</b>","note":"line\nbreak\ttab"}`,
		`{"quantity":1.5,"total":1e3,"big":12345678901234567890,"neg":-42,"zero":0,"text_number":"17","bad_number":"1.5"}`,
		`{"require_mfa":true,"disabled":false,"auto_renew":"true","cancel_at_term_end":"no","x":null}`,
		`{"roles":["a","b"],"nested":{"quantity":9},"quantity":4}`,
		`{"quantity":1,"quantity":2}`,
		`{"term_end":"2027-01-31T00:00:00Z","retention_end":"2027-03-02","now":"2026-12-02T10:11:12.5+01:00"}`,
		`{}`, ``, `null`, `"a text"`, `[1,2]`, `42`, `{"quantity":1} {"quantity":2}`, `{"quantity":`, `not json`,
		`{"a":1,}`, ` {"quantity":7} `,
	} {
		v, ref := readValues(raw), referenceFields(raw)
		keys := []string{"missing", "quantity", "offer", "name", "roles", "nested", "a", "x", "total"}
		for k := range ref {
			keys = append(keys, k)
		}
		for _, k := range keys {
			_, want := ref[k]
			if v.has(k) != want {
				t.Errorf("%s: has(%q) = %v, want %v", raw, k, v.has(k), want)
			}
			if got, want := v.str(k), refStr(ref, k); got != want {
				t.Errorf("%s: str(%q) = %q, want %q", raw, k, got, want)
			}
			if got, want := v.int(k), refInt(ref, k); got != want {
				t.Errorf("%s: int(%q) = %d, want %d", raw, k, got, want)
			}
			if got, want := v.bool(k), refBool(ref, k); got != want {
				t.Errorf("%s: bool(%q) = %v, want %v", raw, k, got, want)
			}
			if got, want := v.time(k), (values{{name: k, kind: gjson.String, str: refStr(ref, k)}}).time(k); !got.Equal(want) {
				t.Errorf("%s: time(%q) = %v, want %v", raw, k, got, want)
			}
		}
	}
}

func refStr(m map[string]any, k string) string {
	switch x := m[k].(type) {
	case string:
		return x
	case json.Number:
		return x.String()
	case bool:
		return strconv.FormatBool(x)
	}
	return ""
}

func refInt(m map[string]any, k string) int64 {
	switch x := m[k].(type) {
	case json.Number:
		n, err := x.Int64()
		if err != nil {
			f, _ := x.Float64()
			return int64(f)
		}
		return n
	case string:
		n, _ := strconv.ParseInt(x, 10, 64)
		return n
	}
	return 0
}

func refBool(m map[string]any, k string) bool {
	switch x := m[k].(type) {
	case bool:
		return x
	case string:
		return x == "true"
	}
	return false
}
