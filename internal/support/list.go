package support

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/google/uuid"
	"gorm.io/gorm"

	"portal/internal/platform/db"
)

// Filter narrows the list of requests (SUP-2).
type Filter struct {
	Status   string // one of Statuses, or "" for all
	Severity string // one of Severities, or "" for all
}

// Cursor is a position in the list, newest first: the request's creation
// time and ID. The zero Cursor is the start of the list.
type Cursor struct {
	At time.Time
	ID string
}

// IsZero reports whether c is the start of the list.
func (c Cursor) IsZero() bool { return c.ID == "" }

// String writes the cursor for a URL.
func (c Cursor) String() string {
	if c.IsZero() {
		return ""
	}
	return c.At.UTC().Format(time.RFC3339Nano) + "_" + c.ID
}

// ParseCursor reads a cursor written by String; a bad one is the start.
func ParseCursor(s string) Cursor {
	at, id, ok := strings.Cut(s, "_")
	if !ok {
		return Cursor{}
	}
	t, err := time.Parse(time.RFC3339Nano, at)
	if _, uerr := uuid.Parse(id); err != nil || uerr != nil {
		return Cursor{}
	}
	return Cursor{At: t.UTC(), ID: id}
}

// Page is one page of the list, with the cursors of its neighbours.
type Page struct {
	Requests []Request
	// Next is the cursor after the last row (zero when there is no next
	// page); Prev the cursor before the first (zero on the first page).
	Next, Prev Cursor
	HasPrev    bool
}

// listColumns are what the list shows: no description, no contact.
func listColumns() []string {
	return []string{"id", "number", "problem_type", "severity", "title", "customer_id", "customer_name",
		"status", "reservation_id", "created_by_name", "created_at", "updated_at"}
}

// List returns a page of the partner's requests, newest first, in one
// query, with keyset pagination: after a cursor (next page) or before one
// (previous page). The filters are served by the partner+status and
// partner+severity indexes.
func (s *Store) List(ctx context.Context, partnerID string, f Filter, after, before Cursor, limit int) (Page, error) {
	q := s.filtered(ctx, partnerID, f).Select(listColumns())
	backward := after.IsZero() && !before.IsZero()
	switch {
	case !after.IsZero():
		q = q.Where("created_at < ? OR (created_at = ? AND id < ?)", after.At, after.At, after.ID).Order("created_at DESC, id DESC")
	case backward:
		q = q.Where("created_at > ? OR (created_at = ? AND id > ?)", before.At, before.At, before.ID).Order("created_at ASC, id ASC")
	default:
		q = q.Order("created_at DESC, id DESC")
	}
	var rows []Request
	if err := q.Limit(limit + 1).Find(&rows).Error; err != nil {
		return Page{}, fmt.Errorf("support: list: %w", err)
	}
	more := len(rows) > limit
	if more {
		rows = rows[:limit]
	}
	if backward {
		for i, j := 0, len(rows)-1; i < j; i, j = i+1, j-1 {
			rows[i], rows[j] = rows[j], rows[i]
		}
	}
	p := Page{Requests: rows}
	if len(rows) == 0 {
		return p, nil
	}
	first, last := rows[0], rows[len(rows)-1]
	switch {
	case backward:
		p.HasPrev, p.Next = more, Cursor{At: last.CreatedAt, ID: last.ID}
	case !after.IsZero():
		p.HasPrev = true
		if more {
			p.Next = Cursor{At: last.CreatedAt, ID: last.ID}
		}
	default:
		if more {
			p.Next = Cursor{At: last.CreatedAt, ID: last.ID}
		}
	}
	if p.HasPrev {
		p.Prev = Cursor{At: first.CreatedAt, ID: first.ID}
	}
	return p, nil
}

// OpenRequests returns the partner's requests that are open or need
// attention, those needing attention first, then the most severe, then the
// newest: for the home page's needs-attention list (DASH-1).
func (s *Store) OpenRequests(ctx context.Context, partnerID string, limit int) ([]Request, error) {
	var out []Request
	err := db.Conn(ctx, s.DB).Model(&Request{}).Select(listColumns()).
		Where("partner_id = ? AND status IN ?", partnerID, []string{Open, AttentionNeeded}).
		Order("CASE status WHEN 'attention_needed' THEN 0 ELSE 1 END").
		Order("CASE severity WHEN 'critical' THEN 0 WHEN 'moderate' THEN 1 ELSE 2 END").
		Order("created_at DESC").Limit(limit).Find(&out).Error
	if err != nil {
		return nil, fmt.Errorf("support: open requests: %w", err)
	}
	return out, nil
}

// Count counts the partner's requests that match f, up to limit (UX-4): the
// count and whether more match.
func (s *Store) Count(ctx context.Context, partnerID string, f Filter, limit int) (int64, bool, error) {
	n, more, err := db.CountCapped(s.filtered(ctx, partnerID, f), limit)
	if err != nil {
		return 0, false, fmt.Errorf("support: count: %w", err)
	}
	return n, more, nil
}

// filtered is the partner's requests that match f.
func (s *Store) filtered(ctx context.Context, partnerID string, f Filter) *gorm.DB {
	q := db.Conn(ctx, s.DB).Model(&Request{}).Where("partner_id = ?", partnerID)
	if Valid(Statuses(), f.Status) {
		q = q.Where("status = ?", f.Status)
	}
	if Valid(Severities(), f.Severity) {
		q = q.Where("severity = ?", f.Severity)
	}
	return q
}
