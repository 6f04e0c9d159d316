package ui

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"io"
	"sync"

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
// difference between viewers is the form token (its forms' CSRF field):
// comp is rendered once with a placeholder token, kept as the pieces
// between placeholders, and each view writes the pieces with its own token
// between them; a component without forms is kept whole, as one piece.
// store bounds how many keys are kept: it is for renderings keyed by the
// database's state (db.Stamp), which no read they belong to drops.
func KeptForms[K comparable](store *lru.Cache[K, [][]byte], key K, comp func() templ.Component) templ.Component {
	return templ.ComponentFunc(func(ctx context.Context, w io.Writer) error {
		v, ok := store.Get(key)
		if !ok {
			p := *P(ctx)
			p.CSRF = tokenPlaceholder
			var buf bytes.Buffer
			if err := comp().Render(With(ctx, &p), &buf); err != nil {
				return err
			}
			v = bytes.Split(buf.Bytes(), []byte(tokenPlaceholder))
			store.Add(key, v)
		}
		token := []byte(templ.EscapeString(P(ctx).CSRF))
		for i, piece := range v {
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

// tokenPlaceholder stands for the form token in what KeptForms keeps:
// random for each run of the portal, so no text a page shows can hold it.
var tokenPlaceholder = func() string {
	b := make([]byte, 16)
	if _, err := rand.Read(b); err != nil {
		panic(err)
	}
	return "csrf-" + hex.EncodeToString(b)
}()
