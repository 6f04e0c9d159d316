package db_test

import (
	"context"
	"errors"
	"fmt"
	"runtime/metrics"
	"slices"
	"sync"
	"testing"
	"time"

	"gorm.io/gorm"

	"portal/internal/platform/clock"
	"portal/internal/platform/db"
	"portal/internal/testkit"
)

// openStamps opens a SQLite database with the stamps table.
func openStamps(t *testing.T) *gorm.DB {
	t.Helper()
	if testkit.Postgres() {
		t.Skip("SQLite's writer connection")
	}
	g := testkit.OpenDB(t, clock.NewManual(testkit.Start))
	if err := g.AutoMigrate(&stamp{}); err != nil {
		t.Fatal(err)
	}
	return g
}

// stampIDs lists the stamps a reader sees: the committed ones.
func stampIDs(t *testing.T, g *gorm.DB) []string {
	t.Helper()
	var ids []string
	if err := g.Model(&stamp{}).Order("id").Pluck("id", &ids).Error; err != nil {
		t.Fatal(err)
	}
	return ids
}

// wantStamps checks the committed stamps, written as fmt prints a list.
func wantStamps(t *testing.T, g *gorm.DB, want string) {
	t.Helper()
	if ids := stampIDs(t, g); fmt.Sprint(ids) != want {
		t.Errorf("committed %v, want %s", ids, want)
	}
}

// waitFor polls cond until it holds, failing the test after a minute.
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	for deadline := time.Now().Add(time.Minute); !cond(); time.Sleep(time.Millisecond) {
		if time.Now().After(deadline) {
			t.Errorf("waited a minute for %s", what)
			return
		}
	}
}

// PERF-7: transactions that wait for SQLite's writer while another runs
// are committed with it, in one commit; each still has its own outcome: one
// that fails or panics leaves nothing and its caller sees the failure or
// the panic, the others' work is kept, and every caller returns only once
// its work is committed (a reader sees it).
func TestWaitingTransactionsCommitTogether_PERF7(t *testing.T) {
	g := openStamps(t)
	ctx := context.Background()
	before := db.GroupCommits(g)
	refused := errors.New("refused")
	type outcome struct {
		id       string
		err      error
		panicked any
		seen     []string // what a reader saw as Tx returned
	}
	results := make(chan outcome, 4)
	run := func(id string, end func() error) {
		o := outcome{id: id}
		defer func() {
			o.panicked = recover()
			o.seen = stampIDs(t, g)
			results <- o
		}()
		o.err = db.Tx(ctx, g, func(ctx context.Context, tx *gorm.DB) error {
			if err := tx.Create(&stamp{ID: id, At: testkit.Start}).Error; err != nil {
				return err
			}
			return end()
		})
	}
	// The first holds the writer until the three others wait for it.
	started := make(chan struct{})
	go run("a", func() error {
		close(started)
		waitFor(t, "three waiting transactions", func() bool { return db.Waiting(g) == 3 })
		return nil
	})
	<-started
	go run("b", func() error { return nil })
	go run("c", func() error { return refused })
	go run("d", func() error { panic("boom") })
	got := map[string]outcome{}
	for range 4 {
		o := <-results
		got[o.id] = o
	}
	if o := got["a"]; o.err != nil || o.panicked != nil {
		t.Errorf("a: %v, panic %v; want committed", o.err, o.panicked)
	}
	if o := got["b"]; o.err != nil || o.panicked != nil {
		t.Errorf("b: %v, panic %v; want committed", o.err, o.panicked)
	}
	if o := got["c"]; !errors.Is(o.err, refused) {
		t.Errorf("c: %v; want its own error", o.err)
	}
	if o := got["d"]; o.panicked != "boom" {
		t.Errorf("d: panic %v, err %v; want its panic", o.panicked, o.err)
	}
	for _, id := range []string{"a", "b"} {
		if s := got[id].seen; !slices.Contains(s, id) {
			t.Errorf("%s returned before a reader saw its row: %v", id, s)
		}
	}
	wantStamps(t, g, "[a b]")
	if n := db.GroupCommits(g) - before; n != 1 {
		t.Errorf("%d commits for the four transactions, want 1", n)
	}
}

// PERF-7: a write outside a transaction, or the next transaction, while a
// group is open commits the group first (the group holds the writer's
// one connection), and nothing waits for ever.
func TestLoneWriteCommitsTheOpenGroup_PERF7(t *testing.T) {
	g := openStamps(t)
	ctx := context.Background()
	var wg sync.WaitGroup
	errs := make(chan error, 3)
	started := make(chan struct{})
	wg.Add(1)
	go func() {
		defer wg.Done()
		errs <- db.Tx(ctx, g, func(ctx context.Context, tx *gorm.DB) error {
			close(started)
			if err := tx.Create(&stamp{ID: "a", At: testkit.Start}).Error; err != nil {
				return err
			}
			waitFor(t, "a waiting transaction", func() bool { return db.Waiting(g) == 1 })
			time.Sleep(10 * time.Millisecond) // the lone write queues too
			return nil
		})
	}()
	<-started
	wg.Add(2)
	go func() {
		defer wg.Done()
		errs <- db.Tx(ctx, g, func(ctx context.Context, tx *gorm.DB) error {
			return tx.Create(&stamp{ID: "b", At: testkit.Start}).Error
		})
	}()
	go func() {
		defer wg.Done()
		waitFor(t, "a waiting transaction", func() bool { return db.Waiting(g) == 1 })
		errs <- g.Create(&stamp{ID: "lone", At: testkit.Start}).Error
	}()
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Error(err)
		}
	}
	wantStamps(t, g, "[a b lone]")
}

