package db_test

import (
	"context"
	"errors"
	"slices"
	"testing"

	"gorm.io/gorm"

	"portal/internal/platform/clock"
	"portal/internal/platform/db"
	"portal/internal/testkit"
)

// PERF-2: a Memo reads a key once on SQLite while nothing is written, and
// again after any write, lone or in a transaction, whatever it touched; a
// failed read, a value that no longer answers and a read inside a
// transaction are not kept. On PostgreSQL it reads every time.
func TestMemoReadsAgainAfterAnyWrite_PERF2(t *testing.T) {
	g := testkit.OpenDB(t, clock.NewManual(testkit.Start))
	if err := g.AutoMigrate(&stamp{}); err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	m := db.NewMemo[string, []string](4)
	reads := 0
	read := readStamps(g, &reads)
	step := func(name string, answers func([]string) bool, wantRead bool) []string {
		t.Helper()
		before := reads
		ids, err := m.Read(ctx, g, "stamps", answers, read)
		if err != nil {
			t.Fatal(err)
		}
		if testkit.Postgres() {
			wantRead = true
		}
		if got := reads > before; got != wantRead {
			t.Errorf("%s: read %v, want %v", name, got, wantRead)
		}
		return ids
	}
	write := func(id string) {
		t.Helper()
		if err := g.Create(&stamp{ID: id}).Error; err != nil {
			t.Fatal(err)
		}
	}

	step("first", nil, true)
	step("again", nil, false)
	write("a")
	if ids := step("after a lone write", nil, true); !slices.Equal(ids, []string{"a"}) {
		t.Errorf("after a lone write: %v", ids)
	}
	step("again", nil, false)
	if err := db.Tx(ctx, g, func(ctx context.Context, tx *gorm.DB) error { return tx.Create(&stamp{ID: "b"}).Error }); err != nil {
		t.Fatal(err)
	}
	if ids := step("after a transaction", nil, true); !slices.Equal(ids, []string{"a", "b"}) {
		t.Errorf("after a transaction: %v", ids)
	}
	// A write that returns rows runs on the writer too (Returning).
	var returned string
	if err := db.Returning(ctx, g, &returned, "INSERT INTO stamps (id) VALUES (?) RETURNING id", "ab"); err != nil || returned != "ab" {
		t.Fatalf("returning: %q, %v", returned, err)
	}
	if ids := step("after a write that returns rows", nil, true); !slices.Equal(ids, []string{"a", "ab", "b"}) {
		t.Errorf("after a write that returns rows: %v", ids)
	}
	// Another key's write, in another table, counts too.
	if err := g.Exec("CREATE TABLE memo_other (id INTEGER)").Error; err != nil {
		t.Fatal(err)
	}
	step("after a write elsewhere", nil, true)
	step("no longer answering", func([]string) bool { return false }, true)
	step("answering", func(ids []string) bool { return len(ids) == 3 }, false)

	failed := errors.New("the read failed")
	if _, err := m.Read(ctx, g, "failing", nil, func(context.Context) ([]string, error) { return nil, failed }); !errors.Is(err, failed) {
		t.Fatalf("a failed read returned %v", err)
	}
	n := 0
	if _, err := m.Read(ctx, g, "failing", nil, func(context.Context) ([]string, error) { n++; return nil, nil }); err != nil || n != 1 {
		t.Errorf("a failed read was kept (read again %d times, %v)", n, err)
	}

	before := reads
	err := db.Tx(ctx, g, func(ctx context.Context, tx *gorm.DB) error {
		if err := tx.Create(&stamp{ID: "c"}).Error; err != nil {
			return err
		}
		for range 2 {
			ids, err := m.Read(ctx, g, "in a transaction", nil, read)
			if err != nil {
				return err
			}
			if !slices.Contains(ids, "c") {
				t.Errorf("a transaction did not read its own write: %v", ids)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if reads-before != 2 {
		t.Errorf("in a transaction: read %d times for 2 reads", reads-before)
	}

	var none *db.Memo[string, []string]
	before = reads
	for range 2 {
		if _, err := none.Read(ctx, g, "stamps", nil, read); err != nil {
			t.Fatal(err)
		}
	}
	if reads-before != 2 {
		t.Errorf("a nil Memo read %d times for 2 reads", reads-before)
	}
}

// PERF-2: a Memo made AcrossNodes keeps a value on PostgreSQL while the
// database's snapshot stays the same, and reads again once a write, on
// any connection, has ended; on SQLite it keeps as any Memo does. Other
// tests write on the same server at any time, so a Read that must keep
// is checked only when the snapshot was the same before and after.
func TestMemoAcrossNodesKeepsWhileTheSnapshotStays_PERF2(t *testing.T) {
	g := testkit.OpenDB(t, clock.NewManual(testkit.Start))
	if err := g.AutoMigrate(&stamp{}); err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	m := db.NewMemo[string, []string](4).AcrossNodes()
	reads := 0
	read := readStamps(g, &reads)
	snapshot := func() string {
		if !testkit.Postgres() {
			return ""
		}
		var s string
		if err := g.Raw("SELECT pg_current_snapshot()::text").Row().Scan(&s); err != nil {
			t.Fatal(err)
		}
		return s
	}
	kept := false
	for try := 0; try < 50 && !kept; try++ {
		// Read before the first read and after the second: equal, no
		// transaction ended in between, so both reads saw the same one.
		before := snapshot()
		if _, err := m.Read(ctx, g, "stamps", nil, read); err != nil {
			t.Fatal(err)
		}
		n := reads
		if _, err := m.Read(ctx, g, "stamps", nil, read); err != nil {
			t.Fatal(err)
		}
		if snapshot() != before {
			continue // another test wrote meanwhile
		}
		if reads != n {
			t.Fatalf("read again with the database's snapshot unchanged (%s)", before)
		}
		kept = true
	}
	if !kept {
		t.Fatal("the database's snapshot moved throughout 50 tries")
	}
	if err := g.Create(&stamp{ID: "a"}).Error; err != nil {
		t.Fatal(err)
	}
	ids, err := m.Read(ctx, g, "stamps", nil, read)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(ids, []string{"a"}) {
		t.Errorf("after a write: %v", ids)
	}
}

// readStamps reads the stamps' IDs, counting its reads in n.
func readStamps(g *gorm.DB, n *int) func(context.Context) ([]string, error) {
	return func(ctx context.Context) ([]string, error) {
		*n++
		var ids []string
		err := db.Conn(ctx, g).Model(&stamp{}).Order("id").Pluck("id", &ids).Error
		return ids, err
	}
}

// PERF-2: a request's stamp (what kept renderings are keyed by) stays while
// nothing is written and moves with any write on SQLite; on PostgreSQL it
// is the snapshot the request noted, and none without one; there is none
// inside a transaction.
func TestStampMovesWithEveryWrite_PERF2(t *testing.T) {
	g := testkit.OpenDB(t, clock.NewManual(testkit.Start))
	if err := g.AutoMigrate(&stamp{}); err != nil {
		t.Fatal(err)
	}
	ctx := db.WithSnapshot(context.Background())
	if testkit.Postgres() {
		if _, ok := db.Stamp(ctx, g); ok {
			t.Fatal("a stamp before the request noted its snapshot")
		}
		db.NoteSnapshot(ctx, "100:100:")
		if s, ok := db.Stamp(ctx, g); !ok || s != "100:100:" {
			t.Fatalf("stamp %q (%v), want the noted snapshot", s, ok)
		}
	} else {
		first, ok := db.Stamp(ctx, g)
		if again, _ := db.Stamp(ctx, g); !ok || again != first {
			t.Fatalf("stamp %q then %q with nothing written", first, again)
		}
		if err := g.Create(&stamp{ID: "a"}).Error; err != nil {
			t.Fatal(err)
		}
		if after, _ := db.Stamp(ctx, g); after == first {
			t.Fatalf("stamp %q unchanged after a write", after)
		}
	}
	err := db.Tx(ctx, g, func(ctx context.Context, tx *gorm.DB) error {
		if s, ok := db.Stamp(ctx, g); ok {
			t.Errorf("stamp %q inside a transaction", s)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
