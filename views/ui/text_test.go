package ui

import (
	"context"
	"strings"
	"testing"

	"github.com/a-h/templ"
)

// PERF-2: Text writes a value as a { } expression writes it, escaped for
// HTML, so a page's rows say the same written either way.
func TestTextEscapesAsTemplDoes_PERF2(t *testing.T) {
	for _, s := range []string{"", "Contoso Ltd", `<script>alert("x")</script>`, "Tom & Jerry's", "Société Générale — 3 → 7", "a\x00b"} {
		var b strings.Builder
		if err := Text(s).Render(context.Background(), &b); err != nil {
			t.Fatal(err)
		}
		if want := templ.EscapeString(s); b.String() != want {
			t.Errorf("Text(%q) wrote %q, want %q", s, b.String(), want)
		}
	}
	var b strings.Builder
	_ = Text(`"<b>"`).Render(context.Background(), &b)
	if strings.ContainsAny(b.String(), `<>"`) {
		t.Errorf("Text left markup unescaped: %q", b.String())
	}
}
