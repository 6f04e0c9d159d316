package ui

import (
	"context"
	"html"
	"io"
)

// Text is text written into a page, escaped as { text } escapes it. The
// rows of the long lists write their values with it (@ui.Text(r.Name)):
// templ passes each { } value through fmt.Sprint first, two allocations
// and about a tenth of a microsecond, which on the activity log's page of
// 50 entries was a seventh of the server's time for the page (PERF-2).
type Text string

// Render writes t escaped.
func (t Text) Render(_ context.Context, w io.Writer) error {
	_, err := io.WriteString(w, html.EscapeString(string(t)))
	return err
}
