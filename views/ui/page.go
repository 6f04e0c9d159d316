// Package ui carries what every page needs from the request (the language,
// the CSRF token, the signed-in user's shell data) through the render
// context, so templates take typed view models for their own content and
// never read the request.
package ui

import (
	"context"
	"time"

	"portal/internal/perm"
	"portal/internal/platform/i18n"
	"portal/internal/platform/money"
)

// Page is the shell data of one request.
type Page struct {
	L           *i18n.Localizer
	CSRF        string
	Path        string // the request's path, for the selected navigation item
	UserName    string // empty when nobody is signed in
	UserEmail   string
	PartnerName string
	Roles       perm.Roles
	Flash       string // a message key, shown once
	DemoDate    time.Time
	Demo        bool
}

type pageKey struct{}

// With returns ctx carrying p.
func With(ctx context.Context, p *Page) context.Context {
	return context.WithValue(ctx, pageKey{}, p)
}

// P returns the page data of ctx (an English, anonymous page when none).
func P(ctx context.Context) *Page {
	if p, ok := ctx.Value(pageKey{}).(*Page); ok {
		return p
	}
	// Only a component rendered outside a request gets here (a test, say).
	return &Page{L: i18n.MustLoad().For("en")}
}

// T translates key in the page's language.
func T(ctx context.Context, key string, args ...any) string { return P(ctx).L.T(key, args...) }

// Money formats cents for the page's language.
func Money(ctx context.Context, c money.Cents) string { return P(ctx).L.Money(c) }

// Date formats a date for the page's language.
func Date(ctx context.Context, t time.Time) string { return P(ctx).L.Date(t) }

// DateTime formats a date and time, with its zone, for the page's language.
func DateTime(ctx context.Context, t time.Time) string { return P(ctx).L.DateTime(t) }

// Number formats an integer for the page's language.
func Number(ctx context.Context, n int64) string { return P(ctx).L.Number(n) }

// Can reports whether the signed-in user may do a; pages hide what they may not.
func Can(ctx context.Context, a perm.Action) bool { return P(ctx).Roles.Can(a) }

// Lang returns the page's language code.
func Lang(ctx context.Context) string { return P(ctx).L.Lang }

// LastDay formats the last day a period covers when end is the instant it
// stops (exclusive): a term ending at midnight on Dec 1 covers Nov 30
// (i18n.LastDay, the one convention).
func LastDay(ctx context.Context, end time.Time) string {
	return Date(ctx, i18n.LastDay(end))
}
