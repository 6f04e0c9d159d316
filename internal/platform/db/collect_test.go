package db_test

import (
	"context"
	"reflect"
	"strings"
	"testing"
	"time"

	"portal/internal/platform/clock"
	"portal/internal/platform/db"
	"portal/internal/platform/money"
	"portal/internal/testkit"
)

type collected struct {
	ID      string `gorm:"primaryKey;size:36"`
	At      time.Time
	Ends    *time.Time
	Renews  bool
	Total   money.Cents
	Comment string
}

func collectedFields(c *collected) []any {
	return []any{&c.ID, &c.At, &c.Ends, &c.Renews, &c.Total, &c.Comment}
}

// PERF-2: rows scanned straight into their fields are the rows GORM's Find
// reads, on both engines: times (a plain select's and one read through a
// UNION ALL of subqueries, as the home page's lists are), a NULL time and
// a set one, booleans, cents; a scan that does not fit the columns is an
// error, not a half-filled row.
func TestCollectReadsWhatFindReads_PERF2(t *testing.T) {
	g, _ := testkit.OpenEmpty(t, clock.NewManual(time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)))
	if err := g.AutoMigrate(&collected{}); err != nil {
		t.Fatal(err)
	}
	at := time.Date(2026, 3, 31, 23, 59, 59, 123456000, time.UTC)
	ends := at.AddDate(0, 1, 0)
	want := []collected{
		{ID: "a", At: at, Ends: &ends, Renews: true, Total: 123456, Comment: "l'été"},
		{ID: "b", At: at.Add(time.Second), Total: -5},
	}
	if err := g.Create(&want).Error; err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	cols := "id, at, ends, renews, total, comment"
	var found []collected
	if err := g.Model(&collected{}).Select(cols).Order("id").Find(&found).Error; err != nil {
		t.Fatal(err)
	}
	union := "SELECT r.* FROM (SELECT " + cols + " FROM collecteds WHERE id = ?) AS r UNION ALL SELECT s.* FROM (SELECT " + cols + " FROM collecteds WHERE id = ?) AS s"
	for name, q := range map[string]func() ([]collected, error){
		"model": func() ([]collected, error) {
			return db.Collect(db.Conn(ctx, g).Model(&collected{}).Select(cols).Order("id"), 0, collectedFields)
		},
		"union": func() ([]collected, error) {
			return db.Collect(db.Conn(ctx, g).Raw(union, "a", "b"), 2, collectedFields)
		},
	} {
		got, err := q()
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if !reflect.DeepEqual(got, found) || len(got) != 2 {
			t.Errorf("%s: collected %+v, Find read %+v", name, got, found)
		}
		for i := range got {
			if !got[i].At.Equal(want[i].At) || (got[i].Ends == nil) != (want[i].Ends == nil) || got[i].Total != want[i].Total {
				t.Errorf("%s: row %d %+v, stored %+v", name, i, got[i], want[i])
			}
		}
	}
	_, err := db.Collect(db.Conn(ctx, g).Model(&collected{}).Select("id, at"), 0, collectedFields)
	if err == nil || !strings.Contains(err.Error(), "scan") {
		t.Errorf("two columns into six fields: %v, want a scan error", err)
	}
}

// PERF-2: told how many rows to expect (a page's limit), Collect makes its
// result that size at once, on both engines; more rows than expected are
// all read still, and fewer leave the rest unused.
func TestCollectSizesItsResultToTheExpectedRows_PERF2(t *testing.T) {
	g, _ := testkit.OpenEmpty(t, clock.NewManual(time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)))
	if err := g.AutoMigrate(&collected{}); err != nil {
		t.Fatal(err)
	}
	rows := []collected{{ID: "a"}, {ID: "b"}, {ID: "c"}}
	if err := g.Create(&rows).Error; err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	cols := "id, at, ends, renews, total, comment"
	for _, c := range []struct{ expect int }{{3}, {10}, {2}, {0}} {
		got, err := db.Collect(db.Conn(ctx, g).Model(&collected{}).Select(cols).Order("id"), c.expect, collectedFields)
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != 3 || got[2].ID != "c" {
			t.Errorf("expecting %d: %d rows %+v", c.expect, len(got), got)
		}
		if c.expect >= 3 && cap(got) != c.expect {
			t.Errorf("expecting %d: room for %d rows, want %d", c.expect, cap(got), c.expect)
		}
	}
}
