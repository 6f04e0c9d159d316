package db

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"gorm.io/gorm"
)

// Group commit (PERF-7). On SQLite every transaction runs on the writer
// connection in turn, and its commit writes each page it changed to the
// write-ahead log: two system calls a page, some fifty pages for a
// checkout, and most of them pages the next checkout changes again (the
// tables' and time-ordered indexes' last pages, the summaries' rows).
// So when another transaction is waiting as one ends, the writer does not
// commit: the waiting one runs in the same SQLite transaction, and so on,
// up to groupMax of them; the last commits them all at once and every one
// returns the outcome of that commit. Each runs inside a savepoint of its
// own, so one that fails is rolled back alone and the others still commit.
// A caller of Tx returns only once its work is committed, as before.

// groupMax bounds the transactions one commit carries, so a steady queue
// of writers still commits regularly.
const groupMax = 8

// passWait is how long a transaction that handed the open group to a
// waiting one waits for the group's commit before taking the turn back to
// commit it: the one it handed to may have given up waiting (its request
// cancelled), and whoever holds the turn next commits the group or joins it.
const passWait = 50 * time.Millisecond

// group is the SQLite transaction open on a writer connection, shared by
// the transactions that ran in it so far.
type group struct {
	tx      *gorm.DB     // a session on conn (groupConn)
	conn    *sql.Conn    // the writer connection, in SQLite's transaction
	size    int          // transactions run in it
	waiters []chan error // the commit's outcome, to those that handed it on
}

// errGroupLost is the failure of a group whose SQLite transaction ended
// before its commit (SQLite rolls a whole transaction back after some
// errors): none of its work was kept.
var errGroupLost = errors.New("db: the write transaction was rolled back")

// runTx runs fn in the writer's open group, or in a new one, holding the
// writer's turn, and gives the turn up: to a waiting transaction, with the
// group still open, or after committing the group.
func (w *writer) runTx(ctx context.Context, base *gorm.DB, fn func(ctx context.Context, tx *gorm.DB) error) error {
	if w.open == nil {
		// The group outlives the request that began it: its context
		// cannot be cancelled, and neither can its members' statements.
		tx, conn, err := w.beginGroup(base)
		if err != nil {
			w.release()
			return err
		}
		w.open = &group{tx: tx, conn: conn}
	}
	grp := w.open
	grp.size++
	sp := fmt.Sprintf("tx%d", grp.size)
	var err error
	var panicked any
	for range txAttempts { // as on PostgreSQL (Tx); rolled back to its savepoint in between
		panicked, err = w.member(ctx, grp.tx, sp, fn)
		if lost := grp.tx.Exec(endSavepoint(sp, err != nil || panicked != nil)).Error; lost != nil {
			w.fail(fmt.Errorf("%w: %w", errGroupLost, lost))
			if err == nil {
				err = fmt.Errorf("%w: %w", errGroupLost, lost)
			}
			w.release()
			return rethrow(panicked, err)
		}
		if panicked != nil || !retryable(err) {
			break
		}
	}
	var committed error
	if w.waiting.Load() > 0 && grp.size < groupMax {
		done := make(chan error, 1)
		grp.waiters = append(grp.waiters, done)
		<-w.turn // handed on, the group still open
		committed = w.awaitCommit(grp, done)
	} else {
		committed = w.commit()
		w.release()
	}
	if err == nil {
		err = committed
	}
	return rethrow(panicked, err)
}

// member runs fn in savepoint sp of the group's transaction, recovering a
// panic so the group can finish before it goes on in the caller.
func (w *writer) member(ctx context.Context, gtx *gorm.DB, sp string, fn func(ctx context.Context, tx *gorm.DB) error) (panicked any, err error) {
	mctx := context.WithoutCancel(ctx)
	tx := gtx.WithContext(mctx)
	if err := tx.Exec("SAVEPOINT " + sp).Error; err != nil {
		return nil, err
	}
	defer func() {
		if r := recover(); r != nil {
			panicked = r
		}
	}()
	return nil, fn(context.WithValue(mctx, txKey{}, tx), tx)
}

// endSavepoint keeps a member's work in the group, or rolls it back.
func endSavepoint(sp string, rollBack bool) string {
	if rollBack {
		return "ROLLBACK TO " + sp + "; RELEASE " + sp
	}
	return "RELEASE " + sp
}

// awaitCommit waits for the outcome of the group's commit. When it does not
// come within passWait, the transaction the group was handed to may have
// given up: the turn is taken back and the group committed if it is still
// open (whoever took the turn meanwhile committed or joined it).
func (w *writer) awaitCommit(grp *group, done chan error) error {
	t := time.NewTimer(passWait)
	defer t.Stop()
	select {
	case err := <-done:
		return err
	case <-t.C:
	}
	if w.take(context.Background()) == nil {
		if w.open == grp {
			_ = w.commit()
		}
		w.release()
	}
	return <-done
}

// commit commits the open group and tells its waiting members the outcome.
func (w *writer) commit() error {
	grp := w.open
	w.open = nil
	err := endGroup(grp.conn, true)
	w.commits.Add(1)
	w.version.Add(1) // before its members return: what they wrote can be read
	if err != nil {
		err = fmt.Errorf("db: commit: %w", err)
	}
	for _, done := range grp.waiters {
		done <- err
	}
	w.ckpt.committed(grp.size - 1) // and one as the turn is released
	return err
}

// fail ends a group whose transaction was lost: its waiting members fail.
func (w *writer) fail(err error) {
	grp := w.open
	w.open = nil
	_ = endGroup(grp.conn, false)
	for _, done := range grp.waiters {
		done <- err
	}
}

// flush commits the open group, if any: for a write that does not join it
// (a lone statement, the checkpointer), called holding the turn.
func (w *writer) flush() {
	if w.open != nil {
		_ = w.commit()
	}
}

// rethrow goes on with a member's panic, once its group is settled.
func rethrow(panicked any, err error) error {
	if panicked != nil {
		panic(panicked)
	}
	return err
}
