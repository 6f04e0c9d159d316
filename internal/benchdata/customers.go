package benchdata

import (
	"time"

	"portal/internal/customers"
)

// customers writes the customers with their subscriptions, orders and
// invoices, customer by customer.
func (gn *gen) customers() error {
	n := gn.o.Customers
	perSub := float64(gn.o.Subscriptions) / float64(max(n, 1))
	segments := customers.Segments()
	written := 0
	for i := range n {
		name, domain := CompanyName(gn.r, i)
		id := gn.id('c')
		opened := gn.from.Add(time.Duration(gn.r.Int64N(int64(span) * 8 / 10)))
		tenant := gn.id('7') // drawn in the same order as before: the same data set
		country, segment := countries[gn.r.IntN(len(countries))], segments[gn.r.IntN(len(segments))]
		if err := gn.l.add(gn.tCust, id, gn.partner, name, customers.Fold(name), domain, tenant,
			country, segment, "Kim Akers", "kim@"+domain,
			"+1 425 555 0100", opened, customers.RelationshipActive, opened); err != nil {
			return err
		}
		gn.rep.Customers++
		terms := customers.SearchTerms(name, domain)
		for _, t := range terms {
			gn.terms = append(gn.terms, [3]string{gn.partner, t, id})
		}
		gn.addPrefixes(id, name, segment, country, terms)
		gn.custNames = append(gn.custNames, custRef{id, name})
		// Subscriptions: the first customer is the big one; the others hold
		// between 1 and twice the mean of what is left to write, so the
		// total stays on its way to the target and the last customer takes
		// a remainder of the same size, not the sum of every draw's drift.
		if i > 0 {
			perSub = float64(gn.o.Subscriptions-written) / float64(n-i)
		}
		count := 1 + gn.r.IntN(max(int(2*perSub)-1, 1))
		if i == 0 {
			count = BigCustomers
		}
		if left := gn.o.Subscriptions - written; i == n-1 || count > left {
			count = max(left, 0)
		}
		if err := gn.subscriptionsOf(id, name, opened, count); err != nil {
			return err
		}
		written += count
		if n >= 10 && (i+1)%(n/10) == 0 {
			gn.progress("customers %d/%d, subscriptions %d, invoices %d", i+1, n, gn.rep.Subscriptions, gn.rep.Invoices)
		}
	}
	return gn.l.flush()
}
