package ui

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"io"
	"sync"
	"sync/atomic"

	"github.com/a-h/templ"
	lru "github.com/hashicorp/golang-lru/v2"
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

// KeptForms writes comp as Kept does, for a component whose only
// difference between viewers is the form token (its forms' CSRF field): it
// is the Forms kept for key in store, made for comp the first time. store
// bounds how many keys are kept: it is for renderings keyed by the
// database's state (db.Stamp), which no read they belong to drops.
func KeptForms[K comparable](store *lru.Cache[K, *Forms], key K, comp func() templ.Component) templ.Component {
	if f, ok := store.Get(key); ok {
		return f.Component()
	}
	f := NewForms(comp)
	if kept, ok, _ := store.PeekOrAdd(key, f); ok {
		return kept.Component()
	}
	return f.Component()
}

// Forms is a rendering of comp kept the first time it is written, for a
// component whose only difference between viewers is the form token: comp
// is rendered once with a placeholder token, kept as the pieces between
// placeholders, and each view writes the pieces with its own token between
// them; a component without forms is kept whole, as one piece. It is safe
// for concurrent use: views that come while it is first written wait for
// it.
type Forms struct {
	mu     sync.Mutex
	comp   func() templ.Component // until written
	pieces atomic.Pointer[[][]byte]
}

// NewForms returns comp's rendering, written when first needed.
func NewForms(comp func() templ.Component) *Forms {
	return &Forms{comp: comp}
}

// Component writes the rendering with the viewer's form token.
func (f *Forms) Component() templ.Component {
	return templ.ComponentFunc(func(ctx context.Context, w io.Writer) error {
		pieces, err := f.written(ctx)
		if err != nil {
			return err
		}
		token := []byte(templ.EscapeString(P(ctx).CSRF))
		for i, piece := range pieces {
			if i > 0 {
				if _, err := w.Write(token); err != nil {
					return err
				}
			}
			if _, err := w.Write(piece); err != nil {
				return err
			}
		}
		return nil
	})
}

// written returns the pieces, rendering them the first time in the
// viewer's context with the placeholder token; a failed rendering is
// tried again by the next view.
func (f *Forms) written(ctx context.Context) ([][]byte, error) {
	if p := f.pieces.Load(); p != nil {
		return *p, nil
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	if p := f.pieces.Load(); p != nil {
		return *p, nil
	}
	page := *P(ctx)
	page.CSRF = tokenPlaceholder
	var buf bytes.Buffer
	if err := f.comp().Render(With(ctx, &page), &buf); err != nil {
		return nil, err
	}
	pieces := bytes.Split(buf.Bytes(), []byte(tokenPlaceholder))
	f.pieces.Store(&pieces)
	f.comp = nil // what it read is no longer needed
	return pieces, nil
}

// tokenPlaceholder stands for the form token in what KeptForms keeps:
// random for each run of the portal, so no text a page shows can hold it.
var tokenPlaceholder = func() string {
	b := make([]byte, 16)
	if _, err := rand.Read(b); err != nil {
		panic(err)
	}
	return "csrf-" + hex.EncodeToString(b)
}()
