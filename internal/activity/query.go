package activity

import (
	"context"
	"encoding/base64"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"gorm.io/gorm"

	"portal/internal/platform/apperr"
	"portal/internal/platform/db"
)

// Log reads a partner's activity log (LOG-2). It has no method that edits or
// deletes an entry: the log is append-only (LOG-1).
type Log struct {
	DB *gorm.DB
	// Full, when set, answers the counts of filters that went past their
	// cap before without reading the log (FullCounts).
	Full *FullCounts
}

// Filter narrows the log. Zero fields do not filter. From is inclusive and
// To exclusive, so a page that shows whole days passes the start of the day
// after the last one.
type Filter struct {
	From, To   time.Time
	Action     string
	CustomerID string
	ActorID    string
	// ResourceID narrows the log to one object's history (UX-3): a
	// subscription, software purchase, reservation, order, user…
	ResourceID string
}

// Cursor is a position in the log's order (at DESC, id DESC): the entry a
// page continues from, and whether the page lies after it (older entries,
// "Next") or before it (newer entries, "Previous"). The zero Cursor is the
// first page.
type Cursor struct {
	At     time.Time
	ID     string
	Before bool
}

// IsZero reports whether c is the first page.
func (c Cursor) IsZero() bool { return c.ID == "" }

// String encodes c as an opaque, URL-safe token; "" for the first page.
func (c Cursor) String() string {
	if c.IsZero() {
		return ""
	}
	dir := "a"
	if c.Before {
		dir = "b"
	}
	raw := dir + "|" + strconv.FormatInt(c.At.UnixNano(), 10) + "|" + c.ID
	return base64.RawURLEncoding.EncodeToString([]byte(raw))
}

// ErrBadCursor is a cursor token this package did not make.
var ErrBadCursor = fmt.Errorf("activity: bad cursor: %w", apperr.ErrInvalid)

// ParseCursor decodes a token made by Cursor.String; "" is the first page.
func ParseCursor(s string) (Cursor, error) {
	if s == "" {
		return Cursor{}, nil
	}
	if len(s) > 200 {
		return Cursor{}, ErrBadCursor
	}
	raw, err := base64.RawURLEncoding.DecodeString(s)
	if err != nil {
		return Cursor{}, ErrBadCursor
	}
	parts := strings.SplitN(string(raw), "|", 3)
	if len(parts) != 3 || (parts[0] != "a" && parts[0] != "b") || parts[2] == "" || len(parts[2]) > 64 {
		return Cursor{}, ErrBadCursor
	}
	nanos, err := strconv.ParseInt(parts[1], 10, 64)
	if err != nil {
		return Cursor{}, ErrBadCursor
	}
	return Cursor{At: time.Unix(0, nanos).UTC(), ID: parts[2], Before: parts[0] == "b"}, nil
}

// Page is one page of the log, newest first, with the cursors of its
// neighbours ("" when there is none).
type Page struct {
	Entries []Entry
	Next    string // older entries
	Prev    string // newer entries
}

// MaxPageSize bounds a page.
const MaxPageSize = 500

// List returns one page of the partner's log that matches f, after (or,
// for a "Previous" cursor, before) cur, newest first, in one query served by
// one of Entry's indexes.
func (l Log) List(ctx context.Context, partnerID string, f Filter, cur Cursor, limit int) (Page, error) {
	return l.list(ctx, partnerID, f, cur, limit, allColumns)
}

// columns are the columns a read of entries selects and the fields of an
// Entry they are scanned into, in the same order (db.Collect).
type columns struct {
	names  []string
	fields func(*Entry) []any
}

// briefColumns are an entry's columns but its values (details, before and
// after), the largest: what a page that shows described entries reads.
// The partner is the one asked for, not read: the driver crosses into
// SQLite's C code three times per text column of each row.
var briefColumns = columns{
	names: []string{"id", "at", "actor_id", "actor_name", "customer_id", "customer_name",
		"resource_type", "resource_id", "action", "via"},
	fields: func(e *Entry) []any {
		return []any{&e.ID, &e.At, &e.ActorID, &e.ActorName, &e.CustomerID, &e.CustomerName,
			&e.ResourceType, &e.ResourceID, &e.Action, &e.Via}
	},
}

