package activity

import (
	"encoding/json"
	"fmt"
	"sort"
	"strings"
)

// FieldChange is one value an entry's change touched: its field, and its
// value before and after ("" when it had none).
type FieldChange struct {
	Field, Before, After string
}

// Changes turns an entry's Before and After (JSON, as Record stores them)
// into a short list for display: for two objects, the fields whose value
// differs (or every field of the one present), sorted by name; for anything
// else, one unnamed change of the whole values.
func Changes(before, after string) []FieldChange {
	if before == "" && after == "" {
		return nil
	}
	b, bok := object(before)
	a, aok := object(after)
	if (bok || before == "") && (aok || after == "") {
		fields := map[string]bool{}
		for k := range b {
			fields[k] = true
		}
		for k := range a {
			fields[k] = true
		}
		var out []FieldChange
		for k := range fields {
			bv, av := b[k], a[k]
			if bv == av && before != "" && after != "" {
				continue
			}
			out = append(out, FieldChange{Field: k, Before: bv, After: av})
		}
		sort.Slice(out, func(i, j int) bool { return out[i].Field < out[j].Field })
		return out
	}
	return []FieldChange{{Before: scalar(before), After: scalar(after)}}
}

// object reads a JSON object into its fields' display values.
func object(s string) (map[string]string, bool) {
	var m map[string]any
	if s == "" || decode(s, &m) != nil {
		return nil, false
	}
	out := make(map[string]string, len(m))
	for k, v := range m {
		out[k] = display(v)
	}
	return out, true
}

// scalar shows a JSON value that is not an object, or text that is not JSON.
func scalar(s string) string {
	var v any
	if decode(s, &v) != nil {
		return s
	}
	return display(v)
}

// decode reads JSON keeping numbers as written (no float rounding).
func decode(s string, v any) error {
	d := json.NewDecoder(strings.NewReader(s))
	d.UseNumber()
	if err := d.Decode(v); err != nil {
		return err
	}
	if d.More() {
		return fmt.Errorf("trailing data")
	}
	return nil
}

func display(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		return x
	case json.Number:
		return x.String()
	case bool:
		return fmt.Sprint(x)
	case []any:
		parts := make([]string, len(x))
		for i, e := range x {
			parts[i] = display(e)
		}
		return strings.Join(parts, ", ")
	default:
		b, _ := json.Marshal(x)
		return string(b)
	}
}
