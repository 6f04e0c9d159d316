package layout

import (
	"context"
	"io"
	"sync"

	"github.com/a-h/templ"

	"portal/views/ui"
)

// keptNavRail writes the navigation rail, rendered once for each language,
// set of items shown (the viewer's roles) and item selected: every signed-in
// page shows it, and its icons, labels and classes were about a tenth of a
// kept list page's server time (PERF-2). What navRail writes depends on
// nothing else, so the kept copy is the same byte for byte; there are at most
// a few hundred of them (two languages, the roles' combinations of six
// items, one selected).
func keptNavRail() templ.Component {
	return templ.ComponentFunc(func(ctx context.Context, w io.Writer) error {
		key := navRailKey{lang: ui.Lang(ctx)}
		path := ui.P(ctx).Path
		for i, it := range navItems() {
			if it.action == "" || ui.Can(ctx, it.action) {
				key.shown |= 1 << i
			}
			if navSelected(path, it.href) {
				key.selected |= 1 << i
			}
		}
		return ui.WriteKept(ctx, w, &navRails, key, navRail)
	})
}

// navRailKey is what the navigation rail shows: its language, and a bit per
// item (navItems) shown and selected.
type navRailKey struct {
	lang            string
	shown, selected uint8
}

var navRails sync.Map // navRailKey → []byte
