// Package db opens the portal's database (embedded SQLite by default,
// PostgreSQL when the URL says so) and runs multi-step writes in one
// transaction.
package db

import (
	"context"
	"database/sql"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"time"

	"portal/internal/platform/clock"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgtype"
	"github.com/jackc/pgx/v5/stdlib"
	"gorm.io/driver/postgres"
	"gorm.io/driver/sqlite"
	"gorm.io/gorm"
	"gorm.io/gorm/logger"
)

// Open opens the database named by url: a postgres:// URL opens PostgreSQL,
// anything else is a SQLite file path, created (with its folder) if missing,
// in WAL mode with a busy timeout and foreign keys on. GORM's automatic
// timestamps read clk.
func Open(url string, clk clock.Clock) (*gorm.DB, error) {
	cfg := &gorm.Config{
		Logger:                                   logger.Discard,
		NowFunc:                                  clk.Now, // GORM's automatic timestamps follow the injected clock too
		DisableForeignKeyConstraintWhenMigrating: false,
		TranslateError:                           true,
	}
	var dialector gorm.Dialector
	var generic *sql.DB // PostgreSQL's generic-plan pool (GenericPlans)
	sqliteFile := false
	if strings.HasPrefix(url, "postgres://") || strings.HasPrefix(url, "postgresql://") {
		pc, err := pgx.ParseConfig(url)
		if err != nil {
			return nil, fmt.Errorf("db: %w", err)
		}
		// No parallel workers unless the URL asks for them: a page's
		// statements stop after their page, and a parallel plan, chosen
		// from row estimates that ignore the LIMIT, starts worker
		// processes (milliseconds) to read ten rows, on the cores the
		// other requests need.
		if _, set := pc.RuntimeParams[parallelWorkers]; !set {
			pc.RuntimeParams[parallelWorkers] = "0"
		}
		// Times are read back in UTC, as from SQLite, whatever the
		// machine's time zone: pages show UTC (see decisions).
		utc := stdlib.OptionAfterConnect(func(_ context.Context, c *pgx.Conn) error {
			c.TypeMap().RegisterType(&pgtype.Type{Name: "timestamptz", OID: pgtype.TimestamptzOID,
				Codec: &pgtype.TimestamptzCodec{ScanLocation: time.UTC}})
			return nil
		})
		conn := stdlib.OpenDB(*pc, utc)
		generic = openGenericPool(pc, utc)
		dialector = postgres.New(postgres.Config{Conn: conn})
	} else {
		if dir := filepath.Dir(url); dir != "." && dir != "" {
			if err := os.MkdirAll(dir, 0o755); err != nil {
				return nil, fmt.Errorf("db: create folder for %s: %w", url, err)
			}
		}
		// _txlock=immediate takes the write lock when a transaction starts, so
		// two concurrent writers queue on the busy timeout instead of failing
		// when one upgrades a read lock.
		dsn := "file:" + url + "?_journal_mode=WAL&_busy_timeout=10000&_foreign_keys=on&_synchronous=NORMAL&_txlock=immediate"
		// The pool's connections keep their temporary tables in memory
		// (readerconn.go).
		dialector = sqlite.New(sqlite.Config{DriverName: readerDriverName(), DSN: dsn})
		sqliteFile = true
		// Reads keep their prepared statements per connection: SQLite
		// parses and plans a statement when it is prepared, a quarter of
		// its time on a list page, and the driver prepares every query anew.
		// pgx keeps them already on PostgreSQL. Writes run on the writer
		// connection (writerOf), without the cache.
		cfg.PrepareStmt = true
		cfg.PrepareStmtMaxSize = preparedPerConn
		if err := openWriter(dsn); err != nil {
			return nil, err
		}
	}
	g, err := gorm.Open(dialector, cfg)
	if err != nil {
		if generic != nil {
			_ = generic.Close()
		}
		return nil, fmt.Errorf("db: open: %w", err)
	}
	if generic != nil {
		genericPools.Store(g.Config, generic)
		if err := registerForgetSnapshot(g); err != nil {
			return nil, fmt.Errorf("db: open: %w", err)
		}
	}
	if sqliteFile {
		if err := registerWriteTurns(g); err != nil {
			return nil, fmt.Errorf("db: open: %w", err)
		}
		if err := registerDetachedStatements(g); err != nil {
			return nil, fmt.Errorf("db: open: %w", err)
		}
	}
	sqlDB, err := g.DB()
	if err != nil {
		return nil, fmt.Errorf("db: pool: %w", err)
	}
	if sqliteFile {
		sqlDB.SetMaxOpenConns(2 * sqliteConcurrency())
		sqlDB.SetMaxIdleConns(2 * sqliteConcurrency())
	} else {
		// Idle connections are kept up to the pool's size: database/sql
		// keeps only 2 by default, so under load every other request would
		// open a new server connection (a process on PostgreSQL) and prepare
		// its statements again, which made p99 seconds long at 32 users.
		sqlDB.SetMaxOpenConns(pgPoolSize)
		sqlDB.SetMaxIdleConns(pgPoolSize)
	}
	sqlDB.SetConnMaxIdleTime(5 * time.Minute)
	slog.Debug("database opened", "sqlite", sqliteFile)
	return g, nil
}

