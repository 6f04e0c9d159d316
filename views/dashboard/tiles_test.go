package dashboard

import (
	"slices"
	"testing"
)

// DASH-1: each kind's rows of the attention list are that kind's items in
// their order, whether the items come kind after kind (as the home page
// builds them: read as they are) or mixed; a kind without items has none.
func TestItemsOfKeepsEachKindInOrder_DASH1(t *testing.T) {
	item := func(kind, title string) AttentionItem { return AttentionItem{Kind: kind, Title: title} }
	titles := func(items []AttentionItem) []string {
		var out []string
		for _, it := range items {
			out = append(out, it.Title)
		}
		return out
	}
	for _, c := range []struct {
		name  string
		items []AttentionItem
		kind  string
		want  []string
	}{
		{"kind after kind, first", []AttentionItem{item("a", "1"), item("a", "2"), item("b", "3")}, "a", []string{"1", "2"}},
		{"kind after kind, last", []AttentionItem{item("a", "1"), item("b", "2"), item("b", "3")}, "b", []string{"2", "3"}},
		{"kind after kind, middle", []AttentionItem{item("a", "1"), item("b", "2"), item("c", "3")}, "b", []string{"2"}},
		{"mixed", []AttentionItem{item("a", "1"), item("b", "2"), item("a", "3"), item("a", "4")}, "a", []string{"1", "3", "4"}},
		{"absent", []AttentionItem{item("a", "1")}, "b", nil},
		{"no items", nil, "a", nil},
	} {
		t.Run(c.name, func(t *testing.T) {
			got := itemsOf(c.items, c.kind)
			if !slices.Equal(titles(got), c.want) {
				t.Errorf("itemsOf(%q) = %v, want %v", c.kind, titles(got), c.want)
			}
			// What the page does with the rows cannot reach the next kind's.
			_ = append(got, item(c.kind, "added"))
			if again := itemsOf(c.items, c.kind); !slices.Equal(titles(again), c.want) {
				t.Errorf("after appending to the rows: %v, want %v", titles(again), c.want)
			}
		})
	}
}
