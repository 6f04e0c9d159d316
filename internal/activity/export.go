package activity

import (
	"context"
	"encoding/csv"
	"fmt"
	"io"
	"portal/internal/platform/csvsafe"
	"time"
)

// CSVColumns names the export's columns, in order; the web layer writes the
// header in the reader's language from these names. The machine-readable
// columns come first, as scripts read them; the last one is the entry told
// as a sentence in the reader's language (UX-3).
func CSVColumns() []string {
	return []string{"at", "customer", "customer_id", "action", "action_label", "user",
		"resource_type", "resource_id", "details", "before", "after", "description"}
}

// exportBatch is how many entries one query of an export reads.
const exportBatch = 1000

// Export writes the partner's log that matches f as CSV to w, newest first
// (LOG-2): header, then one row per entry, with label giving each action's
// label. It reads the log in keyset batches, flushing after each, so a long
// export holds neither the whole log in memory nor a database connection
// while it writes. Every cell is made safe to open in a spreadsheet.
func (l Log) Export(ctx context.Context, w io.Writer, partnerID string, f Filter, header []string, label func(action string) string, describe func(Entry) string) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(safeRow(header)); err != nil {
		return fmt.Errorf("activity: export: %w", err)
	}
	cur := Cursor{}
	for {
		page, err := l.List(ctx, partnerID, f, cur, exportBatch)
		if err != nil {
			return err
		}
		for _, e := range page.Entries {
			row := []string{
				e.At.UTC().Format(time.RFC3339), e.CustomerName, e.CustomerID, e.Action, label(e.Action), e.ActorName,
				e.ResourceType, e.ResourceID, e.Details, e.Before, e.After, describe(e),
			}
			if err := cw.Write(safeRow(row)); err != nil {
				return fmt.Errorf("activity: export: %w", err)
			}
		}
		cw.Flush()
		if err := cw.Error(); err != nil {
			return fmt.Errorf("activity: export: %w", err)
		}
		if fl, ok := w.(interface{ Flush() }); ok {
			fl.Flush()
		}
		if page.Next == "" {
			return nil
		}
		if cur, err = ParseCursor(page.Next); err != nil {
			return err
		}
	}
}

func safeRow(row []string) []string {
	out := make([]string, len(row))
	for i, v := range row {
		out[i] = csvsafe.Cell(v)
	}
	return out
}
