package auth_test

import (
	"context"
	"testing"

	"portal/internal/testkit"
)

// BenchmarkSessionLookup is the read every signed-in request makes first
// (AUTH-8, PERF-2).
func BenchmarkSessionLookup(b *testing.B) {
	ss, _, token := signedIn(b, testkit.New(b), "")
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := ss.Lookup(ctx, token); err != nil {
			b.Fatal(err)
		}
	}
}
