package web

import (
	"portal/internal/platform/keyset"
	"portal/views/components"
)

// keysetPager links a keyset page of the list at base to the pages before
// and after it (PERF-6): Previous ends before the page's first row, Next
// starts after its last.
func keysetPager(base string, first, last keyset.Cursor, hasPrev, hasNext bool) components.Pager {
	var p components.Pager
	if hasPrev {
		p.PrevHref = base + "?before=" + first.Encode()
	}
	if hasNext {
		p.NextHref = base + "?after=" + last.Encode()
	}
	return p
}

// keysetAt reads a list's position from its after or before parameter; a
// missing or hand-edited one is the start of the list.
func keysetAt(after, before string) (at keyset.Cursor, back bool) {
	if cur, ok := keyset.Parse(after); ok {
		return cur, false
	}
	if cur, ok := keyset.Parse(before); ok {
		return cur, true
	}
	return keyset.Cursor{}, false
}
