package db

import (
	"context"

	lru "github.com/hashicorp/golang-lru/v2"
	"gorm.io/gorm"
)

// Memo keeps what reads of a SQLite database returned, by key, while
// nothing has been written to the database since (WriteVersion): reads
// that every request makes, or every view of a partner, and that change
// only when someone writes. It is exact: any write, whatever it touched,
// makes the next Read of every key read again. It keeps nothing on
// PostgreSQL, whose other nodes write too, nor inside a transaction, which
// may read its own writes before they are committed. A nil Memo keeps
// nothing.
type Memo[K comparable, V any] struct {
	c *lru.Cache[K, memoEntry[V]]
}

type memoEntry[V any] struct {
	version uint64
	value   V
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

// Read returns the value kept for key when nothing has been written to g's
// database since it was read and answers(value) holds (nil: always), and
// otherwise what read returns, kept for the next Read unless it failed.
// A kept value is shared between callers: they must not change what it
// points to.
func (m *Memo[K, V]) Read(ctx context.Context, g *gorm.DB, key K, answers func(V) bool, read func(context.Context) (V, error)) (V, error) {
	version, ok := WriteVersion(g)
	if m == nil || !ok || InTx(ctx) {
		return read(ctx)
	}
	if e, hit := m.c.Get(key); hit && e.version == version && (answers == nil || answers(e.value)) {
		return e.value, nil
	}
	// The version was read first: a write that ends during the read moves
	// it, and the value is read again next time even if the read saw it.
	v, err := read(ctx)
	if err == nil {
		m.c.Add(key, memoEntry[V]{version: version, value: v})
	}
	return v, err
}
