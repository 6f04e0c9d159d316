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
