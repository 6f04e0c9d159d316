package orders

import "strings"

// ShortID is an order's number as headings show it: the first group of its
// ID, upper-cased ("Order 1C800FAD"); the page shows the whole ID beside it.
func ShortID(id string) string {
	head, _, _ := strings.Cut(id, "-")
	return strings.ToUpper(head)
}
