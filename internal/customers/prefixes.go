package customers

// PrefixLen is the longest prefix stored in search_prefixes. A query word
// up to this long is found by one key lookup; a longer word is read
// through its first PrefixLen letters and checked against the full terms.
// Ten letters keep about 24 rows per customer (all prefixes would take 42)
// while nearly every word of a company name fits.
const PrefixLen = 10

// Prefixes returns the distinct prefixes, 1 to PrefixLen letters, of the
// terms: the rows of search_prefixes for one customer.
func Prefixes(terms []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, t := range terms {
		rs := []rune(t)
		for k := 1; k <= len(rs) && k <= PrefixLen; k++ {
			if p := string(rs[:k]); !seen[p] {
				seen[p] = true
				out = append(out, p)
			}
		}
	}
	return out
}

// prefixOf returns the stored prefix a query word is looked up by, and
// whether it is the whole word (else the word's terms are checked too).
func prefixOf(w string) (string, bool) {
	rs := []rune(w)
	if len(rs) <= PrefixLen {
		return w, true
	}
	return string(rs[:PrefixLen]), false
}

// prefixRows returns the search_prefixes rows of a customer.
func prefixRows(c Customer) []SearchPrefix {
	ps := Prefixes(SearchTerms(c.Name, c.Domain))
	return keyRows(c, ps, SignatureOf(ps))
}

// keyRows returns a customer's search_prefixes rows of keys (prefixes or
// pair keys), each with the customer's signature.
func keyRows(c Customer, keys []string, sig Signature) []SearchPrefix {
	rows := make([]SearchPrefix, 0, len(keys))
	for _, k := range keys {
		rows = append(rows, SearchPrefix{PartnerID: c.PartnerID, Prefix: k, NameKey: c.NameKey, CustomerID: c.ID,
			Segment: c.Segment, Country: c.Country, SigA: sig.A, SigB: sig.B})
	}
	return rows
}
