package db

import (
	"context"
	"database/sql"
	"log/slog"
)

// checkpointEvery is how many write transactions pass between two
// checkpoints of the write-ahead log. A write transaction of the checkout
// load adds some twenty-five pages to the log in a group commit
// (groupcommit.go), so the log grows to 50–100 MB before it is copied;
// pages written again meanwhile are copied once, and the database file is
// synced once per checkpoint.
const checkpointEvery = 500

// checkpointer copies the write-ahead log into the database file on its
// own connection when asked, while writers go on (a PASSIVE checkpoint
// takes no write lock).
type checkpointer struct {
	pool    *sql.DB
	ask     chan struct{}
	done    chan struct{}
	exited  chan struct{} // closed when run returns
	commits int           // write transactions since the last request; under the writer's turn
}

func newCheckpointer(dsn string, w *writer) (*checkpointer, error) {
	pool, err := sql.Open("sqlite3", dsn)
	if err != nil {
		return nil, err
	}
	pool.SetMaxOpenConns(1)
	c := &checkpointer{pool: pool, ask: make(chan struct{}, 1), done: make(chan struct{}), exited: make(chan struct{})}
	go c.run(w)
	return c, nil
}

// run checkpoints when asked: first beside the writers, then, in a
// writer's turn, the few pages they added meanwhile. With the whole log
// copied, the next writer starts it again from its beginning; without that
// turn, under steady writes the log would never be wholly copied and would
// grow without end.
func (c *checkpointer) run(w *writer) {
	defer close(c.exited)
	for {
		select {
		case <-c.ask:
			c.checkpoint()
			if err := w.take(context.Background()); err != nil {
				continue
			}
			w.flush()
			c.checkpoint()
			<-w.turn
		case <-c.done:
			return
		}
	}
}

func (c *checkpointer) checkpoint() {
	if _, err := c.pool.Exec("PRAGMA wal_checkpoint(PASSIVE)"); err != nil {
		slog.Warn("checkpoint of the write-ahead log failed", "err", err)
	}
}

// committed counts n write transactions (called in the writer's turn) and
// asks for a checkpoint every checkpointEvery of them.
func (c *checkpointer) committed(n int) {
	c.commits += n
	if c.commits < checkpointEvery {
		return
	}
	c.commits = 0
	select {
	case c.ask <- struct{}{}:
	default: // one is running or asked for already
	}
}

// close stops the checkpointer once a checkpoint under way is done.
func (c *checkpointer) close() {
	close(c.done)
	<-c.exited
	_ = c.pool.Close()
}
