package benchdata

import (
	"fmt"
	"math/rand/v2"
	"strings"
)

// Words the generated names are known to hold, for searches that measure
// a common and a rare word: "services" is in about 12% of names,
// "solutions" in about 9%, both together in a few dozen; "quokka" is in a
// handful.
const (
	CommonWord  = "services"
	CommonWord2 = "solutions"
	RareWord    = "quokka"
)

// weighted is a word and how many names in a thousand hold it.
type weighted struct {
	word string
	per  int
}

var (
	industries = []weighted{
		{"Services", 120}, {"Solutions", 90}, {"Group", 70}, {"Consulting", 50}, {"Systems", 45},
		{"Technologies", 40}, {"Partners", 30}, {"Health", 25}, {"Logistics", 20}, {"Media", 20},
		{"Energy", 15}, {"Design", 15}, {"Foods", 15}, {"Capital", 12}, {"Holdings", 12},
		{"Construction", 10}, {"Software", 10}, {"Travel", 8}, {"Insurance", 8}, {"Motors", 6},
		{"Bakery", 4}, {"Pharma", 4}, {"Studio", 4}, {"Labs", 4}, {"Winery", 2},
	}
	legals = []weighted{
		{"Inc.", 180}, {"LLC", 140}, {"Ltd", 100}, {"GmbH", 60}, {"S.A.", 40}, {"SARL", 25},
		{"B.V.", 20}, {"Pty Ltd", 15}, {"AG", 15}, {"Co.", 10},
	}
	prefixes = []weighted{
		{"North", 15}, {"Global", 15}, {"First", 10}, {"Blue", 8}, {"Green", 8}, {"Alpine", 5},
		{"City of", 5}, {"University of", 4}, {"Université de", 2}, {"Saint", 3},
	}
	syllables = strings.Fields("ka lo ven tri sa mor el da ni qua ris to bel fen gar hal jor lum nex or pal rin sol tav ur vel wen xan yor zel")
	tlds      = []string{"com", "com", "com", "net", "org", "de", "fr", "co.uk", "io", "edu"}
	// Countries the generated customers are billed in, weighted by
	// repetition.
	countries = []string{"US", "US", "US", "GB", "DE", "FR", "CA", "AU", "NL", "CH", "ES", "IT", "JP", "BR"}
)

// pick returns a word of ws drawn by its weight, or "" for the rest of the
// thousand.
func pick(r *rand.Rand, ws []weighted) string {
	n := r.IntN(1000)
	for _, w := range ws {
		if n < w.per {
			return w.word
		}
		n -= w.per
	}
	return ""
}

// CompanyName returns the i-th realistic company name and a domain unique
// to i: a made-up core word or two (thousands of rare words), often an
// industry word, often a legal form, sometimes a place-like prefix, rarely
// a second industry word.
func CompanyName(r *rand.Rand, i int) (name, domain string) {
	core := func() string {
		var b strings.Builder
		for range 2 + r.IntN(2) {
			b.WriteString(syllables[r.IntN(len(syllables))])
		}
		s := b.String()
		return strings.ToUpper(s[:1]) + s[1:]
	}
	parts := []string{}
	if p := pick(r, prefixes); p != "" {
		parts = append(parts, p)
	}
	c := core()
	if i%20_000 == 7 {
		c = "Quokka" // a handful of names hold a rare known word
	}
	parts = append(parts, c)
	if r.IntN(5) == 0 {
		parts = append(parts, core())
	}
	ind := pick(r, industries)
	if ind != "" {
		parts = append(parts, ind)
		if r.IntN(50) == 0 { // "Services & Solutions"
			if ind2 := pick(r, industries); ind2 != "" && ind2 != ind {
				parts = append(parts, "&", ind2)
			}
		}
	}
	if l := pick(r, legals); l != "" {
		parts = append(parts, l)
	}
	name = strings.Join(parts, " ")
	domain = fmt.Sprintf("%s%s%d.%s", strings.ToLower(c), strings.ToLower(ind), i, tlds[r.IntN(len(tlds))])
	return name, domain
}