// PERF-7: a group handed to a transaction that then gave up waiting (its
// request cancelled) is committed all the same, by the one that handed it
// on, once passWait has passed.
func TestGroupHandedToNoOneStillCommits_PERF7(t *testing.T) {
	g := openStamps(t)
	ctx := context.Background()
	db.PretendWaiting(g, 1)
	err := db.Tx(ctx, g, func(ctx context.Context, tx *gorm.DB) error {
		return tx.Create(&stamp{ID: "a", At: testkit.Start}).Error
	})
	db.PretendWaiting(g, -1)
	if err != nil {
		t.Fatal(err)
	}
	wantStamps(t, g, "[a]")
}

// PERF-7: when a transaction of the group ends SQLite's transaction before
// the commit, none of the group's work is kept and every member is told.
func TestLostGroupFailsEveryMember_PERF7(t *testing.T) {
	g := openStamps(t)
	ctx := context.Background()
	errs := make(chan error, 2)
	started := make(chan struct{})
	go func() {
		errs <- db.Tx(ctx, g, func(ctx context.Context, tx *gorm.DB) error {
			close(started)
			if err := tx.Create(&stamp{ID: "a", At: testkit.Start}).Error; err != nil {
				return err
			}
			waitFor(t, "a waiting transaction", func() bool { return db.Waiting(g) == 1 })
			return nil
		})
	}()
	<-started
	go func() {
		errs <- db.Tx(ctx, g, func(ctx context.Context, tx *gorm.DB) error {
			if err := tx.Create(&stamp{ID: "b", At: testkit.Start}).Error; err != nil {
				return err
			}
			return tx.Exec("ROLLBACK").Error
		})
	}()
	for range 2 {
		if err := <-errs; err == nil {
			t.Error("a member of a lost group succeeded")
		}
	}
	wantStamps(t, g, "[]")
	if err := db.Tx(ctx, g, func(ctx context.Context, tx *gorm.DB) error {
		return tx.Create(&stamp{ID: "c", At: testkit.Start}).Error
	}); err != nil {
		t.Fatalf("the next transaction: %v", err)
	}
	wantStamps(t, g, "[c]")
}

// PERF-7: the reads of a transaction on SQLite's writer start no goroutine.
// In a database/sql transaction each read started one to watch the
// transaction's context, and a checkout reads six times in the writer's
// turn; the group's statements run on the connection itself.
func TestWriterReadsStartNoGoroutine_PERF7(t *testing.T) {
	g := openStamps(t)
	const reads = 20
	var created uint64
	err := db.Tx(context.Background(), g, func(ctx context.Context, tx *gorm.DB) error {
		if err := tx.Create(&stamp{ID: "a", At: testkit.Start}).Error; err != nil {
			return err
		}
		before := goroutinesCreated()
		for range reads {
			var ids []string
			if err := tx.Raw("SELECT id FROM stamps WHERE id = ?", "a").Scan(&ids).Error; err != nil || len(ids) != 1 {
				return fmt.Errorf("read %v: %w", ids, err)
			}
		}
		created = goroutinesCreated() - before
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if created >= reads {
		t.Errorf("%d reads in the transaction started %d goroutines", reads, created)
	}
	wantStamps(t, g, "[a]")
}

func goroutinesCreated() uint64 {
	s := []metrics.Sample{{Name: "/sched/goroutines-created:goroutines"}}
	metrics.Read(s)
	return s[0].Value.Uint64()
}

// PERF-7: a GORM transaction inside db.Tx is a savepoint of the writer's
// transaction: its failure undoes its own work only, and the transaction
// cannot be committed from inside (its group commits as a whole).
func TestNestedTransactionIsASavepoint_PERF7(t *testing.T) {
	g := openStamps(t)
	inner := errors.New("inner refused")
	err := db.Tx(context.Background(), g, func(ctx context.Context, tx *gorm.DB) error {
		if err := tx.Create(&stamp{ID: "outer", At: testkit.Start}).Error; err != nil {
			return err
		}
		if err := tx.Transaction(func(tx *gorm.DB) error {
			return tx.Create(&stamp{ID: "kept", At: testkit.Start}).Error
		}); err != nil {
			return err
		}
		if err := tx.Transaction(func(tx *gorm.DB) error {
			if err := tx.Create(&stamp{ID: "undone", At: testkit.Start}).Error; err != nil {
				return err
			}
			return inner
		}); !errors.Is(err, inner) {
			return fmt.Errorf("the failed inner transaction: %v", err)
		}
		if err := tx.Commit().Error; err == nil {
			return errors.New("committed from inside db.Tx")
		}
		if ids := stampIDs(t, g); len(ids) != 0 {
			return fmt.Errorf("a reader saw %v before db.Tx returned", ids)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	wantStamps(t, g, "[kept outer]")
}
