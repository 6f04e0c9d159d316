package benchdata

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"strings"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"
)

// loader writes generated rows on one connection: multi-row INSERTs inside
// transactions of a bounded size on SQLite (so the write-ahead log stays
// small), COPY on PostgreSQL.
type loader struct {
	ctx    context.Context
	conn   *sql.Conn
	pg     bool
	tx     *sql.Tx
	inTx   int // rows written in the open SQLite transaction
	tables []*table
}

// table buffers the rows of one table until a batch is full.
type table struct {
	name string
	cols []string
	rows [][]any
	full *sql.Stmt // the prepared full-batch INSERT (SQLite)
	n    int64     // rows written
}

const (
	sqliteBatch = 100    // rows per INSERT statement
	pgBatch     = 20_000 // rows per COPY
	sqliteTx    = 200_000
)

func newLoader(ctx context.Context, conn *sql.Conn, pg bool) *loader {
	return &loader{ctx: ctx, conn: conn, pg: pg}
}

// table declares a table and its columns.
func (l *loader) table(name string, cols ...string) *table {
	t := &table{name: name, cols: cols}
	l.tables = append(l.tables, t)
	return t
}

// add buffers one row, writing the batch when it is full.
func (l *loader) add(t *table, row ...any) error {
	if len(row) != len(t.cols) {
		return fmt.Errorf("benchdata: %s: %d values for %d columns", t.name, len(row), len(t.cols))
	}
	t.rows = append(t.rows, row)
	size := sqliteBatch
	if l.pg {
		size = pgBatch
	}
	if len(t.rows) >= size {
		return l.write(t)
	}
	return nil
}

// flush writes every buffered row and commits.
func (l *loader) flush() error {
	for _, t := range l.tables {
		if err := l.write(t); err != nil {
			return err
		}
	}
	return l.commit()
}

func (l *loader) write(t *table) error {
	if len(t.rows) == 0 {
		return nil
	}
	n := len(t.rows)
	var err error
	if l.pg {
		err = l.copy(t)
	} else {
		err = l.insert(t)
	}
	if err != nil {
		return fmt.Errorf("benchdata: write %s: %w", t.name, err)
	}
	t.n += int64(n)
	t.rows = t.rows[:0]
	return nil
}

func (l *loader) insert(t *table) error {
	if l.tx == nil {
		tx, err := l.conn.BeginTx(l.ctx, nil)
		if err != nil {
			return err
		}
		l.tx = tx
		for _, t := range l.tables {
			t.full = nil // statements belong to their transaction
		}
	}
	args := make([]any, 0, len(t.rows)*len(t.cols))
	for _, r := range t.rows {
		args = append(args, r...)
	}
	if len(t.rows) == sqliteBatch {
		if t.full == nil {
			st, err := l.tx.PrepareContext(l.ctx, insertSQL(t, sqliteBatch))
			if err != nil {
				return err
			}
			t.full = st
		}
		if _, err := t.full.ExecContext(l.ctx, args...); err != nil {
			return err
		}
	} else if _, err := l.tx.ExecContext(l.ctx, insertSQL(t, len(t.rows)), args...); err != nil {
		return err
	}
	l.inTx += len(t.rows)
	if l.inTx >= sqliteTx {
		return l.commit()
	}
	return nil
}

func (l *loader) commit() error {
	if l.tx == nil {
		return nil
	}
	err := l.tx.Commit()
	l.tx, l.inTx = nil, 0
	return err
}

func insertSQL(t *table, rows int) string {
	row := "(" + strings.TrimSuffix(strings.Repeat("?,", len(t.cols)), ",") + ")"
	return "INSERT INTO " + t.name + " (" + strings.Join(t.cols, ", ") + ") VALUES " +
		strings.TrimSuffix(strings.Repeat(row+",", rows), ",")
}

func (l *loader) copy(t *table) error {
	return l.conn.Raw(func(dc any) error {
		c, ok := dc.(*stdlib.Conn)
		if !ok {
			return fmt.Errorf("not a pgx connection: %T", dc)
		}
		_, err := c.Conn().CopyFrom(l.ctx, pgx.Identifier{t.name}, t.cols, pgx.CopyFromRows(t.rows))
		return err
	})
}

// dropIndexes drops the secondary indexes of the tables and returns the
// statements that build them again: a load into a table without them, then
// one sort per index, is many times faster than inserting at random places.
func (l *loader) dropIndexes(tables ...string) ([]string, error) {
	q := "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL"
	if l.pg {
		q = "SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = current_schema() AND tablename = $1 AND indexname NOT LIKE '%_pkey'"
	}
	return l.dropAll(q, "INDEX", tables)
}

// dropAll drops the schema objects (indexes or triggers) that q lists as
// (name, statement) for each table, and returns their statements.
func (l *loader) dropAll(q, kind string, tables []string) ([]string, error) {
	var names, ddls []string
	for _, t := range tables {
		rows, err := l.conn.QueryContext(l.ctx, q, t)
		if err != nil {
			return nil, err
		}
		for rows.Next() {
			var name, ddl string
			if err := rows.Scan(&name, &ddl); err != nil {
				rows.Close()
				return nil, err
			}
			names, ddls = append(names, name), append(ddls, ddl)
		}
		if err := rows.Close(); err != nil {
			return nil, err
		}
	}
	for _, n := range names {
		if _, err := l.conn.ExecContext(l.ctx, "DROP "+kind+" "+strconv.Quote(n)); err != nil {
			return nil, fmt.Errorf("benchdata: drop %s %s: %w", strings.ToLower(kind), n, err)
		}
	}
	return ddls, nil
}

// pauseTriggers stops the tables' triggers for the load and returns what
// starts them again: a million row-level summary updates cost more than one
// recount of the summaries at the end (dashboard.RebuildSummaries). On
// PostgreSQL the user triggers are disabled (foreign keys, system triggers,
// stay on); SQLite cannot disable a trigger, so they are dropped and made
// again from their own statements.
func (l *loader) pauseTriggers(tables ...string) (resume func() error, err error) {
	if l.pg {
		for _, t := range tables {
			if _, err := l.conn.ExecContext(l.ctx, "ALTER TABLE "+t+" DISABLE TRIGGER USER"); err != nil {
				return nil, fmt.Errorf("benchdata: pause triggers of %s: %w", t, err)
			}
		}
		return func() error {
			for _, t := range tables {
				if _, err := l.conn.ExecContext(l.ctx, "ALTER TABLE "+t+" ENABLE TRIGGER USER"); err != nil {
					return fmt.Errorf("benchdata: resume triggers of %s: %w", t, err)
				}
			}
			return nil
		}, nil
	}
	ddls, err := l.dropAll("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = ?", "TRIGGER", tables)
	if err != nil {
		return nil, err
	}
	return func() error {
		for _, ddl := range ddls {
			if _, err := l.conn.ExecContext(l.ctx, ddl); err != nil {
				return fmt.Errorf("benchdata: %s: %w", ddl, err)
			}
		}
		return nil
	}, nil
}
