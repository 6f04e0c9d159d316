package db

import (
	"context"
	"sync"

	"gorm.io/gorm"
)

// A request's snapshot (PostgreSQL): the database's snapshot read once
// for a whole request, so that every Memo made AcrossNodes that the
// request reads compares against it instead of reading it again, one
// round trip each. The session lookup, which every signed-in request
// runs, reads it in the same statement (NoteSnapshot), so a page whose
// reads are all kept costs that one round trip.
//
// A snapshot read earlier in the request is as good as one read just
// before a Memo's read: a value kept with it was read after it, and is
// returned only while the database's snapshot is the same. But a
// request's own write makes it stale (the request would be shown what
// it read before it wrote), so every write through GORM, lone or in a
// transaction, forgets it and the next Memo read reads the snapshot
// again.
type requestSnapshot struct {
	mu    sync.Mutex
	value string
}

type snapshotKey struct{}

// WithSnapshot returns ctx with room for the request's snapshot. The web
// server gives one to every request.
func WithSnapshot(ctx context.Context) context.Context {
	return context.WithValue(ctx, snapshotKey{}, &requestSnapshot{})
}

// NoteSnapshot records s, the database's snapshot (pg_current_snapshot as
// text) read by a statement of ctx's request, when ctx has room for it.
func NoteSnapshot(ctx context.Context, s string) {
	if r, ok := ctx.Value(snapshotKey{}).(*requestSnapshot); ok {
		r.mu.Lock()
		r.value = s
		r.mu.Unlock()
	}
}

// snapshotOf returns the snapshot recorded for ctx's request, if any.
func snapshotOf(ctx context.Context) (string, bool) {
	r, ok := ctx.Value(snapshotKey{}).(*requestSnapshot)
	if !ok {
		return "", false
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.value, r.value != ""
}

// forgetSnapshot drops ctx's recorded snapshot: the request wrote.
func forgetSnapshot(ctx context.Context) {
	if ctx != nil {
		NoteSnapshot(ctx, "")
	}
}

// SnapshotSQL is the select-list item that reads the database's snapshot
// as text, for a statement that notes it (NoteSnapshot).
const SnapshotSQL = "pg_current_snapshot()::text"

// registerForgetSnapshot makes every GORM write forget its request's
// snapshot (PostgreSQL), after it ran.
func registerForgetSnapshot(g *gorm.DB) error {
	forget := func(tx *gorm.DB) { forgetSnapshot(tx.Statement.Context) }
	cb := g.Callback()
	for _, err := range []error{
		cb.Create().After("gorm:create").Register("db:forget_snapshot", forget),
		cb.Update().After("gorm:update").Register("db:forget_snapshot", forget),
		cb.Delete().After("gorm:delete").Register("db:forget_snapshot", forget),
		cb.Raw().After("gorm:raw").Register("db:forget_snapshot", forget),
	} {
		if err != nil {
			return err
		}
	}
	return nil
}
