package ui

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/a-h/templ"
)

// form is a component with two forms whose token it writes from the page,
// and a text that no viewer changes; renders counts its renderings.
func form(renders *atomic.Int32, fail *atomic.Bool) func() templ.Component {
	return func() templ.Component {
		return templ.ComponentFunc(func(ctx context.Context, w io.Writer) error {
			renders.Add(1)
			if fail.Load() {
				return errors.New("the database went away")
			}
			token := templ.EscapeString(P(ctx).CSRF)
			_, err := io.WriteString(w, `<form><input name="_csrf" value="`+token+`"></form><p>Contoso &amp; Co</p><form><input name="_csrf" value="`+token+`"></form>`)
			return err
		})
	}
}

func viewAs(t *testing.T, c templ.Component, token string) string {
	t.Helper()
	var b strings.Builder
	if err := c.Render(With(context.Background(), &Page{CSRF: token}), &b); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// PERF-2, AUTH-5: a kept rendering is written once, whoever views it
// first, and each view carries its own form token, escaped, in every form.
func TestFormsWrittenOnceWithEachViewersToken_PERF2_AUTH5(t *testing.T) {
	var renders atomic.Int32
	var fail atomic.Bool
	f := NewForms(form(&renders, &fail))
	for _, token := range []string{"token-one", "token-two", `a"b`} {
		got := viewAs(t, f.Component(), token)
		want := strings.ReplaceAll(`<form><input name="_csrf" value="T"></form><p>Contoso &amp; Co</p><form><input name="_csrf" value="T"></form>`, "T", templ.EscapeString(token))
		if got != want {
			t.Errorf("viewed with %q:\n got %s\nwant %s", token, got, want)
		}
	}
	if n := renders.Load(); n != 1 {
		t.Errorf("rendered %d times for three views, want once", n)
	}
}

// PERF-2: views that come while a rendering is first written wait for it
// rather than write it again; a rendering that failed is not kept, the
// next view writes it.
func TestFormsFirstWrittenOnceAndNotKeptWhenFailed_PERF2(t *testing.T) {
	var renders atomic.Int32
	var fail atomic.Bool
	f := NewForms(form(&renders, &fail))
	var wg sync.WaitGroup
	for i := range 16 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var b strings.Builder
			token := fmt.Sprintf("view-%d", i)
			if err := f.Component().Render(With(context.Background(), &Page{CSRF: token}), &b); err != nil || strings.Count(b.String(), token) != 2 {
				t.Errorf("view %d: %q, %v", i, b.String(), err)
			}
		}()
	}
	wg.Wait()
	if n := renders.Load(); n != 1 {
		t.Errorf("16 views at once rendered %d times, want once", n)
	}

	renders.Store(0)
	fail.Store(true)
	broken := NewForms(form(&renders, &fail))
	if err := broken.Component().Render(With(context.Background(), &Page{CSRF: "x"}), io.Discard); err == nil {
		t.Fatal("a failed rendering wrote without an error")
	}
	fail.Store(false)
	if got := viewAs(t, broken.Component(), "y"); !strings.Contains(got, `value="y"`) || renders.Load() != 2 {
		t.Errorf("after a failure the next view got %q in %d renderings", got, renders.Load())
	}
}
