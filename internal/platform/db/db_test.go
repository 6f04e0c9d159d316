package db_test

import (
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"

	"gorm.io/gorm"

	"portal/internal/platform/clock"
	"portal/internal/platform/db"
	"portal/internal/testkit"
)

type stamp struct {
	ID string `gorm:"primaryKey;size:36"`
	At time.Time
}

// OPS-1: a time is read back as the same instant, in UTC, on both engines,
// whatever the machine's time zone (pages show times in UTC).
func TestTimesReadBackInUTC_OPS1(t *testing.T) {
	saved := time.Local
	time.Local = time.FixedZone("UTC+5", 5*3600)
	t.Cleanup(func() { time.Local = saved })
	g := testkit.OpenDB(t, clock.NewManual(testkit.Start))
	if err := g.AutoMigrate(&stamp{}); err != nil {
		t.Fatal(err)
	}
	at := time.Date(2026, 11, 30, 23, 30, 0, 0, time.UTC)
	if err := g.Create(&stamp{ID: "a", At: at}).Error; err != nil {
		t.Fatal(err)
	}
	var got stamp
	if err := g.Take(&got, "id = ?", "a").Error; err != nil {
		t.Fatal(err)
	}
	if !got.At.Equal(at) || got.At.Location() != time.UTC {
		t.Fatalf("read %v (%v), wrote %v", got.At, got.At.Location(), at)
	}
}

// PERF-2: on SQLite, reads keep their prepared statements (the driver would
// parse and plan each query anew) and still see the rows written since, on
// the writer connection; pgx keeps them on PostgreSQL.
func TestReadsKeepPreparedStatements_PERF2(t *testing.T) {
	g := testkit.OpenDB(t, clock.NewManual(testkit.Start))
	if err := g.AutoMigrate(&stamp{}); err != nil {
		t.Fatal(err)
	}
	for i, id := range []string{"a", "b"} {
		if err := g.Create(&stamp{ID: id, At: testkit.Start}).Error; err != nil {
			t.Fatal(err)
		}
		var n int64
		if err := g.Model(&stamp{}).Where("at = ?", testkit.Start).Count(&n).Error; err != nil || n != int64(i+1) {
			t.Fatalf("read %d rows (%v) after writing %d", n, err, i+1)
		}
	}
	cache, ok := g.ConnPool.(*gorm.PreparedStmtDB)
	if testkit.Postgres() {
		if ok {
			t.Fatal("PostgreSQL reads prepared twice: by GORM and by pgx")
		}
		return
	}
	if !ok {
		t.Fatalf("SQLite reads run on %T, without prepared statements", g.ConnPool)
	}
	if !slices.ContainsFunc(cache.Stmts.Keys(), func(q string) bool { return strings.Contains(q, "FROM `stamps` WHERE at = ?") }) {
		t.Fatalf("the count was not kept prepared: %q", cache.Stmts.Keys())
	}
}

// PERF-2: PostgreSQL lets more requests work at once than SQLite, whose
// work runs in the portal's own threads.
func TestConcurrencyPerEngine_PERF2(t *testing.T) {
	g := testkit.OpenDB(t, clock.NewManual(testkit.Start))
	want := max(2, runtime.GOMAXPROCS(0))
	if testkit.Postgres() {
		want = max(8, 4*runtime.GOMAXPROCS(0))
	}
	if got := db.Concurrency(g); got != want {
		t.Fatalf("Concurrency = %d, want %d", got, want)
	}
	// Changes on SQLite: as many as one group commit carries.
	want = 8
	if testkit.Postgres() {
		want = max(8, 4*runtime.GOMAXPROCS(0))
	}
	if got := db.ChangeConcurrency(g); got != want {
		t.Fatalf("ChangeConcurrency = %d, want %d", got, want)
	}
}

// PERF-2: PostgreSQL starts no parallel workers for the portal's
// statements, which stop after their page (a worker's start cost more than
// the home page's whole list); a URL that asks for them gets them.
func TestNoParallelWorkersUnlessAsked_PERF2(t *testing.T) {
	testkit.PostgresURL(t)
	_, url := testkit.OpenEmpty(t, clock.NewManual(testkit.Start))
	for _, c := range []struct{ url, want string }{
		{url, "0"},
		{url + "&max_parallel_workers_per_gather=2", "2"},
	} {
		g, err := db.Open(c.url, clock.NewManual(testkit.Start))
		if err != nil {
			t.Fatal(err)
		}
		var got string
		err = g.Raw("SHOW max_parallel_workers_per_gather").Row().Scan(&got)
		_ = db.Close(g)
		if err != nil || got != c.want {
			t.Errorf("%s: max_parallel_workers_per_gather = %q (%v), want %q", c.url, got, err, c.want)
		}
	}
}
