package customers

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

// Fold returns s lower-cased and without accents ("Bäckerei" → "backerei"):
// the list sorts names by it, so accented names sort with their letter, and
// search terms and query words are folded alike, so "universite" finds
// "Université".
func Fold(s string) string {
	if isASCII(s) {
		return strings.ToLower(s) // nothing to decompose: the common case, fast
	}
	t := transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC)
	out, _, err := transform.String(t, s)
	if err != nil {
		out = s
	}
	return strings.ToLower(out)
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}
