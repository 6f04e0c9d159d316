// Package components holds the shared pieces of every page: form fields with
// their errors, status badges, pager, empty states, sortable headers, tabs.
package components

import (
	"context"

	"portal/views/ui"
)

// FieldErrors maps a form field's name to the message key of what is wrong
// with it (and optional arguments). Forms expose it so templates mark fields.
type FieldErrors map[string]FieldError

// FieldError is one field's problem: a message key and its arguments.
type FieldError struct {
	Key  string
	Args []any
}

// Has reports whether field has an error.
func (fe FieldErrors) Has(field string) bool {
	_, ok := fe[field]
	return ok
}

// Add records a problem with field, keeping the first one.
func (fe FieldErrors) Add(field, key string, args ...any) {
	if _, ok := fe[field]; !ok {
		fe[field] = FieldError{Key: key, Args: args}
	}
}

// Any reports whether there is any error.
func (fe FieldErrors) Any() bool { return len(fe) > 0 }

// Option is one choice of a select.
type Option struct {
	Value string
	Label string
}

// ChoiceOptions labels each value of a select with the message key
// prefix+value.
func ChoiceOptions(ctx context.Context, prefix string, values []string) []Option {
	var out []Option
	for _, v := range values {
		out = append(out, Option{Value: v, Label: ui.T(ctx, prefix+v)})
	}
	return out
}
