package lifecycle

import (
	"context"
	"database/sql/driver"
	"fmt"
)

// AdvisoryLockKey names the lifecycle engine's PostgreSQL advisory lock: any
// fixed number no other part of the portal uses.
const AdvisoryLockKey int64 = 0x706f7274_6c696665 // "portlife"

// RunExclusive runs one pass of the engine unless one is already running:
// on PostgreSQL anywhere among the nodes sharing the database (a session
// advisory lock), on SQLite in this process (OPS-3). ran is false when the
// pass was skipped because another holds the lock.
func (e *Engine) RunExclusive(ctx context.Context) (rep Report, ran bool, err error) {
	ran, err = e.Exclusive(ctx, func(ctx context.Context) error {
		var runErr error
		rep, runErr = e.Run(ctx)
		return runErr
	})
	return rep, ran, err
}

// Exclusive calls fn while holding the engine's lock and reports whether it
// got it; without the lock it returns at once, false. On PostgreSQL the lock
// is pg_try_advisory_lock on a connection of its own, held for fn and
// released after; on SQLite, which one process serves, a mutex.
func (e *Engine) Exclusive(ctx context.Context, fn func(context.Context) error) (bool, error) {
	if e.DB.Name() != "postgres" {
		if !e.mu.TryLock() {
			return false, nil
		}
		defer e.mu.Unlock()
		return true, fn(ctx)
	}
	sqlDB, err := e.DB.DB()
	if err != nil {
		return false, fmt.Errorf("lifecycle: lock: %w", err)
	}
	conn, err := sqlDB.Conn(ctx)
	if err != nil {
		return false, fmt.Errorf("lifecycle: lock connection: %w", err)
	}
	defer conn.Close()
	var got bool
	if err := conn.QueryRowContext(ctx, "SELECT pg_try_advisory_lock($1)", AdvisoryLockKey).Scan(&got); err != nil {
		return false, fmt.Errorf("lifecycle: lock: %w", err)
	}
	if !got {
		return false, nil
	}
	defer func() {
		// Unlock even when ctx ended; a connection that could not unlock is
		// dropped, which ends its session and so its lock.
		var released bool
		if err := conn.QueryRowContext(context.WithoutCancel(ctx), "SELECT pg_advisory_unlock($1)", AdvisoryLockKey).Scan(&released); err != nil || !released {
			_ = conn.Raw(func(any) error { return driver.ErrBadConn })
		}
	}()
	return true, fn(ctx)
}
