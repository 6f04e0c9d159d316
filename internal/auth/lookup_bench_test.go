package auth_test

import (
	"context"
	"testing"

	"portal/internal/auth"
	"portal/internal/testkit"
)

// BenchmarkSessionLookup is the read every signed-in request makes first
// (AUTH-8, PERF-2).
func BenchmarkSessionLookup(b *testing.B) {
	app := testkit.New(b)
	ctx := context.Background()
	var u auth.User
	if err := app.DB.Where("email = ?", "sales@contoso.example").Take(&u).Error; err != nil {
		b.Fatal(err)
	}
	ss := newService(app).Sessions()
	token, _, err := ss.Start(ctx, u, "", "Mozilla/5.0", "192.0.2.7")
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := ss.Lookup(ctx, token); err != nil {
			b.Fatal(err)
		}
	}
}
