package i18n

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"portal/internal/platform/money"
)

// I18N-1: every key exists in both languages.
func TestCatalogsHaveTheSameKeys_I18N1(t *testing.T) {
	b := MustLoad()
	en, fr := map[string]bool{}, map[string]bool{}
	for _, k := range b.Keys("en") {
		en[k] = true
	}
	for _, k := range b.Keys("fr") {
		fr[k] = true
	}
	for k := range en {
		if !fr[k] {
			t.Errorf("key %q is in English but not in French", k)
		}
	}
	for k := range fr {
		if !en[k] {
			t.Errorf("key %q is in French but not in English", k)
		}
	}
}

// keyPattern matches message keys written as string literals in code: two or
// more dotted lower-case words, the first a known catalog prefix.
var keyPattern = regexp.MustCompile(`^[a-z][a-z0-9_]*(\.[a-z0-9_]+)+$`)

// I18N-1: every key that code or templates name exists in the catalogs.
// Literals that look like keys ("customers.title") in .go and .templ files
// are checked against the catalog's prefixes.
func TestEveryKeyUsedExists_I18N1(t *testing.T) {
	b := MustLoad()
	prefixes := map[string]bool{}
	for _, k := range b.Keys("en") {
		prefixes[strings.SplitN(k, ".", 2)[0]] = true
	}
	// Message keys are named by the web layer and the views; feature packages
	// name activity actions and other identifiers that only look like keys.
	var missing []string
	walk := func(root string) error {
		return filepath.Walk(root, func(path string, info os.FileInfo, err error) error {
			if err != nil {
				return err
			}
			if info.IsDir() {
				switch info.Name() {
				case ".git", "node_modules", "static", "data", "artifacts":
					return filepath.SkipDir
				}
				return nil
			}
			if !strings.HasSuffix(path, ".go") && !strings.HasSuffix(path, ".templ") || strings.HasSuffix(path, "_templ.go") || strings.HasSuffix(path, "_test.go") {
				return nil
			}
			for _, lit := range stringLiterals(t, path) {
				if !keyPattern.MatchString(lit) || !prefixes[strings.SplitN(lit, ".", 2)[0]] {
					continue
				}
				if strings.HasSuffix(lit, ".") || strings.Contains(lit, ".go") || strings.Contains(lit, ".json") {
					continue
				}
				if !b.Has("en", lit) {
					missing = append(missing, path+": "+lit)
				}
			}
			return nil
		})
	}
	for _, dir := range []string{"web", "views"} {
		if err := walk(filepath.Join("..", "..", "..", dir)); err != nil {
			t.Fatal(err)
		}
	}
	for _, m := range missing {
		t.Errorf("message key not in the catalogs: %s", m)
	}
}

// stringLiterals returns the string literals of a Go file, or of the Go
// expressions and attribute values of a templ file.
func stringLiterals(t *testing.T, path string) []string {
	src, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if strings.HasSuffix(path, ".go") {
		f, err := parser.ParseFile(token.NewFileSet(), path, src, 0)
		if err != nil {
			t.Fatalf("parse %s: %v", path, err)
		}
		var out []string
		ast.Inspect(f, func(n ast.Node) bool {
			if bl, ok := n.(*ast.BasicLit); ok && bl.Kind == token.STRING {
				if s, err := strconv.Unquote(bl.Value); err == nil {
					out = append(out, s)
				}
			}
			return true
		})
		return out
	}
	var out []string
	for _, m := range regexp.MustCompile(`"([a-z][a-z0-9_.]*)"`).FindAllStringSubmatch(string(src), -1) {
		out = append(out, m[1])
	}
	return out
}

// I18N-1: money, numbers and dates are formatted for the language.
func TestFormats_I18N1(t *testing.T) {
	b := MustLoad()
	en, fr := b.For("en"), b.For("fr")
	if got := en.Money(money.Cents(123456789)); got != "$1,234,567.89" {
		t.Errorf("en money %q", got)
	}
	if got := fr.Money(money.Cents(123456789)); got != "1\u202f234\u202f567,89\u00a0$US" {
		t.Errorf("fr money %q", got)
	}
	if got := en.Money(-5); got != "-$0.05" {
		t.Errorf("en negative %q", got)
	}
	d := mustTime("2026-02-03T14:05:00Z")
	if got := en.Date(d); got != "Feb 3, 2026" {
		t.Errorf("en date %q", got)
	}
	if got := fr.DateTime(d); got != "3 févr. 2026 à 14:05 UTC" {
		t.Errorf("fr datetime %q", got)
	}
}

// I18N-1: a number in a message, such as the bounds of a quantity, is
// grouped for the language; other integers are written as they are.
func TestNumbersInMessages_I18N1(t *testing.T) {
	b := MustLoad()
	args := []any{Num(1), Num(10000)}
	if got := b.For("en").T("sub.quantity_range", args...); got != "Enter a number of licenses between 1 and 10,000." {
		t.Errorf("en: %q", got)
	}
	if got := b.For("fr").T("sub.quantity_range", args...); got != "Saisissez un nombre de licences entre 1 et 10\u202f000." {
		t.Errorf("fr: %q", got)
	}
	if got := b.For("en").T("sub.quantity_range", 1, 10000); got != "Enter a number of licenses between 1 and 10000." {
		t.Errorf("plain integers: %q", got)
	}
	if args[1] != Num(10000) {
		t.Errorf("the caller's arguments changed: %v", args)
	}
}

// I18N-1: the saved choice wins, else Accept-Language, else English.
func TestNegotiate_I18N1(t *testing.T) {
	cases := []struct{ saved, header, want string }{
		{"", "fr-FR,fr;q=0.9,en;q=0.8", "fr"},
		{"", "en-US,en;q=0.9", "en"},
		{"", "de-DE,de;q=0.9", "en"},
		{"", "de;q=1, fr;q=0.5", "fr"},
		{"en", "fr-FR", "en"},
		{"fr", "", "fr"},
		{"", "", "en"},
		{"", "fr;q=0", "en"},
	}
	for _, c := range cases {
		if got := Negotiate(c.saved, c.header); got != c.want {
			t.Errorf("Negotiate(%q,%q)=%q want %q", c.saved, c.header, got, c.want)
		}
	}
}
