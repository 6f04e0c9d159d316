package activity

import (
	"sort"
	"strings"
	"time"
)

// describer tells one action's entry as its summary line; the changed
// values are added by Describe.
type describer func(e Entry, before, after values) Line

// describers is the one home of the activity log's sentences (UX-3): every
// action the product records has one, each a message key
// "activity.says.<action>" with typed values. TestEveryActionHasASentence_UX3
// fails when an action written anywhere in the product is missing here.
var describers = map[string]describer{
	"auth.signed_in":             plain,
	"auth.sign_in_failed":        plain,
	"auth.signed_out":            plain,
	"auth.signed_out_everywhere": plain,
	"auth.session_ended":         plain,
	"auth.password_changed":      plain,
	"auth.password_reset":        plain,
	"auth.mfa_enabled":           plain,
	"auth.mfa_disabled":          plain,
	"auth.mfa_failed":            plain,
	"auth.recovery_code_used":    plain,

	"user.created": func(e Entry, _, a values) Line {
		return says(e.Action, Text(a.str("name")), Text(a.str("email")), Labels("role.", a.str("roles")))
	},
	"user.roles_changed":      withDetails,
	"user.disabled":           withDetails,
	"user.enabled":            withDetails,
	"user.unlocked":           withDetails,
	"user.reset_link_created": withDetails,
	"user.sessions_ended":     withDetails,
	"api_token.create":        withDetails,
	"api_token.revoke":        withDetails,
	"partner.security_changed": func(e Entry, _, a values) Line {
		return says(e.Action, onOff(a.bool("require_mfa")))
	},

	"customer.created": func(e Entry, _, a values) Line {
		return says(e.Action, Text(a.str("name")), Text(a.str("domain")))
	},
	"customer.relationship_requested": plain,
	"customer.relationship_accepted":  plain,

	"cart.item_added": func(e Entry, _, a values) Line {
		return says(e.Action, Text(a.str("offer")), Number(a.int("quantity")), Label("sub.frequency.", a.str("frequency")))
	},
	"cart.item_changed": plain,
	"cart.item_removed": func(e Entry, b, _ values) Line {
		return says(e.Action, Number(b.int("quantity")))
	},

	"order.placed": func(e Entry, _, a values) Line {
		if a.int("lines") == 1 {
			return line("activity.says.order.placed_one", Money(a.int("total")), Text(e.Details))
		}
		return says(e.Action, Number(a.int("lines")), Money(a.int("total")), Text(e.Details))
	},
	"order.item_provisioned": func(e Entry, _, a values) Line {
		if a.str("frequency") == "" { // software and reservations: billed once
			return line("activity.says.order.item_provisioned_once", Text(a.str("offer")), Number(a.int("quantity")), Money(a.int("amount")))
		}
		return says(e.Action, Text(a.str("offer")), Number(a.int("quantity")), Label("sub.frequency.", a.str("frequency")), Money(a.int("amount")))
	},

	"subscription.quantity_changed":       offer,
	"subscription.addon_purchased":        addOn,
	"subscription.suspended":              offerAndDate("retention_end"),
	"subscription.reactivated":            offer,
	"subscription.cancelled":              offer,
	"subscription.cancellation_scheduled": offerAndLastDay,
	"subscription.cancellation_undone":    offer,
	"subscription.deprovisioned":          offer,
	"subscription.auto_renew_changed":     offer,
	"subscription.converted": func(e Entry, b, a values) Line {
		return says(e.Action, Text(b.str("offer")), Text(a.str("offer")))
	},
	"subscription.trial_converted": offer,
	"subscription.trial_expired":   offer,
	"subscription.renewed":         offerAndLastDay,
	"subscription.ended":           offer,
	"subscription.deleted":         offer,

	"software.downloaded": func(e Entry, _, a values) Line {
		return says(e.Action, Number(a.int("downloads")))
	},
	"software.key_accessed": func(e Entry, _, a values) Line {
		t, _ := time.Parse(time.RFC3339, a.str("expires_at"))
		return says(e.Action, Date(t))
	},
	"software.cancelled": func(e Entry, _, a values) Line {
		return says(e.Action, Money(a.int("credit_cents")))
	},

	"reservation.scope_changed":  withDetails,
	"reservation.access_granted": func(e Entry, _, a values) Line { return says(e.Action, Text(a.str("email"))) },
	"reservation.access_revoked": func(e Entry, _, a values) Line { return says(e.Action, Text(a.str("email"))) },
	"reservation.refunded": func(e Entry, _, a values) Line {
		return says(e.Action, Text(beforeColon(e.Details)), Money(a.int("final")), Money(a.int("fee")), Text(a.str("support_request")))
	},
	"reservation.exchanged": func(e Entry, _, a values) Line {
		return says(e.Action, Money(a.int("credit")), Money(a.int("new_price")), Text(a.str("support_request")))
	},

	"support.request_created": func(e Entry, _, a values) Line {
		title := strings.TrimSpace(strings.TrimPrefix(e.Details, a.str("number")))
		return says(e.Action, Text(a.str("number")), Text(title), Label("sup.problem.", a.str("problem_type")), Label("sup.severity.", a.str("severity")))
	},
	"support.attachment_downloaded": func(e Entry, _, _ values) Line {
		number, file, _ := strings.Cut(e.Details, " ")
		return says(e.Action, Text(file), Text(number))
	},
	"support.note_added":     withDetails,
	"support.status_changed": withDetails,

	"demo.clock_moved": func(e Entry, b, a values) Line {
		return says(e.Action, Number(a.int("shift_days")-b.int("shift_days")), Date(a.time("now")))
	},
	"lifecycle.invoice_issued": func(e Entry, _, a values) Line {
		var period time.Time
		if f := strings.Fields(e.Details); len(f) >= 3 {
			period, _ = time.Parse("2006-01", f[2])
		}
		return says(e.Action, Month(period), Money(a.int("total_cents")))
	},
}

