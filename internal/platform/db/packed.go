package db

import (
	"errors"
	"fmt"
	"reflect"
	"strconv"
	"strings"
	"sync"
	"time"

	sqlite3 "github.com/mattn/go-sqlite3"
	"gorm.io/gorm"
)

// CollectColumns is Collect of q with the columns cols selected, in that
// order (SelectList); fields gives a pointer for each.
func CollectColumns[T any](q *gorm.DB, cols []string, expect int, fields func(*T) []any) ([]T, error) {
	return CollectSelected(q.Select(SelectList(q, cols)), expect, fields)
}

// SelectList returns the select list that reads cols for CollectSelected.
// On SQLite it packs a row's columns into one text value: each column's
// length in bytes, a colon and the column's text, one after the other, "-"
// for a NULL, so that any text reads back as it was stored. The SQLite
// driver crosses into C three times for each column of each row (its type,
// its length, its bytes) and reads each time through time.Parse; packed, a
// row is three crossings, and a time stored in UTC is read by parseUTC. On
// a partner-scale file this read the activity log's page of 51 entries
// a fifth faster, the invoices' page and a customer's subscriptions a
// sixth to a quarter; the customers' list (eight short columns, no time)
// no faster, so it stays on Collect. On PostgreSQL it is the columns,
// comma-separated.
//
// A column is a name, bare or qualified by its table (c.name).
func SelectList(g *gorm.DB, cols []string) string {
	pg := Postgres(g)
	key := strconv.FormatBool(pg) + strings.Join(cols, ",")
	if s, ok := selectLists.Load(key); ok {
		return s.(string)
	}
	parts := make([]string, len(cols))
	for i, c := range cols {
		q := quoteColumn(c)
		parts[i] = "CASE WHEN " + q + " IS NULL THEN '-' ELSE octet_length(" + q + ") || ':' || " + q + " END"
		if pg {
			parts[i] = q
		}
	}
	s := strings.Join(parts, " || ")
	if pg {
		s = strings.Join(parts, ", ")
	}
	selectLists.Store(key, s)
	return s
}

// selectLists keeps each column list's select list, built once.
var selectLists sync.Map // whether PostgreSQL, and the columns → the list

// CollectSelected is Collect of q, which selects SelectList(q, cols):
// fields gives a pointer for each of cols, to a string, an integer, a bool
// or a time.Time, or to a pointer to one of these for a nullable column.
func CollectSelected[T any](q *gorm.DB, expect int, fields func(*T) []any) ([]T, error) {
	if Postgres(q) {
		return Collect(q, expect, fields)
	}
	rows, err := q.Rows()
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := make([]T, 0, max(expect, 0))
	var packed string
	for rows.Next() {
		if err := rows.Scan(&packed); err != nil {
			return nil, err
		}
		out = append(out, *new(T))
		t := &out[len(out)-1]
		if err := unpack(packed, fields(t)); err != nil {
			return nil, fmt.Errorf("scan %T: %w", *t, err)
		}
	}
	return out, rows.Err()
}

// quoteColumn quotes a column name, bare or qualified by its table
// (c.name).
func quoteColumn(c string) string {
	c = strings.TrimSpace(c)
	if i := strings.LastIndexByte(c, '.'); i >= 0 {
		return c[:i+1] + `"` + c[i+1:] + `"`
	}
	return `"` + c + `"`
}

var errPacked = errors.New("packed row: malformed")

// unpack reads a row packed by SelectList into dest.
func unpack(s string, dest []any) error {
	for _, d := range dest {
		if s == "" {
			return errPacked
		}
		if s[0] == '-' {
			s = s[1:]
			if err := setNull(d); err != nil {
				return err
			}
			continue
		}
		colon := strings.IndexByte(s, ':')
		if colon < 0 {
			return errPacked
		}
		n, err := strconv.Atoi(s[:colon])
		if err != nil || n < 0 || colon+1+n > len(s) {
			return errPacked
		}
		v := s[colon+1 : colon+1+n]
		s = s[colon+1+n:]
		if err := set(d, v); err != nil {
			return err
		}
	}
	if s != "" {
		return errPacked
	}
	return nil
}

