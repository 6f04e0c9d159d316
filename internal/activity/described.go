package activity

import (
	"context"
	"fmt"

	"portal/internal/platform/db"
)

// ListDescribed returns the page List returns and each entry's description
// from d (UX-3). A page d has seen listed before is read without its
// entries' values, the largest of their columns, which are read only for
// the entries d has not described yet, by ID in one more query; those
// entries come back without them, and d keeps their descriptions. A page
// never listed before, such as the next page of someone reading the log
// back in time, has no entry described: it is read with its values, in one
// query, and its descriptions are not kept. d keeps the entries of pages
// read again (the first pages after each write), and someone reading far
// back in time, page after page, does not push them out.
func (l Log) ListDescribed(ctx context.Context, partnerID string, f Filter, cur Cursor, limit int, d *Descriptions) (Page, []Description, error) {
	if !d.listed(pageKey(partnerID, f, cur, limit)) {
		p, err := l.list(ctx, partnerID, f, cur, limit, allColumns)
		if err != nil {
			return Page{}, nil, err
		}
		out := make([]Description, len(p.Entries))
		for i, e := range p.Entries {
			out[i] = Describe(e)
		}
		return p, out, nil
	}
	p, err := l.list(ctx, partnerID, f, cur, limit, briefColumns)
	if err != nil {
		return Page{}, nil, err
	}
	out := make([]Description, len(p.Entries))
	var missing []string // IDs of the entries not described yet
	var at []int         // and their places in the page
	for i, e := range p.Entries {
		var ok bool
		if out[i], ok = d.Cached(e.ID); !ok {
			missing, at = append(missing, e.ID), append(at, i)
		}
	}
	if len(missing) == 0 {
		return p, out, nil
	}
	values, err := db.Collect(db.Conn(ctx, l.DB).Model(&Entry{}).Select(valueColumns.names).
		Where(db.PartnersByID(missing, partnerID)), len(missing), valueColumns.fields)
	if err != nil {
		return Page{}, nil, fmt.Errorf("activity: values: %w", err)
	}
	byID := make(map[string]Entry, len(values))
	for _, v := range values {
		byID[v.ID] = v
	}
	for _, i := range at {
		e := p.Entries[i]
		v, ok := byID[e.ID]
		if !ok { // gone since the page was read: told from what was read, not kept
			out[i] = Describe(e)
			continue
		}
		e.Details, e.Before, e.After = v.Details, v.Before, v.After
		out[i] = d.Describe(e)
	}
	return p, out, nil
}

// pageKey names a page of a partner's log for Descriptions.
func pageKey(partnerID string, f Filter, cur Cursor, limit int) string {
	return fmt.Sprintf("%s|%d|%d|%s|%s|%s|%s|%s|%d", partnerID, f.From.UnixNano(), f.To.UnixNano(),
		f.Action, f.CustomerID, f.ActorID, f.ResourceID, cur, limit)
}
