package dashboard

import (
	"context"
	"slices"

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

// itemsOf returns the items of one kind, in their order. The home page
// lists them kind after kind, so a kind's items are one run of the slice,
// returned as they are (the page asks three times per kind); items of a
// kind found apart are gathered in a copy.
func itemsOf(items []AttentionItem, kind string) []AttentionItem {
	ofKind := func(it AttentionItem) bool { return it.Kind == kind }
	start := slices.IndexFunc(items, ofKind)
	if start < 0 {
		return nil
	}
	end := start + 1
	for end < len(items) && ofKind(items[end]) {
		end++
	}
	if !slices.ContainsFunc(items[end:], ofKind) {
		return items[start:end:end]
	}
	var out []AttentionItem
	for _, it := range items[start:] {
		if ofKind(it) {
			out = append(out, it)
		}
	}
	return out
}
