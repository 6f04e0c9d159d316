package db

import (
	"context"

	"gorm.io/gorm"
)

// WriterStatements lists the SQL texts whose prepared statements the
// writer connection of g's SQLite database keeps.
func WriterStatements(g *gorm.DB) ([]string, error) {
	w := writerOf(g)
	conn, err := w.pool.Conn(context.Background())
	if err != nil {
		return nil, err
	}
	defer conn.Close()
	var kept []string
	err = conn.Raw(func(dc any) error {
		for q := range dc.(*writerConn).stmts {
			kept = append(kept, q)
		}
		return nil
	})
	return kept, err
}

// Keepable is keepable, for its table test.
var Keepable = keepable

// Waiting is how many transactions wait for the writer's turn of g's
// SQLite database.
func Waiting(g *gorm.DB) int { return int(writerOf(g).waiting.Load()) }

// GroupCommits is how many group commits g's SQLite writer made.
func GroupCommits(g *gorm.DB) int64 { return writerOf(g).commits.Load() }

// PretendWaiting counts n more waiting transactions (negative: fewer), as
// one that gave up after a group was handed to it.
func PretendWaiting(g *gorm.DB, n int32) { writerOf(g).waiting.Add(n) }

// Waiting returns how many keys wait for g's next read.
func (g *Gather[K, R]) Waiting() int {
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.next == nil {
		return 0
	}
	return len(g.next.keys)
}
