package keyset_test

import (
	"strings"
	"testing"

	"portal/internal/platform/keyset"
)

// PERF-6: a cursor survives the URL, and anything that is not one is
// refused (the list then starts at its first page).
func TestCursorRoundTrip_PERF6(t *testing.T) {
	c := keyset.Cursor{Key: "Microsoft 365 E3 — année", ID: "0b6e8f1c-2a7d-4c55-9d0e-3f1a2b3c4d5e"}
	enc := c.Encode()
	if strings.ContainsAny(enc, "+/=?&") {
		t.Errorf("not URL-safe: %q", enc)
	}
	got, ok := keyset.Parse(enc)
	if !ok || got != c {
		t.Fatalf("round trip: %+v %v", got, ok)
	}
	if (keyset.Cursor{}).Encode() != "" {
		t.Error("the start of the list encodes to text")
	}
	for _, bad := range []string{"", "x", "!!!", strings.Repeat("A", 2000), "bm90LWEtdXVpZC1hdC1hbGwtYnV0LWxvbmctZW5vdWdoLXRvLXBhc3M"} {
		if c, ok := keyset.Parse(bad); ok {
			t.Errorf("Parse(%q) accepted: %+v", bad, c)
		}
	}
}
