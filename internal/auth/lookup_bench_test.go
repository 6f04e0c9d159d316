package auth_test

import (
	"context"
	"testing"

	"portal/internal/auth"
	"portal/internal/platform/db"
	"portal/internal/testkit"
)

// BenchmarkSessionLookup is the read every signed-in request makes first
// (AUTH-8, PERF-2), one at a time: alone, and through the service's Memo
// (on PostgreSQL, a gathered statement of one lookup).
func BenchmarkSessionLookup(b *testing.B) {
	for _, withMemo := range []bool{false, true} {
		b.Run(memoName(withMemo), func(b *testing.B) {
			ss, token := lookupBench(b, withMemo)
			for b.Loop() {
				if _, err := ss.Lookup(db.WithSnapshot(context.Background()), token); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkSessionLookupConcurrent is that read by 32 requests at once,
// as on a busy node: alone, and through the service's Memo (on
// PostgreSQL, the lookups gathered into shared statements).
func BenchmarkSessionLookupConcurrent(b *testing.B) {
	for _, withMemo := range []bool{false, true} {
		b.Run(memoName(withMemo), func(b *testing.B) {
			ss, token := lookupBench(b, withMemo)
			b.SetParallelism(16)
			b.ResetTimer() // the database's setup is not the lookups'
			b.RunParallel(func(pb *testing.PB) {
				for pb.Next() {
					if _, err := ss.Lookup(db.WithSnapshot(context.Background()), token); err != nil {
						b.Error(err)
						return
					}
				}
			})
		})
	}
}

func memoName(withMemo bool) string {
	if withMemo {
		return "memo"
	}
	return "alone"
}

// lookupBench signs the demo sales user in on a new database, with or
// without the service's Memo, and returns the sessions and the token.
func lookupBench(b *testing.B, withMemo bool) (auth.Sessions, string) {
	app := testkit.New(b)
	s := newService(app)
	if withMemo {
		s.Memo = auth.NewMemo()
	}
	ss := s.Sessions()
	token, _, err := ss.Start(context.Background(), demoSales(b, app), auth.StageSignedIn, "Mozilla/5.0 (X11)", "192.0.2.7")
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	return ss, token
}
