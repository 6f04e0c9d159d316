package activity

import (
	"strconv"
	"strings"
	"time"

	"github.com/tidwall/gjson"
)

// ArgKind says how a sentence's value is shown in the reader's language.
type ArgKind int

// The kinds of a sentence's values (UX-3).
const (
	ArgText    ArgKind = iota // shown as stored: a name, an email, a number of a request
	ArgNumber                 // an integer, grouped as the language writes it
	ArgMoney                  // cents, shown as money
	ArgDate                   // a day
	ArgLastDay                // the instant a period stops, shown as the last day it covers
	ArgMonth                  // a billing period's month
	ArgLabel                  // a value translated by the key Prefix+Text ("monthly" → "Monthly")
	ArgLabels                 // a comma-separated list of values, each translated by Prefix
)

// Arg is one typed value of a sentence.
type Arg struct {
	Kind   ArgKind
	Text   string
	Int    int64
	Time   time.Time
	Prefix string
}

// Line is one translatable message: its key and its typed values, in the
// order the English text uses them.
type Line struct {
	Key  string
	Args []Arg
}

// Description is an entry told as a sentence (UX-3): what happened, then the
// values it changed ("Quantity 4 → 7"), each line a message key the pages
// render in the reader's language.
type Description struct {
	Summary Line
	Changes []Line
}

// Text, Number, Money, Date, LastDay, Month, Label and Labels build typed
// values of a sentence.
func Text(s string) Arg                    { return Arg{Kind: ArgText, Text: s} }
func Number(n int64) Arg                   { return Arg{Kind: ArgNumber, Int: n} }
func Money(c int64) Arg                    { return Arg{Kind: ArgMoney, Int: c} }
func Date(t time.Time) Arg                 { return Arg{Kind: ArgDate, Time: t} }
func LastDay(t time.Time) Arg              { return Arg{Kind: ArgLastDay, Time: t} }
func Month(t time.Time) Arg                { return Arg{Kind: ArgMonth, Time: t} }
func Label(prefix, value string) Arg       { return Arg{Kind: ArgLabel, Prefix: prefix, Text: value} }
func Labels(prefix, values string) Arg     { return Arg{Kind: ArgLabels, Prefix: prefix, Text: values} }
func line(key string, args ...Arg) Line    { return Line{Key: key, Args: args} }
func says(action string, args ...Arg) Line { return line("activity.says."+action, args...) }

// values is an entry's Before or After read as JSON fields, numbers kept
// as written; a value that is not a JSON object reads as no fields.
//
// The fields are read with gjson, in place, without decoding them into Go
// values: an entry's values were decoded by encoding/json into a map of
// interfaces, a sixth of the time a page of the log never told before
// spent on the server (PERF-2). A field recorded twice reads as its last,
// as encoding/json read it.
type values []field

// field is one field of values: its name, its JSON type, the value as
// written and, for a text, the text it reads as.
type field struct {
	name, raw, str string
	kind           gjson.Type
}

func readValues(s string) values {
	if s == "" || !gjson.Valid(s) {
		return nil
	}
	o := gjson.Parse(s)
	if !o.IsObject() {
		return nil
	}
	v := make(values, 0, 8)
	o.ForEach(func(k, x gjson.Result) bool {
		v = append(v, field{name: k.String(), raw: x.Raw, str: x.Str, kind: x.Type})
		return true
	})
	return v
}

// get returns field k, the last one recorded.
func (v values) get(k string) (field, bool) {
	for i := len(v) - 1; i >= 0; i-- {
		if v[i].name == k {
			return v[i], true
		}
	}
	return field{}, false
}

func (v values) has(k string) bool { _, ok := v.get(k); return ok }

// str reads a text, a number as written, or a yes/no as "true"/"false";
// anything else reads as "".
func (v values) str(k string) string {
	x, _ := v.get(k)
	switch x.kind {
	case gjson.String:
		return x.str
	case gjson.Number:
		return x.raw
	case gjson.True:
		return "true"
	case gjson.False:
		return "false"
	}
	return ""
}

// int reads a number, truncated when it is not whole, or a text of digits.
func (v values) int(k string) int64 {
	x, _ := v.get(k)
	switch x.kind {
	case gjson.Number:
		if n, err := strconv.ParseInt(x.raw, 10, 64); err == nil {
			return n
		}
		f, _ := strconv.ParseFloat(x.raw, 64)
		return int64(f)
	case gjson.String:
		n, _ := strconv.ParseInt(x.str, 10, 64)
		return n
	}
	return 0
}

func (v values) bool(k string) bool {
	x, _ := v.get(k)
	switch x.kind {
	case gjson.True:
		return true
	case gjson.String:
		return x.str == "true"
	}
	return false
}

// time reads a recorded instant (RFC 3339) or day (2006-01-02).
func (v values) time(k string) time.Time {
	if t, err := time.Parse(time.RFC3339Nano, v.str(k)); err == nil {
		return t
	}
	t, _ := time.Parse(time.DateOnly, v.str(k))
	return t
}

// onOff is a yes/no value as a label ("On" / "Off").
func onOff(b bool) Arg {
	if b {
		return Label("activity.value.", "on")
	}
	return Label("activity.value.", "off")
}

// afterColon returns what follows "name: " in a detail written by a feature,
// or the whole text.
func afterColon(s string) string {
	if i := strings.Index(s, ": "); i >= 0 {
		return s[i+2:]
	}
	return s
}

// beforeColon returns what precedes ": " in a detail, or the whole text.
func beforeColon(s string) string {
	if i := strings.Index(s, ": "); i >= 0 {
		return s[:i]
	}
	return s
}
