package i18n_test

import (
	"testing"
	"time"

	"portal/internal/platform/i18n"
)

// SUB-1, SUB-6, BILL-1: an end date is shown as the last day covered.
func TestLastDay_SUB1_SUB6_BILL1(t *testing.T) {
	at := func(s string) time.Time {
		v, err := time.Parse(time.RFC3339, s)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	cases := []struct{ name, end, want string }{
		{"year end: a term ending at midnight on Jan 1", "2027-01-01T00:00:00Z", "2026-12-31"},
		{"month of 30 days", "2026-12-01T00:00:00Z", "2026-11-30"},
		{"February in a common year", "2026-03-01T00:00:00Z", "2026-02-28"},
		{"leap day", "2028-03-01T00:00:00Z", "2028-02-29"},
		{"an annual term bought on a leap day", "2029-02-28T00:00:00Z", "2029-02-27"},
		{"an end inside a day covers that day", "2026-12-03T14:37:00Z", "2026-12-03"},
		{"one nanosecond after midnight", "2026-12-03T00:00:00.000000001Z", "2026-12-03"},
		{"an end in another zone is read in UTC", "2027-01-01T01:00:00+01:00", "2026-12-31"},
	}
	for _, c := range cases {
		if got := i18n.ISODate(i18n.LastDay(at(c.end))); got != c.want {
			t.Errorf("%s: LastDay(%s) = %s, want %s", c.name, c.end, got, c.want)
		}
	}
	if !i18n.LastDay(time.Time{}).IsZero() {
		t.Error("the zero time must stay zero")
	}
}
