package db_test

import (
	"context"
	"reflect"
	"testing"
	"time"

	sqlite3 "github.com/mattn/go-sqlite3"

	"portal/internal/platform/clock"
	"portal/internal/platform/db"
	"portal/internal/testkit"
)

// PERF-2: rows read with their columns packed into one value on SQLite are
// the rows GORM's Find reads, on both engines: texts that look like the
// packing itself (a colon, digits, "-", empty), accents, a NUL byte on
// SQLite; times in UTC with and without a fraction and one stored at
// another offset; a NULL time and a set one; booleans; negative cents;
// columns named through a table's alias. A column list that does not fit
// the fields is an error, not a half-filled row.
func TestCollectColumnsReadsWhatFindReads_PERF2(t *testing.T) {
	g, _ := testkit.OpenEmpty(t, clock.NewManual(time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)))
	if err := g.AutoMigrate(&collected{}); err != nil {
		t.Fatal(err)
	}
	at := time.Date(2026, 3, 31, 23, 59, 59, 123456000, time.UTC)
	ends := at.AddDate(0, 1, 0)
	paris := time.FixedZone("", 2*3600)
	rows := []collected{
		{ID: "a", At: at, Ends: &ends, Renews: true, Total: 123456, Comment: "l'été"},
		{ID: "b", At: at.Truncate(time.Second), Total: -5, Comment: "12:ab"},
		{ID: "c", At: time.Date(2024, 2, 29, 8, 0, 0, 1000, time.UTC), Comment: "-"},
		{ID: "d", At: time.Date(2026, 7, 14, 10, 30, 0, 0, paris), Comment: ""},
		{ID: "e:5", At: at, Comment: "3:abc-"},
	}
	if !testkit.Postgres() {
		rows = append(rows, collected{ID: "f", At: at, Comment: "nul\x00byte"})
	}
	if err := g.Create(&rows).Error; err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	var found []collected
	if err := g.Model(&collected{}).Order("id").Find(&found).Error; err != nil {
		t.Fatal(err)
	}
	cols := []string{"id", "at", "ends", "renews", "total", "comment"}
	got, err := db.CollectColumns(db.Conn(ctx, g).Model(&collected{}).Order("id"), cols, 0, collectedFields)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, found) || len(got) != len(rows) {
		t.Errorf("collected\n%+v\nFind read\n%+v", got, found)
	}
	for i := range got {
		if !got[i].At.Equal(rows[i].At) || got[i].Comment != rows[i].Comment || got[i].Total != rows[i].Total || (got[i].Ends == nil) != (rows[i].Ends == nil) {
			t.Errorf("row %d read %+v, stored %+v", i, got[i], rows[i])
		}
	}
	aliased := []string{"c.id", "c.at", "c.ends", "c.renews", "c.total", "c.comment"}
	raw, err := db.CollectSelected(db.Conn(ctx, g).Raw("SELECT "+db.SelectList(g, aliased)+" FROM collecteds c WHERE c.id = ?", "a"), 1, collectedFields)
	if err != nil || len(raw) != 1 || !reflect.DeepEqual(raw[0], found[0]) {
		t.Errorf("through an alias: %+v, %v; want %+v", raw, err, found[0])
	}
	if _, err := db.CollectColumns(db.Conn(ctx, g).Model(&collected{}), cols[:2], 0, collectedFields); err == nil {
		t.Error("two columns into six fields: no error")
	}
}

// PERF-2: a time read from its stored text is the time the SQLite driver
// reads from it, at the edges of the form the portal stores (UTC) and in
// the others the driver takes.
func TestPackedTimeReadsAsTheDriverReads_PERF2(t *testing.T) {
	driver := func(v string) (time.Time, bool) {
		for _, layout := range sqlite3.SQLiteTimestampFormats {
			if t, err := time.ParseInLocation(layout, v, time.UTC); err == nil {
				return t, true
			}
		}
		return time.Time{}, false
	}
	for _, v := range []string{
		"2026-03-31 23:59:59+00:00", "2026-03-31 23:59:59.1+00:00", "2026-03-31 23:59:59.123456789+00:00",
		"2024-02-29 00:00:00+00:00", "2000-01-01 00:00:00.000000001+00:00", "1999-12-31 23:59:59.999999999+00:00",
		"2026-07-14 10:30:00+02:00", "2026-07-14 10:30:00-05:30", "2026-07-14T10:30:00+00:00", "2026-07-14 10:30:00",
		"2026-07-14", "2026-07-14 10:30",
		"2025-02-29 00:00:00+00:00", "2026-04-31 12:00:00+00:00", "2026-13-01 00:00:00+00:00", "2026-01-01 24:00:00+00:00",
		"2026-01-01 00:00:60+00:00", "2026-01-01 00:00:00.+00:00", "2026-01-01 00:00:00.1234567890+00:00", "2026-0a-01 00:00:00+00:00",
	} {
		want, ok := driver(v)
		got, err := db.ParseTime(v)
		if ok != (err == nil) || !reflect.DeepEqual(got, want) {
			t.Errorf("%q: read %v (%v), the driver reads %v (%v)", v, got, err, want, ok)
		}
	}
}
