package ui

import (
	"context"
	"testing"
	"time"

	"portal/internal/platform/i18n"
)

// SUB-1: a term's end is the instant it stops; pages name the last day it
// covers.
func TestLastDay_SUB1(t *testing.T) {
	ctx := With(context.Background(), &Page{L: i18n.MustLoad().For("en")})
	cases := map[time.Time]string{
		time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC):  "Nov 30, 2026",
		time.Date(2027, 11, 21, 9, 0, 0, 0, time.UTC): "Nov 21, 2027",
		time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC):   "Dec 31, 2026",
	}
	for end, want := range cases {
		if got := LastDay(ctx, end); got != want {
			t.Errorf("LastDay(%v) = %q, want %q", end, got, want)
		}
	}
}
