package dashboard

import (
	"context"

	"portal/views/ui"
)

// tileCount writes a tile's number: "4", "1,204", "100+" for a capped
// count (no space before the plus).
func tileCount(ctx context.Context, c AttentionCount) string {
	s := ui.Number(ctx, c.N)
	if c.More {
		s += "+"
	}
	return s
}

// tileLabel names a tile's kind in the form its number takes: "1 Trial
// ending", "4 Trials ending". French takes the singular for 0 and 1.
func tileLabel(ctx context.Context, c AttentionCount) string {
	form := "other"
	if !c.More && (c.N == 1 || (c.N == 0 && ui.Lang(ctx) == "fr")) {
		form = "one"
	}
	return ui.T(ctx, "dash.tile."+c.Kind+"."+form)
}

// tileHref is the anchor of the kind's own rows in the attention list.
func tileHref(kind string) string { return "#attention-" + kind }

// itemsOf returns the items of one kind, in their order.
func itemsOf(items []AttentionItem, kind string) []AttentionItem {
	var out []AttentionItem
	for _, it := range items {
		if it.Kind == kind {
			out = append(out, it)
		}
	}
	return out
}
