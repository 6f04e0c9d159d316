package keyset

import (
	"slices"

	"gorm.io/gorm"
)

// NewestFirst orders q by a time column, newest first, then by id
// descending, from the cursor: after it, or back from it when before is set
// (read oldest first, then turned around by Page). A cursor that is not a
// time's is the start. A (…, column, id) index serves every direction in
// its order. back says whether the rows read need turning around.
func NewestFirst(q *gorm.DB, column string, at Cursor, before bool) (_ *gorm.DB, back bool) {
	t, ok := at.Time()
	switch {
	case !ok:
		return q.Order(column + " DESC, id DESC"), false
	case before:
		return q.Where("("+column+" > ? OR ("+column+" = ? AND id > ?))", t, t, at.ID).Order(column + ", id"), true
	default:
		return q.Where("("+column+" < ? OR ("+column+" = ? AND id < ?))", t, t, at.ID).Order(column + " DESC, id DESC"), false
	}
}

// Page trims rows read with a limit of limit+1 to limit and turns them
// around when they were read backwards; more says a row was left over.
func Page[T any](rows []T, limit int, back bool) (_ []T, more bool) {
	if more = len(rows) > limit; more {
		rows = rows[:limit]
	}
	if back {
		slices.Reverse(rows)
	}
	return rows, more
}
