package benchdata

import (
	"cmp"
	"slices"
	"strings"

	"portal/internal/customers"
)

// prefixRow is one row of search_prefixes: a prefix and the index of its
// customer in gen.prefixCust, small so 2.8 million of them (pair keys
// included) stay cheap.
type prefixRow struct {
	prefix string
	cust   int32
}

// prefixCust is what a customer's prefix rows repeat, its word signature
// included.
type prefixCust struct {
	id, nameKey, segment, country string
	sig                           customers.Signature
}

// addPrefixes keeps a customer's prefix rows and pair rows (CUST-1,
// PERF-2) for searchPrefixes.
func (gn *gen) addPrefixes(id, name, segment, country string, terms []string) {
	c := int32(len(gn.prefixCust))
	ps := customers.Prefixes(terms)
	gn.prefixCust = append(gn.prefixCust, prefixCust{id, customers.Fold(name), segment, country, customers.SignatureOf(ps)})
	for _, p := range ps {
		gn.prefixes = append(gn.prefixes, prefixRow{p, c})
	}
	for _, k := range customers.PairKeys(terms) {
		gn.prefixes = append(gn.prefixes, prefixRow{k, c})
	}
}

// searchPrefixes writes the customers' prefix rows in key order (partner,
// prefix, name, customer), so the table grows at its end.
func (gn *gen) searchPrefixes() error {
	t := gn.l.table("search_prefixes", "partner_id", "prefix", "name_key", "customer_id", "segment", "country", "sig_a", "sig_b")
	cs := gn.prefixCust
	slices.SortFunc(gn.prefixes, func(a, b prefixRow) int {
		ca, cb := cs[a.cust], cs[b.cust]
		return cmp.Or(strings.Compare(a.prefix, b.prefix), strings.Compare(ca.nameKey, cb.nameKey), strings.Compare(ca.id, cb.id))
	})
	for _, p := range gn.prefixes {
		c := cs[p.cust]
		if err := gn.l.add(t, gn.partner, p.prefix, c.nameKey, c.id, c.segment, c.country, c.sig.A, c.sig.B); err != nil {
			return err
		}
	}
	gn.progress("search prefixes %d", len(gn.prefixes))
	gn.prefixes, gn.prefixCust = nil, nil
	return gn.l.flush()
}
