package db

import (
	"context"
	"fmt"
	"strconv"

	lru "github.com/hashicorp/golang-lru/v2"
	"gorm.io/gorm"
)

// Memo keeps what reads of a database returned, by key, while nothing has
// been written to it since: reads that every request makes, or every view
// of a partner, and that change only when someone writes. It is exact: any
// write, whatever it touched, makes the next Read of every key read again.
//
// On SQLite a write is known by the writer's WriteVersion, which costs
// nothing to read. On PostgreSQL other nodes write too, and a Memo keeps
// nothing unless made with AcrossNodes: then each Read first reads the
// database's snapshot (pg_current_snapshot), one short round trip, or
// takes the one its request read already (WithSnapshot). Two
// equal snapshots see the same rows: none of the transactions that wrote
// ended in between. So a value read after a snapshot is still current
// while the database's snapshot is the same; that is worth a round trip
// only for what costs several.
//
// Nothing is kept inside a transaction, which may read its own writes
// before they are committed. A nil Memo keeps nothing.
type Memo[K comparable, V any] struct {
	c           *lru.Cache[K, memoEntry[V]]
	acrossNodes bool
}

// stamp is what a value was read after: the writer's version on SQLite,
// the database's snapshot on PostgreSQL.
type stamp struct {
	version  uint64
	snapshot string
}

type memoEntry[V any] struct {
	stamp stamp
	value V
}

// NewMemo returns an empty Memo of at most size keys, the least recently
// read going first.
func NewMemo[K comparable, V any](size int) *Memo[K, V] {
	c, err := lru.New[K, memoEntry[V]](size)
	if err != nil {
		panic(err) // only for a size below 1
	}
	return &Memo[K, V]{c: c}
}

// AcrossNodes makes m keep values on PostgreSQL too, checked against the
// database's snapshot, and returns it.
func (m *Memo[K, V]) AcrossNodes() *Memo[K, V] {
	m.acrossNodes = true
	return m
}

// Read returns the value kept for key when nothing has been written to g's
// database since it was read and answers(value) holds (nil: always), and
// otherwise what read returns, kept for the next Read unless it failed.
// A kept value is shared between callers: they must not change what it
// points to.
func (m *Memo[K, V]) Read(ctx context.Context, g *gorm.DB, key K, answers func(V) bool, read func(context.Context) (V, error)) (V, error) {
	if m == nil || InTx(ctx) {
		return read(ctx)
	}
	var now stamp
	if version, ok := WriteVersion(g); ok {
		now.version = version
	} else if m.acrossNodes && Postgres(g) {
		var ok bool
		if now.snapshot, ok = snapshotOf(ctx); !ok {
			if err := Conn(ctx, g).Raw("SELECT " + SnapshotSQL).Row().Scan(&now.snapshot); err != nil {
				var zero V
				return zero, fmt.Errorf("db: snapshot: %w", err)
			}
			NoteSnapshot(ctx, now.snapshot)
		}
	} else {
		return read(ctx)
	}
	if e, hit := m.c.Get(key); hit && e.stamp == now && (answers == nil || answers(e.value)) {
		return e.value, nil
	}
	// The stamp was read first: a write that ends during the read moves
	// it, and the value is read again next time even if the read saw it.
	v, err := read(ctx)
	if err == nil {
		m.c.Add(key, memoEntry[V]{stamp: now, value: v})
	}
	return v, err
}

// Stamp names what g's database holds now, as a Memo compares it: the
// writer's version on SQLite, the request's snapshot on PostgreSQL (the one
// its session lookup read, db.WithSnapshot). Two equal stamps see the same
// rows, so what a request made from its reads can be kept under the stamp
// it took before them and served to a request with the same stamp. There is
// none (false) inside a transaction, nor on PostgreSQL when ctx carries no
// snapshot.
func Stamp(ctx context.Context, g *gorm.DB) (string, bool) {
	if InTx(ctx) {
		return "", false
	}
	if version, ok := WriteVersion(g); ok {
		return strconv.FormatUint(version, 10), true
	}
	if Postgres(g) {
		return snapshotOf(ctx)
	}
	return "", false
}