// set stores a column's text in d.
func set(d any, v string) error {
	switch d := d.(type) {
	case *string:
		*d = v
	case *time.Time:
		t, err := parseTime(v)
		if err != nil {
			return err
		}
		*d = t
	case *int:
		n, err := strconv.Atoi(v)
		if err != nil {
			return err
		}
		*d = n
	case *int64:
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil {
			return err
		}
		*d = n
	case *bool:
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil {
			return err
		}
		*d = n != 0
	default:
		return setKind(d, v)
	}
	return nil
}

// setKind stores a column's text in d, a pointer to a named type of a kind
// set knows (money.Cents, an int64), or a pointer to a pointer (a nullable
// column).
func setKind(d any, v string) error {
	p := reflect.ValueOf(d)
	if p.Kind() != reflect.Pointer || p.IsNil() {
		return fmt.Errorf("packed row: cannot scan into %T", d)
	}
	e := p.Elem()
	switch e.Kind() {
	case reflect.String:
		e.SetString(v)
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil || e.OverflowInt(n) {
			return fmt.Errorf("packed row: %q into %T", v, d)
		}
		e.SetInt(n)
	case reflect.Bool:
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil {
			return fmt.Errorf("packed row: %q into %T", v, d)
		}
		e.SetBool(n != 0)
	case reflect.Pointer:
		n := reflect.New(e.Type().Elem())
		if err := set(n.Interface(), v); err != nil {
			return err
		}
		e.Set(n)
	default:
		return fmt.Errorf("packed row: cannot scan into %T", d)
	}
	return nil
}

// setNull stores a NULL in d: only a pointer to a pointer takes one.
func setNull(d any) error {
	p := reflect.ValueOf(d)
	if p.Kind() != reflect.Pointer || p.IsNil() || p.Elem().Kind() != reflect.Pointer {
		return fmt.Errorf("packed row: NULL for %T", d)
	}
	p.Elem().SetZero()
	return nil
}

// parseTime reads a time as the SQLite driver does for a column declared
// as a time and stored as text.
func parseTime(v string) (time.Time, error) {
	if t, ok := parseUTC(v); ok {
		return t, nil
	}
	v = strings.TrimSuffix(v, "Z")
	for _, layout := range sqlite3.SQLiteTimestampFormats {
		if t, err := time.ParseInLocation(layout, v, time.UTC); err == nil {
			return t, nil
		}
	}
	return time.Time{}, fmt.Errorf("packed row: time %q", v)
}

// parseUTC reads the form the portal stores every time in, UTC
// ("2006-01-02 15:04:05.999999999+00:00"), as parseTime would, at a
// fraction of the cost of time.Parse: a page reads a time per row.
func parseUTC(v string) (time.Time, bool) {
	v, ok := strings.CutSuffix(v, "+00:00")
	if !ok || len(v) < 19 || v[4] != '-' || v[7] != '-' || v[10] != ' ' || v[13] != ':' || v[16] != ':' {
		return time.Time{}, false
	}
	num := func(s string) (int, bool) {
		n := 0
		for i := 0; i < len(s); i++ {
			if s[i] < '0' || s[i] > '9' {
				return 0, false
			}
			n = n*10 + int(s[i]-'0')
		}
		return n, true
	}
	year, ok1 := num(v[0:4])
	month, ok2 := num(v[5:7])
	day, ok3 := num(v[8:10])
	hour, ok4 := num(v[11:13])
	minute, ok5 := num(v[14:16])
	sec, ok6 := num(v[17:19])
	if !(ok1 && ok2 && ok3 && ok4 && ok5 && ok6) || month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || sec > 59 {
		return time.Time{}, false
	}
	nsec := 0
	if frac := v[19:]; frac != "" {
		if frac[0] != '.' || len(frac) < 2 || len(frac) > 10 {
			return time.Time{}, false
		}
		n, ok := num(frac[1:])
		if !ok {
			return time.Time{}, false
		}
		for range 10 - len(frac) {
			n *= 10
		}
		nsec = n
	}
	t := time.Date(year, time.Month(month), day, hour, minute, sec, nsec, time.UTC)
	if t.Day() != day { // 31 April and the like: time.Parse refuses them
		return time.Time{}, false
	}
	return t, true
}
