// Package keyset is the position of a row in a list read by keyset
// pagination (PERF-2, PERF-6): the row's sort key and its ID, written into a
// URL as one opaque token, so a deep page costs what the first page costs.
package keyset

import (
	"encoding/base64"
	"time"

	"github.com/google/uuid"
)

// Cursor names a row of a list: its sort key and its ID, which breaks ties.
// The zero Cursor is the start of the list.
type Cursor struct {
	Key string
	ID  string
}

// IsZero reports whether c is the start of the list.
func (c Cursor) IsZero() bool { return c.ID == "" }

// Encode writes the cursor for a URL (URL-safe, no padding).
func (c Cursor) Encode() string {
	if c.IsZero() {
		return ""
	}
	return base64.RawURLEncoding.EncodeToString([]byte(c.ID + c.Key))
}

// maxLen bounds an encoded cursor: a sort key is at most a few hundred
// bytes.
const maxLen = 1024

// Parse reads an encoded cursor; ok is false for anything that is not one,
// so a hand-edited URL falls back to the first page.
func Parse(s string) (Cursor, bool) {
	if s == "" || len(s) > maxLen {
		return Cursor{}, false
	}
	raw, err := base64.RawURLEncoding.DecodeString(s)
	if err != nil || len(raw) < 36 {
		return Cursor{}, false
	}
	id := string(raw[:36])
	if _, err := uuid.Parse(id); err != nil {
		return Cursor{}, false
	}
	return Cursor{ID: id, Key: string(raw[36:])}, true
}

// AtCursor is the cursor of a row sorted by a time, then its ID.
func AtCursor(at time.Time, id string) Cursor {
	return Cursor{Key: at.UTC().Format(time.RFC3339Nano), ID: id}
}

// Time reads the time of a cursor made by AtCursor; ok is false for any
// other key.
func (c Cursor) Time() (at time.Time, ok bool) {
	at, err := time.Parse(time.RFC3339Nano, c.Key)
	return at.UTC(), err == nil
}
