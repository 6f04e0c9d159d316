package components

import (
	"context"
	"io"
	"strings"

	"github.com/a-h/templ"
)

// OptionList is a long, fixed list of a select's options (the countries)
// rendered once, when it is made. Rendering 250 options per page view, two
// escaped values each, was about a tenth of the customer list's CPU time;
// a page now writes the list as it was rendered, rendering only the
// selected option again.
type OptionList struct {
	html   string
	starts []int // where each option begins in html; the last is len(html)
	index  map[string]int
	opts   []Option
}

// NewOptionList renders opts, in their order.
func NewOptionList(opts []Option) (OptionList, error) {
	l := OptionList{starts: make([]int, 0, len(opts)+1), index: make(map[string]int, len(opts)), opts: opts}
	var b strings.Builder
	for i, o := range opts {
		l.starts = append(l.starts, b.Len())
		if _, dup := l.index[o.Value]; !dup {
			l.index[o.Value] = i
		}
		if err := option(o, false).Render(context.Background(), &b); err != nil {
			return OptionList{}, err
		}
	}
	l.starts = append(l.starts, b.Len())
	l.html = b.String()
	return l, nil
}

// Has reports whether one of the options has value.
func (l OptionList) Has(value string) bool {
	_, ok := l.index[value]
	return ok
}

// Selecting renders the options with the one of value selected; a value
// not in the list selects none.
func (l OptionList) Selecting(value string) templ.Component {
	return templ.ComponentFunc(func(ctx context.Context, w io.Writer) error {
		i, ok := l.index[value]
		if !ok {
			_, err := io.WriteString(w, l.html)
			return err
		}
		if _, err := io.WriteString(w, l.html[:l.starts[i]]); err != nil {
			return err
		}
		if err := option(l.opts[i], true).Render(ctx, w); err != nil {
			return err
		}
		_, err := io.WriteString(w, l.html[l.starts[i+1]:])
		return err
	})
}
