package activity

// fieldChange says how one recorded field reads when it changes: its
// message key ("Quantity %s → %s") and how its values are shown. Fields not
// listed are never shown: a reader sees no internal key (UX-3).
type fieldChange struct {
	field string
	arg   func(v values, k string) Arg
}

func numberOf(v values, k string) Arg  { return Number(v.int(k)) }
func moneyOf(v values, k string) Arg   { return Money(v.int(k)) }
func onOffOf(v values, k string) Arg   { return onOff(v.bool(k)) }
func dateOf(v values, k string) Arg    { return Date(v.time(k)) }
func lastDayOf(v values, k string) Arg { return LastDay(v.time(k)) }
func textOf(v values, k string) Arg    { return Text(v.str(k)) }
func labelOf(prefix string) func(values, string) Arg {
	return func(v values, k string) Arg { return Label(prefix, v.str(k)) }
}
func labelsOf(prefix string) func(values, string) Arg {
	return func(v values, k string) Arg { return Labels(prefix, v.str(k)) }
}

// statusPrefix is where each resource's status labels live.
var statusPrefix = map[string]string{
	"subscription":    "subscription.status.",
	"reservation":     "res.status.",
	"support_request": "sup.status.",
	"software":        "activity.software_status.",
	"invoice":         "activity.invoice_status.",
}

// shownFields lists, in display order, the fields whose change an entry
// shows, for a resource type. The lists are made once (shownFieldsOf): made
// per entry, with their label functions, they were a tenth of what a page
// of the log allocated.
func shownFields(resourceType string) []fieldChange {
	if f, ok := shownFieldsOf[resourceType]; ok {
		return f
	}
	return shownFieldsOf[""] // a type without status labels
}

var shownFieldsOf = func() map[string][]fieldChange {
	m := map[string][]fieldChange{"": fieldsShown("")}
	for t := range statusPrefix {
		m[t] = fieldsShown(t)
	}
	return m
}()

// fieldsShown makes shownFields' list of a resource type.
func fieldsShown(resourceType string) []fieldChange {
	status := labelOf(statusPrefix[resourceType])
	return []fieldChange{
		{"status", status},
		{"quantity", numberOf},
		{"frequency", labelOf("sub.frequency.")},
		{"unit_price_cents", moneyOf},
		{"auto_renew", onOffOf},
		{"cancel_at_term_end", onOffOf},
		{"term_start", dateOf},
		{"term_end", lastDayOf},
		{"retention_end", dateOf},
		{"relationship", labelOf("customers.relationship.")},
		{"roles", labelsOf("role.")},
		{"require_mfa", onOffOf},
		{"disabled", onOffOf},
		{"scope", labelOf("res.scope.")},
		{"azure_subscription_id", textOf},
		{"total_cents", moneyOf},
		{"now", dateOf},
	}
}

// changeLines lists the shown fields whose value differs between before and
// after, as "Field before → after" lines. Only fields both sides record are
// compared: an entry that records one side tells its values in its summary.
func changeLines(resourceType string, before, after values) []Line {
	var out []Line
	for _, f := range shownFields(resourceType) {
		if !before.has(f.field) || !after.has(f.field) || before.str(f.field) == after.str(f.field) {
			continue
		}
		out = append(out, line("activity.change."+f.field, f.arg(before, f.field), f.arg(after, f.field)))
	}
	return out
}

// ShownFields names every field a change line can show, for the catalog test.
func ShownFields() []string {
	var out []string
	for _, f := range shownFields("") {
		out = append(out, f.field)
	}
	return out
}
