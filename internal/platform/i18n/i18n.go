// Package i18n holds the message catalogs (English and French) and formats
// dates, numbers and money for a language (I18N-1).
//
// Catalogs are JSON files under locales/<lang>/, one file per feature, so
// features add their strings without touching each other's files.
package i18n

import (
	"embed"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"path"
	"sort"
	"strings"
)

//go:embed locales
var localesFS embed.FS

// Languages returns the languages the portal speaks; the first is the default.
func Languages() []string { return []string{"en", "fr"} }

// Bundle is every catalog, loaded once at start.
type Bundle struct {
	messages map[string]map[string]string // lang → key → text
}

// Load reads the embedded catalogs.
func Load() (*Bundle, error) {
	b := &Bundle{messages: map[string]map[string]string{}}
	for _, lang := range Languages() {
		b.messages[lang] = map[string]string{}
		dir := path.Join("locales", lang)
		entries, err := fs.ReadDir(localesFS, dir)
		if err != nil {
			return nil, fmt.Errorf("i18n: read %s: %w", dir, err)
		}
		for _, e := range entries {
			if !strings.HasSuffix(e.Name(), ".json") {
				continue
			}
			raw, err := localesFS.ReadFile(path.Join(dir, e.Name()))
			if err != nil {
				return nil, fmt.Errorf("i18n: read %s: %w", e.Name(), err)
			}
			var m map[string]string
			if err := json.Unmarshal(raw, &m); err != nil {
				return nil, fmt.Errorf("i18n: parse %s/%s: %w", lang, e.Name(), err)
			}
			for k, v := range m {
				if _, dup := b.messages[lang][k]; dup {
					return nil, fmt.Errorf("i18n: key %q defined twice in %s", k, lang)
				}
				b.messages[lang][k] = v
			}
		}
	}
	return b, nil
}

// MustLoad is Load for program start and tests; it panics on a broken catalog.
func MustLoad() *Bundle {
	b, err := Load()
	if err != nil {
		panic(err)
	}
	return b
}

// Keys returns the sorted keys of a language's catalog.
func (b *Bundle) Keys(lang string) []string {
	keys := make([]string, 0, len(b.messages[lang]))
	for k := range b.messages[lang] {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// Has reports whether lang's catalog has key.
func (b *Bundle) Has(lang, key string) bool {
	_, ok := b.messages[lang][key]
	return ok
}

// Supported returns lang when the portal speaks it, else "".
func Supported(lang string) string {
	lang = strings.ToLower(strings.TrimSpace(lang))
	if i := strings.IndexAny(lang, "-_"); i > 0 {
		lang = lang[:i]
	}
	for _, l := range Languages() {
		if l == lang {
			return l
		}
	}
	return ""
}

// Negotiate picks the language: the user's saved choice, else the best match
// of an Accept-Language header, else English.
func Negotiate(saved, acceptLanguage string) string {
	if l := Supported(saved); l != "" {
		return l
	}
	best, bestQ := "", -1.0
	for _, part := range strings.Split(acceptLanguage, ",") {
		fields := strings.Split(strings.TrimSpace(part), ";")
		l := Supported(fields[0])
		if l == "" {
			continue
		}
		q := 1.0
		for _, f := range fields[1:] {
			f = strings.TrimSpace(f)
			if strings.HasPrefix(f, "q=") {
				if _, err := fmt.Sscanf(f[2:], "%g", &q); err != nil {
					q = 0
				}
			}
		}
		if q > bestQ {
			best, bestQ = l, q
		}
	}
	if best == "" || bestQ <= 0 {
		return Languages()[0]
	}
	return best
}

// Localizer speaks one language.
type Localizer struct {
	Lang     string
	messages map[string]string
}

// For returns the localizer of lang (English when lang is not spoken).
func (b *Bundle) For(lang string) *Localizer {
	if Supported(lang) == "" {
		lang = Languages()[0]
	}
	return &Localizer{Lang: lang, messages: b.messages[lang]}
}

// T returns the text of key, with args substituted by fmt.Sprintf when
// given. A missing key shows itself, and the catalog test fails on it.
func (l *Localizer) T(key string, args ...any) string {
	msg, ok := l.messages[key]
	if !ok {
		msg = key
	}
	if len(args) > 0 {
		copied := false
		for i, a := range args {
			if n, ok := a.(Num); ok {
				if !copied {
					args, copied = append([]any(nil), args...), true // the caller's slice stays as it was
				}
				args[i] = grouped(l.Number(int64(n)))
			}
		}
		return fmt.Sprintf(msg, args...)
	}
	return msg
}

// Num is a message argument that T writes with the language's digit
// grouping ("10,000", "10 000"), under %d like any integer.
type Num int64

// grouped is a number already written for the language: it prints as is
// under any verb.
type grouped string

func (g grouped) Format(f fmt.State, _ rune) { _, _ = io.WriteString(f, string(g)) }