// parallelWorkers is PostgreSQL's setting of how many worker processes one
// step of a plan may start.
const parallelWorkers = "max_parallel_workers_per_gather"

// Concurrency is how many requests that read a node lets work at once on
// g's engine (the web server queues the others in order of arrival; changes
// queue apart, ChangeConcurrency). SQLite runs in
// the portal's own threads, its statements without handovers (detach.go):
// one request per core keeps the cores busy without two requests sharing
// one, which at 32 users on 2 cores cut p99 by a sixth to a quarter at the
// same throughput (against two per core). PostgreSQL works in its own
// processes while a request waits on the network: four per core served a
// fifth more (customers page 894 → 1,053 req/s, p99 63 → 53 ms). The SQLite
// pool holds twice as many connections, so a working request never waits
// for one.
func Concurrency(g *gorm.DB) int {
	if g != nil && Postgres(g) {
		return pgConcurrency()
	}
	return sqliteConcurrency()
}

// ChangeConcurrency is how many requests that change data a node lets work
// at once on g's engine (they queue apart from reads). On SQLite their
// transactions take turns on the one writer, and those that wait together
// commit together (groupcommit.go): letting as many in as a group holds
// made the groups bigger and checkouts faster (1.5 → 3.5 transactions a
// commit, 294 → 378 checkouts/s at 8; 412 at 16, no better). PostgreSQL
// lets changes work as it lets reads.
func ChangeConcurrency(g *gorm.DB) int {
	if g != nil && Postgres(g) {
		return pgConcurrency()
	}
	return groupMax
}

// Postgres reports whether g is a PostgreSQL database (else SQLite).
func Postgres(g *gorm.DB) bool { return g.Dialector.Name() == "postgres" }

func sqliteConcurrency() int { return max(2, runtime.GOMAXPROCS(0)) }

func pgConcurrency() int { return max(8, 4*runtime.GOMAXPROCS(0)) }

// preparedPerConn bounds the SQL texts whose prepared statements the SQLite
// readers keep (the least recently used go first): the portal's reads are a
// few hundred shapes; lists of IDs of varying length make more.
const preparedPerConn = 1000

// pgPoolSize is how many PostgreSQL connections one node holds at most:
// room for the requests at work, the lifecycle engine and the checks.
var pgPoolSize = max(32, 8*runtime.GOMAXPROCS(0))

type txKey struct{}

// Tx runs fn in a transaction. When ctx already carries one (an outer
// operation called an inner one), fn joins it instead of opening another, so a
// whole operation commits or rolls back as one. On SQLite, transactions take
// their turn on the database's one writer connection (writerOf), and those
// that queue together commit together (groupcommit.go); on PostgreSQL, one that
// the server aborted for a deadlock or a serialization failure runs again, a
// bounded number of times, so fn must not act outside the transaction.
func Tx(ctx context.Context, g *gorm.DB, fn func(ctx context.Context, tx *gorm.DB) error) error {
	if tx, ok := ctx.Value(txKey{}).(*gorm.DB); ok {
		return fn(ctx, tx)
	}
	base := g.WithContext(ctx)
	if w := writerOf(g); w != nil {
		w.waiting.Add(1)
		err := w.take(ctx)
		w.waiting.Add(-1)
		if err != nil {
			return err
		}
		base.Statement.ConnPool = w.pool
		return w.runTx(ctx, base, fn) // groupcommit.go
	}
	// The request's snapshot, if any, is stale once this commits.
	defer forgetSnapshot(ctx)
	var err error
	for range txAttempts {
		err = base.Transaction(func(tx *gorm.DB) error {
			return fn(context.WithValue(ctx, txKey{}, tx), tx)
		})
		if !retryable(err) {
			return err
		}
	}
	return err
}

// InTx reports whether ctx carries a transaction (Tx).
func InTx(ctx context.Context) bool {
	_, ok := ctx.Value(txKey{}).(*gorm.DB)
	return ok
}

// Conn returns the transaction carried by ctx, or g bound to ctx when there is
// none: reads inside an operation see its own uncommitted writes. Inside
// GenericPlans it returns g on the generic-plan pool.
func Conn(ctx context.Context, g *gorm.DB) *gorm.DB {
	if tx, ok := ctx.Value(txKey{}).(*gorm.DB); ok {
		return tx
	}
	return g.WithContext(ctx)
}

// IsUniqueViolation reports whether err is a unique-constraint failure.
func IsUniqueViolation(err error) bool {
	if err == nil {
		return false
	}
	if err == gorm.ErrDuplicatedKey {
		return true
	}
	s := err.Error()
	return strings.Contains(s, "UNIQUE constraint failed") || strings.Contains(s, "duplicate key value")
}

// Ping reports whether the database answers, for the health check.
func Ping(ctx context.Context, g *gorm.DB) error {
	sqlDB, err := g.DB()
	if err != nil {
		return err
	}
	return sqlDB.PingContext(ctx)
}
