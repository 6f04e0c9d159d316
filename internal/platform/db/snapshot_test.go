package db_test

import (
	"context"
	"slices"
	"strings"
	"testing"

	"gorm.io/gorm"

	"portal/internal/platform/clock"
	"portal/internal/platform/db"
	"portal/internal/testkit"
)

// PERF-2: within a request (db.WithSnapshot) the database's snapshot is
// read once for every Memo made AcrossNodes, or not at all when a
// statement of the request noted it (the session lookup); the request's
// own write, lone or in a transaction, makes the next Read read it again,
// and the value too. On SQLite the writer's version decides as before and
// no snapshot is read.
func TestRequestSnapshotServesEveryMemoOfTheRequest_PERF2(t *testing.T) {
	g := testkit.OpenDB(t, clock.NewManual(testkit.Start))
	if err := g.AutoMigrate(&stamp{}); err != nil {
		t.Fatal(err)
	}
	rec := testkit.RecordQueries(t, g)
	ctx := db.WithSnapshot(context.Background())
	first, second := db.NewMemo[string, []string](4).AcrossNodes(), db.NewMemo[string, []string](4).AcrossNodes()
	reads := 0
	read := readStamps(g, &reads)
	step := func(name string, m *db.Memo[string, []string], wantSnapshot, wantRead bool) []string {
		t.Helper()
		rec.Take()
		before := reads
		ids, err := m.Read(ctx, g, "stamps", nil, read)
		if err != nil {
			t.Fatal(err)
		}
		snapshot := slices.ContainsFunc(rec.Take(), func(s testkit.Statement) bool { return strings.Contains(s.SQL, "pg_current_snapshot") })
		if !testkit.Postgres() {
			wantSnapshot = false
		}
		if snapshot != wantSnapshot {
			t.Errorf("%s: read the snapshot %v, want %v", name, snapshot, wantSnapshot)
		}
		if got := reads > before; got != wantRead {
			t.Errorf("%s: read the value %v, want %v", name, got, wantRead)
		}
		return ids
	}

	step("first memo", first, true, true)
	step("second memo, same request", second, false, true)
	if err := g.WithContext(ctx).Create(&stamp{ID: "a"}).Error; err != nil {
		t.Fatal(err)
	}
	if ids := step("after the request's lone write", first, true, true); !slices.Equal(ids, []string{"a"}) {
		t.Errorf("after the request's lone write: %v", ids)
	}
	if err := db.Tx(ctx, g, func(ctx context.Context, tx *gorm.DB) error { return tx.Create(&stamp{ID: "b"}).Error }); err != nil {
		t.Fatal(err)
	}
	if ids := step("after the request's transaction", second, true, true); !slices.Equal(ids, []string{"a", "b"}) {
		t.Errorf("after the request's transaction: %v", ids)
	}

	// A snapshot noted by one of the request's statements serves as well.
	if testkit.Postgres() {
		ctx = db.WithSnapshot(context.Background())
		var s string
		if err := g.Raw("SELECT " + db.SnapshotSQL).Row().Scan(&s); err != nil {
			t.Fatal(err)
		}
		db.NoteSnapshot(ctx, s)
		step("noted", first, false, true)
	}
}
