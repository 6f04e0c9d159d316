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

// PERF-7: on SQLite the writer connection keeps the prepared statements of
// the writes from one transaction to the next, and a kept statement gives
// the same results as a new one: a read of the same text while its first
// result set is still open, a write that fails and the next that succeeds,
// and several statements in one text.
func TestWriterKeepsPreparedStatements_PERF7(t *testing.T) {
	if testkit.Postgres() {
		t.Skip("SQLite's writer connection")
	}
	g := testkit.OpenDB(t, clock.NewManual(testkit.Start))
	if err := g.AutoMigrate(&stamp{}); err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	const insert = "INSERT INTO stamps (id, at) VALUES (?, ?)"
	for _, id := range []string{"a", "b", "c"} {
		err := db.Tx(ctx, g, func(ctx context.Context, tx *gorm.DB) error {
			return tx.Exec(insert, id, testkit.Start).Error
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	err := db.Tx(ctx, g, func(ctx context.Context, tx *gorm.DB) error {
		return tx.Exec(insert, "a", testkit.Start).Error
	})
	if !db.IsUniqueViolation(err) {
		t.Fatalf("second insert of a: %v, want a unique violation", err)
	}
	var pairs []string
	err = db.Tx(ctx, g, func(ctx context.Context, tx *gorm.DB) error {
		if err := tx.Exec(insert, "d", testkit.Start).Error; err != nil {
			return err
		}
		const each = "SELECT id FROM stamps ORDER BY id"
		outer, err := tx.Raw(each).Rows()
		if err != nil {
			return err
		}
		defer outer.Close()
		for outer.Next() {
			var o string
			if err := outer.Scan(&o); err != nil {
				return err
			}
			var inner []string
			if err := tx.Raw(each).Scan(&inner).Error; err != nil {
				return err
			}
			pairs = append(pairs, o+":"+strings.Join(inner, ""))
		}
		return outer.Err()
	})
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"a:abcd", "b:abcd", "c:abcd", "d:abcd"}; !slices.Equal(pairs, want) {
		t.Fatalf("nested reads of one text: %q, want %q", pairs, want)
	}
	if err := g.Exec("DELETE FROM stamps WHERE id = 'a'; DELETE FROM stamps WHERE id = 'b'").Error; err != nil {
		t.Fatal(err)
	}
	var left int64
	if err := g.Model(&stamp{}).Count(&left).Error; err != nil || left != 2 {
		t.Fatalf("after two deletes in one text: %d rows (%v), want 2", left, err)
	}
	kept, err := db.WriterStatements(g)
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{insert, "SELECT id FROM stamps ORDER BY id"} {
		if !slices.Contains(kept, q) {
			t.Errorf("not kept: %q (kept %q)", q, kept)
		}
	}
	if slices.ContainsFunc(kept, func(q string) bool { return strings.Contains(q, ";") }) {
		t.Errorf("a text of several statements was kept: %q", kept)
	}
}

// PERF-2: on SQLite a request's statements run without its cancellation
// (the driver would run each row read in a goroutine of its own to be able
// to interrupt it), with its values kept; PostgreSQL's keep it.
func TestSQLiteStatementsRunUncancelled_PERF2(t *testing.T) {
	g := testkit.OpenDB(t, clock.NewManual(testkit.Start))
	if err := g.AutoMigrate(&stamp{}); err != nil {
		t.Fatal(err)
	}
	type key struct{}
	var cancellable, valued []bool
	see := func(tx *gorm.DB) {
		cancellable = append(cancellable, tx.Statement.Context.Done() != nil)
		valued = append(valued, tx.Statement.Context.Value(key{}) == "request")
	}
	cb := g.Callback()
	for _, err := range []error{
		cb.Query().After("db:detach").Before("gorm:query").Register("test:see", see),
		cb.Create().After("db:detach").Before("gorm:create").Register("test:see", see),
	} {
		if err != nil {
			t.Fatal(err)
		}
	}
	ctx, cancel := context.WithCancel(context.WithValue(context.Background(), key{}, "request"))
	defer cancel()
	if err := g.WithContext(ctx).Create(&stamp{ID: "a", At: testkit.Start}).Error; err != nil {
		t.Fatal(err)
	}
	var got []stamp
	if err := g.WithContext(ctx).Find(&got).Error; err != nil || len(got) != 1 {
		t.Fatalf("read %d rows (%v)", len(got), err)
	}
	want := !testkit.Postgres()
	if !slices.Equal(cancellable, []bool{!want, !want}) || !slices.Equal(valued, []bool{true, true}) {
		t.Fatalf("statements cancellable %v, with the request's values %v; SQLite detaches them: %v", cancellable, valued, want)
	}
}

// PERF-7: which texts a kept statement may run: one statement, its verb
// followed by any space; for Exec, a write that leaves no rows behind.
func TestKeepableStatements_PERF7(t *testing.T) {
	for _, c := range []struct {
		query      string
		rows, want bool
	}{
		{"INSERT INTO stamps (id) VALUES (?)", false, true},
		{"UPDATE\n\tstamps SET at = ? WHERE id = ?", false, true},
		{"delete from stamps where id = ?;", false, true},
		{"INSERT INTO stamps (id) VALUES (?) RETURNING id", false, false},
		{"INSERT INTO stamps (id) VALUES (?) RETURNING id", true, true},
		{"SELECT id FROM stamps", false, false},
		{"WITH\nx AS (SELECT 1) SELECT * FROM x", true, true},
		{"PRAGMA wal_checkpoint(PASSIVE)", true, false},
		{"DELETE FROM stamps WHERE id = 'a'; DELETE FROM stamps WHERE id = 'b'", false, false},
	} {
		if got := db.Keepable(c.query, c.rows); got != c.want {
			t.Errorf("keepable(%q, rows %v) = %v, want %v", c.query, c.rows, got, c.want)
		}
	}
}
