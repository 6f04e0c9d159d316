package activity

import (
	"database/sql"
	"strings"
	"time"

	"github.com/mattn/go-sqlite3"
	"gorm.io/gorm"

	"portal/internal/platform/db"
)

// read runs the query query builds for a page of entries with the given
// columns, expecting at most expect rows.
//
// On SQLite each row comes back as one text, its columns joined by the
// unit separator (packed): the driver crosses into SQLite's C code three
// times for each text column of each row and copies each into a string of
// its own: for a page of 51 entries read with their values, that was half
// the read (BenchmarkActivityList_PERF2). One string a row, cut into the
// entry's fields, shares its bytes with them. A page whose rows do not come back as
// expected (a name holding the separator, a time written in another form)
// is read again column by column, as on PostgreSQL, so every page reads the
// same entries either way.
func (l Log) read(query func() *gorm.DB, expect int, cols columns) ([]Entry, error) {
	if !db.Postgres(l.DB) {
		rows, ok, err := readPacked(query().Select(packedColumns(cols.names)), expect, cols)
		if err != nil || ok {
			return rows, err
		}
	}
	return db.Collect(query().Select(cols.names), expect, cols.fields)
}

// unitSep joins a packed row's columns: a control character that no JSON
// value holds unescaped and no form lets a user type.
const unitSep = "\x1f"

// packedColumns is the SQLite expression that joins the named text columns
// with unitSep. Every column of an entry is NOT NULL.
func packedColumns(names []string) string {
	quoted := make([]string, len(names))
	for i, n := range names {
		quoted[i] = "`" + n + "`"
	}
	return strings.Join(quoted, " || char(31) || ")
}

// readPacked scans the rows of a packed query into entries, splitting each
// into cols' fields (strings and times). ok is false, with no error, when a
// row does not split into as many columns or its time does not parse: the
// page must then be read column by column.
func readPacked(q *gorm.DB, expect int, cols columns) (entries []Entry, ok bool, err error) {
	rows, err := q.Rows()
	if err != nil {
		return nil, false, err
	}
	defer rows.Close()
	out := make([]Entry, 0, max(expect, 0))
	parts := make([]string, len(cols.names))
	var packed sql.NullString
	for rows.Next() {
		if err := rows.Scan(&packed); err != nil {
			return nil, false, err
		}
		if !packed.Valid || !split(packed.String, parts) {
			return nil, false, nil
		}
		out = append(out, Entry{})
		for i, f := range cols.fields(&out[len(out)-1]) {
			switch f := f.(type) {
			case *string:
				*f = parts[i]
			case *time.Time:
				if *f, ok = parseTime(parts[i]); !ok {
					return nil, false, nil
				}
			default:
				return nil, false, nil
			}
		}
	}
	if err := rows.Err(); err != nil {
		return nil, false, err
	}
	return out, true, nil
}

// split cuts s at each unitSep into parts, sharing s's bytes, and reports
// whether it held exactly len(parts) columns.
func split(s string, parts []string) bool {
	for i := range len(parts) - 1 {
		var found bool
		if parts[i], s, found = strings.Cut(s, unitSep); !found {
			return false
		}
	}
	parts[len(parts)-1] = s
	return !strings.Contains(s, unitSep)
}

// parseTime reads a time as the SQLite driver reads a column declared as
// a time, in UTC unless the text names its offset.
func parseTime(s string) (time.Time, bool) {
	s = strings.TrimSuffix(s, "Z")
	for _, layout := range sqlite3.SQLiteTimestampFormats {
		if t, err := time.ParseInLocation(layout, s, time.UTC); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}
