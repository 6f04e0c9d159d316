package components

import (
	"context"
	"strings"
	"testing"
)

// CUST-1: the country filter's options, rendered once, read as if each
// were rendered on the page: the chosen one selected, values and labels
// escaped, a value not in the list selecting none.
func TestOptionListRendersAsEachOption_CUST1(t *testing.T) {
	opts := []Option{{Value: "AD", Label: "Andorra"}, {Value: "CI", Label: "Côte d'Ivoire"}, {Value: "T&T", Label: "<Trinidad & Tobago>"}, {Value: "ZW", Label: "Zimbabwe"}}
	l, err := NewOptionList(opts)
	if err != nil {
		t.Fatal(err)
	}
	each := func(selected string) string {
		var b strings.Builder
		for _, o := range opts {
			if err := option(o, o.Value == selected).Render(context.Background(), &b); err != nil {
				t.Fatal(err)
			}
		}
		return b.String()
	}
	for _, selected := range []string{"AD", "CI", "T&T", "ZW", "", "FR"} {
		var b strings.Builder
		if err := l.Selecting(selected).Render(context.Background(), &b); err != nil {
			t.Fatal(err)
		}
		got := b.String()
		if want := each(selected); got != want {
			t.Errorf("selecting %q:\n got %s\nwant %s", selected, got, want)
		}
		if n := strings.Count(got, " selected"); (selected == "" || selected == "FR") != (n == 0) || n > 1 {
			t.Errorf("selecting %q: %d selected options in %s", selected, n, got)
		}
	}
	var b strings.Builder
	_ = l.Selecting("T&T").Render(context.Background(), &b)
	if !strings.Contains(b.String(), `<option value="T&amp;T" selected>&lt;Trinidad &amp; Tobago&gt;</option>`) {
		t.Errorf("not escaped or not selected: %s", b.String())
	}
}
