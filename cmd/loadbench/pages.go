package main

import (
	"fmt"
	"html"
	"net/http"
	"net/url"
	"regexp"

	"gorm.io/gorm"

	"portal/internal/benchdata"
	"portal/internal/demo"
)

// page is one page under load.
type page struct {
	name, path string
}

var nextLink = regexp.MustCompile(`rel="next" href="([^"]+)"`)

// deep follows a list's Next links n times from path and returns the last
// page's path: a keyset cursor far down the list.
func deep(s *session, base, path string, n int) (string, error) {
	for range n {
		body, err := get(s.client, base+path)
		if err != nil {
			return "", err
		}
		m := nextLink.FindStringSubmatch(body)
		if m == nil {
			return path, nil
		}
		path = html.UnescapeString(m[1])
	}
	return path, nil
}

// redirectTarget returns where path's 303 answer leads (the session's
// client does not follow redirects).
func redirectTarget(s *session, base, path string) (string, error) {
	res, err := s.client.Get(base + path)
	if err != nil {
		return "", err
	}
	res.Body.Close()
	if res.StatusCode != http.StatusSeeOther {
		return "", fmt.Errorf("GET %s: %d, want 303", path, res.StatusCode)
	}
	return res.Header.Get("Location"), nil
}

// pagesToMeasure lists the pages of the PERF-2 table, the catalog and a
// subscription's page, with IDs read from the data set.
func pagesToMeasure(gdb *gorm.DB, s *session, base string) ([]page, error) {
	var big struct{ CustomerID string }
	if err := gdb.Raw(`SELECT customer_id FROM subscriptions WHERE partner_id = ? GROUP BY customer_id ORDER BY COUNT(*) DESC LIMIT 1`, demo.ContosoID).Scan(&big).Error; err != nil {
		return nil, err
	}
	var sub struct{ ID string }
	if err := gdb.Raw(`SELECT id FROM subscriptions WHERE partner_id = ? AND customer_id = ? AND status = 'active' LIMIT 1`, demo.ContosoID, big.CustomerID).Scan(&sub).Error; err != nil {
		return nil, err
	}
	if big.CustomerID == "" || sub.ID == "" {
		return nil, fmt.Errorf("the data set has no subscriptions: run make bench-data")
	}
	user := demo.ID("user:sales@contoso.example")
	q := url.QueryEscape
	pages := []page{
		{"dashboard", "/"},
		{"invoices", "/billing/invoices"},
		{"customers, first page", "/customers"},
		{"search, one common word", "/customers?q=" + q(benchdata.CommonWord)},
		{"search, two common words", "/customers?q=" + q(benchdata.CommonWord+" "+benchdata.CommonWord2)},
		{"search, rare word", "/customers?q=" + q(benchdata.RareWord)},
		{"customers, segment + country", "/customers?segment=education&country=DE"},
		{"activity, default", "/activity"},
		{"activity, type", "/activity?type=subscription.quantity_changed"},
		{"activity, user", "/activity?user=" + q(user)},
		{"big customer's subscriptions", "/customers/" + big.CustomerID + "/subscriptions"},
		{"subscription detail", "/subscriptions/" + sub.ID},
		{"catalog", "/customers/" + big.CustomerID + "/catalog"},
	}
	deepCust, err := deep(s, base, "/customers", 40)
	if err != nil {
		return nil, err
	}
	deepAct, err := deep(s, base, "/activity", 40)
	if err != nil {
		return nil, err
	}
	// ?page=N answers 303 with the keyset URL of that page (PERF-6): the
	// page measured is where it leads.
	paged, err := redirectTarget(s, base, "/customers?page=2000")
	if err != nil {
		return nil, err
	}
	pages = append(pages, page{"customers, ?page=2000's keyset page", paged},
		page{"customers, deep cursor", deepCust}, page{"activity, deep cursor", deepAct})
	return pages, nil
}
