package db_test

import (
	"context"
	"errors"
	"fmt"
	"testing"

	"github.com/jackc/pgx/v5/pgconn"
	"gorm.io/gorm"

	"portal/internal/platform/clock"
	"portal/internal/platform/db"
	"portal/internal/testkit"
)

// PERF-7: a transaction PostgreSQL aborted for a deadlock or a
// serialization failure runs again and its work is kept once; other errors
// and a failure that persists are returned, with nothing written.
func TestTxRunsAgainAfterADeadlock_PERF7(t *testing.T) {
	g := testkit.OpenDB(t, clock.NewManual(testkit.Start))
	if err := g.AutoMigrate(&stamp{}); err != nil {
		t.Fatal(err)
	}
	aborted := func(code string) error {
		return fmt.Errorf("orders: checkout: %w", &pgconn.PgError{Code: code, Message: "aborted"})
	}
	run := func(id string, fail func(attempt int) error) (int, error) {
		attempts := 0
		err := db.Tx(context.Background(), g, func(ctx context.Context, tx *gorm.DB) error {
			attempts++
			if err := tx.Create(&stamp{ID: id, At: testkit.Start}).Error; err != nil {
				return err
			}
			return fail(attempts)
		})
		return attempts, err
	}
	count := func(id string) int64 {
		var n int64
		g.Model(&stamp{}).Where("id = ?", id).Count(&n)
		return n
	}
	for _, code := range []string{"40P01", "40001"} {
		n, err := run(code, func(a int) error {
			if a == 1 {
				return aborted(code)
			}
			return nil
		})
		if err != nil || n != 2 || count(code) != 1 {
			t.Errorf("%s: %d attempts, err %v, %d rows; want 2 attempts, no error, 1 row", code, n, err, count(code))
		}
	}
	n, err := run("always", func(int) error { return aborted("40P01") })
	if err == nil || n != 4 || count("always") != 0 {
		t.Errorf("lasting deadlock: %d attempts, err %v, %d rows; want 4 attempts, the error, no row", n, err, count("always"))
	}
	other := errors.New("refused")
	n, err = run("other", func(int) error { return other })
	if !errors.Is(err, other) || n != 1 || count("other") != 0 {
		t.Errorf("other error: %d attempts, err %v, %d rows; want 1 attempt, the error, no row", n, err, count("other"))
	}
}