// allColumns are every column of an entry but its partner.
var allColumns = columns{
	names: append(slices.Clip(briefColumns.names), "details", "before", "after"),
	fields: func(e *Entry) []any {
		return append(briefColumns.fields(e), &e.Details, &e.Before, &e.After)
	},
}

// valueColumns are an entry's ID and its values, read for the entries a
// page describes.
var valueColumns = columns{
	names:  []string{"id", "details", "before", "after"},
	fields: func(e *Entry) []any { return []any{&e.ID, &e.Details, &e.Before, &e.After} },
}

// list reads a page with the given columns.
func (l Log) list(ctx context.Context, partnerID string, f Filter, cur Cursor, limit int, cols columns) (Page, error) {
	if limit <= 0 || limit > MaxPageSize {
		limit = MaxPageSize
	}
	rows, err := l.read(func() *gorm.DB { return l.query(ctx, partnerID, f, cur).Limit(limit + 1) }, limit+1, cols)
	if err != nil {
		return Page{}, fmt.Errorf("activity: list: %w", err)
	}
	for i := range rows {
		rows[i].PartnerID = partnerID
	}
	more := len(rows) > limit
	if more {
		rows = rows[:limit]
	}
	var p Page
	if cur.Before {
		// Read oldest first to stay on the index; show newest first.
		for i, j := 0, len(rows)-1; i < j; i, j = i+1, j-1 {
			rows[i], rows[j] = rows[j], rows[i]
		}
		if more {
			p.Prev = cursorAt(rows[0], true)
		}
		if len(rows) > 0 {
			p.Next = cursorAt(rows[len(rows)-1], false)
		}
	} else {
		if more {
			p.Next = cursorAt(rows[len(rows)-1], false)
		}
		if !cur.IsZero() && len(rows) > 0 {
			p.Prev = cursorAt(rows[0], true)
		}
	}
	p.Entries = rows
	return p, nil
}

func cursorAt(e Entry, before bool) string {
	return Cursor{At: e.At, ID: e.ID, Before: before}.String()
}

// query builds the filtered, ordered query of a page. The keyset condition is
// written as "at <= t AND (at < t OR id < i)": its first half is a range on
// the index's at column, which both SQLite and PostgreSQL use.
func (l Log) query(ctx context.Context, partnerID string, f Filter, cur Cursor) *gorm.DB {
	q := db.Conn(ctx, l.DB).Model(&Entry{}).Where("partner_id = ?", partnerID)
	if f.Action != "" {
		q = q.Where("action = ?", f.Action)
	}
	if f.ActorID != "" {
		q = q.Where("actor_id = ?", f.ActorID)
	}
	if f.CustomerID != "" {
		q = q.Where("customer_id = ?", f.CustomerID)
	}
	if f.ResourceID != "" {
		q = q.Where("resource_id = ?", f.ResourceID)
	}
	// A database uses one bound per side of the at range: where the cursor's
	// bound is the tighter one, the filter's is left out, so a deep page
	// starts at the cursor instead of skipping every entry before it.
	if !f.From.IsZero() && !(cur.Before && !cur.At.Before(f.From)) {
		q = q.Where("at >= ?", f.From.UTC())
	}
	if !f.To.IsZero() && !(!cur.IsZero() && !cur.Before && cur.At.Before(f.To)) {
		q = q.Where("at < ?", f.To.UTC())
	}
	switch {
	case cur.IsZero():
		q = q.Order("at DESC, id DESC")
	case cur.Before:
		at := cur.At.UTC()
		q = q.Where("at >= ? AND (at > ? OR id > ?)", at, at, cur.ID).Order("at ASC, id ASC")
	default:
		at := cur.At.UTC()
		q = q.Where("at <= ? AND (at < ? OR id < ?)", at, at, cur.ID).Order("at DESC, id DESC")
	}
	return q
}

// Count counts the partner's entries that match f, up to limit (UX-4): the
// count and whether more match. It reads the filter's index and stops after
// limit+1 entries, unless the filter counted past limit before (Full).
func (l Log) Count(ctx context.Context, partnerID string, f Filter, limit int) (int64, bool, error) {
	if l.Full.full(partnerID, f, limit) {
		return int64(limit), true, nil
	}
	n, more, err := db.CountCapped(l.query(ctx, partnerID, f, Cursor{}), limit)
	if err != nil {
		return 0, false, fmt.Errorf("activity: count: %w", err)
	}
	if more {
		l.Full.add(partnerID, f, limit)
	}
	return n, more, nil
}
