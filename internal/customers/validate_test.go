package customers_test

import (
	"strings"
	"testing"

	"portal/internal/customers"
)

// CUST-2: a primary domain is a host name with a dot.
func TestValidDomain_CUST2(t *testing.T) {
	cases := map[string]bool{
		"contoso.com": true, "a.b": true, "xn--bcher-kva.example": true, "sub.contoso.co.uk": true,
		"my-company.fr": true, "contoso": false, "": false, ".com": false, "contoso.": false,
		"-contoso.com": false, "contoso-.com": false, "cont oso.com": false, "contoso..com": false,
		"contoso.123": false, "http://contoso.com": false, "contoso.com/x": false, "CONTOSO.COM": false,
		"bücher.de": false, "a_b.com": false, "<script>.com": false,
		strings.Repeat("a", 63) + ".com": true, strings.Repeat("a", 64) + ".com": false,
		strings.Repeat("abcdefghi.", 26) + "com": false, // 263 characters
	}
	for d, want := range cases {
		if got := customers.ValidDomain(d); got != want {
			t.Errorf("ValidDomain(%q) = %v, want %v", d, got, want)
		}
	}
	if got := customers.NormalizeDomain("  Contoso.COM. "); got != "contoso.com" {
		t.Errorf("NormalizeDomain: %q", got)
	}
}

// CUST-2: countries are the 249 ISO 3166-1 alpha-2 codes, named in the
// page's language.
func TestCountries_CUST2(t *testing.T) {
	codes := customers.CountryCodes()
	if len(codes) != 249 {
		t.Fatalf("%d country codes, want 249", len(codes))
	}
	for _, c := range codes {
		if customers.CountryName("en", c) == c {
			t.Errorf("no English name for %s", c)
		}
	}
	for code, want := range map[string]bool{"US": true, "FR": true, "GA": true, "us": false, "UK": false, "EU": false, "XK": false, "": false, "USA": false} {
		if got := customers.ValidCountry(code); got != want {
			t.Errorf("ValidCountry(%q) = %v", code, got)
		}
	}
	if got := customers.CountryName("fr", "DE"); got != "Allemagne" {
		t.Errorf("fr DE = %q", got)
	}
	fr := customers.CountriesByName("fr")
	if fr[0].Code != "AF" || fr[1].Name != "Afrique du Sud" {
		t.Errorf("French order starts %v %v", fr[0], fr[1])
	}
	// Accented names sort with their letter, not after Z.
	idx := map[string]int{}
	for i, c := range fr {
		idx[c.Code] = i
	}
	if !(idx["EG"] < idx["ES"]) || idx["EG"] > 80 { // Égypte among the E's
		t.Errorf("Égypte at %d, Espagne at %d", idx["EG"], idx["ES"])
	}
}

// CUST-2: a billing contact's phone.
func TestValidPhone_CUST2(t *testing.T) {
	for p, want := range map[string]bool{"+1 425 555 0100": true, "(01) 23-45.67.89": true, "12345": false, "call me": false, "+1 425 555 0100 ext 2": false} {
		if got := customers.ValidPhone(p); got != want {
			t.Errorf("ValidPhone(%q) = %v", p, got)
		}
	}
}

// CUST-1: names sort and search without regard to case or accents.
func TestFold_CUST1(t *testing.T) {
	for in, want := range map[string]string{"Bäckerei Hoffmann": "backerei hoffmann", "Université": "universite", "ÉLAN": "elan", "Café Paulista": "cafe paulista", "Straße": "straße"} {
		if got := customers.Fold(in); got != want {
			t.Errorf("Fold(%q) = %q, want %q", in, got, want)
		}
	}
}
