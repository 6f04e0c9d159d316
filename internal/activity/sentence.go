package activity

import (
	"encoding/json"
	"strconv"
	"strings"
	"time"
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
// exact; a value that is not an object reads as no fields.
type values map[string]any

func readValues(s string) values {
	var m map[string]any
	if s == "" || decode(s, &m) != nil {
		return values{}
	}
	return m
}

func (v values) has(k string) bool { _, ok := v[k]; return ok }

func (v values) str(k string) string {
	switch x := v[k].(type) {
	case string:
		return x
	case json.Number:
		return x.String()
	case bool:
		return strconv.FormatBool(x)
	}
	return ""
}

func (v values) int(k string) int64 {
	switch x := v[k].(type) {
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

func (v values) bool(k string) bool {
	switch x := v[k].(type) {
	case bool:
		return x
	case string:
		return x == "true"
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
