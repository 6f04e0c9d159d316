package ui

import (
	"bytes"
	"context"
	"io"
	"sync"

	"github.com/a-h/templ"
)

// Kept writes what comp() rendered the first time it was written for key
// in store, rendering it then (PERF-2). It is for a component whose output
// depends on nothing but what key stands for: store holds one []byte per
// key, safe for concurrent use, and a caller bounds how many keys it holds
// (or drops store with what it keeps the renderings of).
func Kept(store *sync.Map, key any, comp func() templ.Component) templ.Component {
	return templ.ComponentFunc(func(ctx context.Context, w io.Writer) error {
		return WriteKept(ctx, w, store, key, comp)
	})
}

// WriteKept writes to w what Kept(store, key, comp) writes.
func WriteKept(ctx context.Context, w io.Writer, store *sync.Map, key any, comp func() templ.Component) error {
	if b, ok := store.Load(key); ok {
		_, err := w.Write(b.([]byte))
		return err
	}
	var buf bytes.Buffer
	if err := comp().Render(ctx, &buf); err != nil {
		return err
	}
	b, _ := store.LoadOrStore(key, buf.Bytes())
	_, err := w.Write(b.([]byte))
	return err
}
