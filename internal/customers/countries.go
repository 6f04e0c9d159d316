package customers

import (
	_ "embed"
	"slices"
	"strings"

	"golang.org/x/text/collate"
	"golang.org/x/text/language"
	"golang.org/x/text/language/display"
)

//go:embed iso3166.txt
var iso3166 string

// CountryCodes returns the officially assigned ISO 3166-1 alpha-2 codes
// (CUST-2), in alphabetical order.
func CountryCodes() []string {
	var out []string
	for _, line := range strings.Split(iso3166, "\n") {
		if strings.HasPrefix(line, "#") {
			continue
		}
		out = append(out, strings.Fields(line)...)
	}
	return out
}

// ValidCountry reports whether code is an assigned ISO 3166-1 alpha-2 code,
// in upper case.
func ValidCountry(code string) bool {
	if len(code) != 2 || strings.ToUpper(code) != code {
		return false
	}
	_, found := slices.BinarySearch(CountryCodes(), code)
	return found
}

// Country is a country code with its name in one language.
type Country struct {
	Code string
	Name string
}

// CountryName returns the name of a country in lang ("en", "fr"); the code
// itself when the name is unknown.
func CountryName(lang, code string) string {
	r, err := language.ParseRegion(code)
	if err != nil {
		return code
	}
	if n := display.Regions(language.Make(lang)).Name(r); n != "" {
		return n
	}
	return code
}

// CountriesByName returns every assigned country with its name in lang,
// sorted as that language sorts names.
func CountriesByName(lang string) []Country {
	codes := CountryCodes()
	namer := display.Regions(language.Make(lang))
	out := make([]Country, 0, len(codes))
	for _, c := range codes {
		name := c
		if r, err := language.ParseRegion(c); err == nil {
			if n := namer.Name(r); n != "" {
				name = n
			}
		}
		out = append(out, Country{Code: c, Name: name})
	}
	col := collate.New(language.Make(lang), collate.Loose)
	slices.SortStableFunc(out, func(a, b Country) int { return col.CompareString(a.Name, b.Name) })
	return out
}