// plain is an action whose summary needs no value.
func plain(e Entry, _, _ values) Line { return says(e.Action) }

// withDetails names the entry's subject as the feature recorded it (an
// email, a reservation's or request's name): a name, never a sentence.
func withDetails(e Entry, _, _ values) Line { return says(e.Action, Text(beforeColon(e.Details))) }

// offer names the subscription's product.
func offer(e Entry, b, a values) Line { return says(e.Action, Text(offerName(e, b, a))) }

// offerName is the product an entry's values name, else the one its detail
// begins with ("Microsoft 365 E3: renewed until …", as the lifecycle writes).
func offerName(e Entry, b, a values) string {
	for _, name := range []string{a.str("offer"), b.str("offer"), beforeColon(e.Details)} {
		if name != "" {
			return name
		}
	}
	return ""
}

func offerAndDate(field string) describer {
	return func(e Entry, b, a values) Line {
		return says(e.Action, Text(a.str("offer")), Date(a.time(field)))
	}
}

func offerAndLastDay(e Entry, b, a values) Line {
	return says(e.Action, Text(offerName(e, b, a)), LastDay(a.time("term_end")))
}

// addOn names the add-on bought: the detail reads "parent: 2 × add-on".
func addOn(e Entry, b, a values) Line {
	return says(e.Action, Text(afterColon(e.Details)), Text(a.str("offer")))
}

// Describe tells an entry as a sentence and the values it changed (UX-3). An
// action no feature described reads by its label, with no value shown.
func Describe(e Entry) Description {
	before, after := readValues(e.Before), readValues(e.After)
	d, ok := describers[e.Action]
	if !ok {
		return Description{Summary: line("activity.says.other", Label("activity.action.", e.Action))}
	}
	out := Description{Summary: d(e, before, after)}
	if e.Action != "user.created" && e.Action != "customer.created" {
		out.Changes = changeLines(e.ResourceType, before, after)
	}
	return out
}

// DescribedActions lists the actions that have a sentence, sorted.
func DescribedActions() []string {
	out := make([]string, 0, len(describers))
	for a := range describers {
		out = append(out, a)
	}
	sort.Strings(out)
	return out
}
