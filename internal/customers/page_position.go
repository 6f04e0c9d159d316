package customers

import (
	"context"
	"fmt"
	"strings"

	"portal/internal/platform/db"
)

// PageStart returns the cursor of the row just before the page that starts
// at offset, for a list sorted by name (descending with desc), so that an
// old ?page=N link can be sent to the keyset URL of that page (PERF-6).
// Without a text search only the sort index is read (name key and ID are
// in it), never the skipped rows themselves; ok is false past the end.
func (s *Store) PageStart(ctx context.Context, partnerID string, f Filter, desc bool, offset int) (cur Cursor, ok bool, err error) {
	if offset <= 0 {
		return Cursor{}, false, nil
	}
	if strings.TrimSpace(f.Q) != "" {
		p, err := s.List(ctx, partnerID, ListQuery{Filter: f, Desc: desc, Limit: 1, Offset: offset - 1})
		if err != nil || len(p.Customers) == 0 {
			return Cursor{}, false, err
		}
		return CursorOf(p.Customers[0]), true, nil
	}
	order := "name_key, id"
	if desc {
		order = "name_key DESC, id DESC"
	}
	var rows []Cursor
	err = filtered(db.Conn(ctx, s.DB), partnerID, f).Select("name_key, id").
		Order(order).Offset(offset - 1).Limit(1).Find(&rows).Error
	if err != nil {
		return Cursor{}, false, fmt.Errorf("customers: page start: %w", err)
	}
	if len(rows) == 0 {
		return Cursor{}, false, nil
	}
	return rows[0], true, nil
}
