package benchdata

import (
	"cmp"
	"slices"
	"strings"

	"portal/internal/customers"
)

// prefixRow is one row of search_prefixes: a prefix and the index of its
// customer in gen.prefixCust, small so 2.4 million of them stay cheap.
type prefixRow struct {
	prefix string
	cust   int32
}

// prefixCust is what a customer's prefix rows repeat.
type prefixCust struct{ id, nameKey, segment, country string }

// addPrefixes keeps a customer's prefix rows (CUST-1, PERF-2) for
// searchPrefixes.
func (gn *gen) addPrefixes(id, name, segment, country string, terms []string) {
	c := int32(len(gn.prefixCust))
	gn.prefixCust = append(gn.prefixCust, prefixCust{id, customers.Fold(name), segment, country})
	for _, p := range customers.Prefixes(terms) {
		gn.prefixes = append(gn.prefixes, prefixRow{p, c})
	}
}

// searchPrefixes writes the customers' prefix rows in key order (partner,
// prefix, name, customer), so the table grows at its end.
func (gn *gen) searchPrefixes() error {
	t := gn.l.table("search_prefixes", "partner_id", "prefix", "name_key", "customer_id", "segment", "country")
	cs := gn.prefixCust
	slices.SortFunc(gn.prefixes, func(a, b prefixRow) int {
		ca, cb := cs[a.cust], cs[b.cust]
		return cmp.Or(strings.Compare(a.prefix, b.prefix), strings.Compare(ca.nameKey, cb.nameKey), strings.Compare(ca.id, cb.id))
	})
	for _, p := range gn.prefixes {
		c := cs[p.cust]
		if err := gn.l.add(t, gn.partner, p.prefix, c.nameKey, c.id, c.segment, c.country); err != nil {
			return err
		}
	}
	gn.progress("search prefixes %d", len(gn.prefixes))
	gn.prefixes, gn.prefixCust = nil, nil
	return gn.l.flush()
}
