package main

import (
	"fmt"
	"html"
	"net/http"
	"net/url"
	"regexp"
	"time"

	"gorm.io/gorm"

	"portal/internal/activity"
	"portal/internal/benchdata"
	"portal/internal/demo"
)

// page is one page under load. A page with more paths is requested at
// path and each of them in turn.
type page struct {
	name, path string
	more       []string
}

// paths returns every path of p, path first.
func (p page) paths() []string {
	return append([]string{p.path}, p.more...)
}

// logPagesInTurn is how many pages of the activity log "activity, pages in
// turn" reads, one after another: ten times as many entries as the portal
// keeps described (10,000), so that every view of a page finds its entries
// undescribed, as a page seldom read does.
const logPagesInTurn = 2000

// activityPageSize is the log page's length (web).
const activityPageSize = 50

// logPagesSkipped is how many of the log's first pages "activity, pages in
// turn" leaves out: the deep cursor's walk (40 pages) has shown them.
const logPagesSkipped = 100

// logPages returns the paths of up to n consecutive pages of the partner's
// activity log after its first logPagesSkipped, by cursor, read from the
// data set.
func logPages(gdb *gorm.DB, n int) ([]string, error) {
	var keys []struct {
		At time.Time
		ID string
	}
	if err := gdb.Raw(`SELECT at, id FROM activity_entries WHERE partner_id = ? ORDER BY at DESC, id DESC LIMIT ?`,
		demo.ContosoID, (logPagesSkipped+n)*activityPageSize).Scan(&keys).Error; err != nil {
		return nil, err
	}
	if len(keys) == 0 {
		return nil, fmt.Errorf("the data set has no activity entries: run make bench-data")
	}
	// From the day of the oldest entry read: the log shows its last 30
	// days unless asked, and a smaller data set spreads fewer entries over
	// the same two years.
	from := keys[len(keys)-1].At.UTC().Format(time.DateOnly)
	var paths []string
	for i := logPagesSkipped*activityPageSize - 1; i < len(keys); i += activityPageSize {
		paths = append(paths, "/activity?from="+from+"&cursor="+activity.Cursor{At: keys[i].At, ID: keys[i].ID}.String())
	}
	if len(paths) == 0 {
		return nil, fmt.Errorf("the data set has fewer than %d activity entries: run make bench-data", activityPageSize)
	}
	return paths, nil
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
		{name: "dashboard", path: "/"},
		{name: "invoices", path: "/billing/invoices"},
		{name: "customers, first page", path: "/customers"},
		{name: "search, one common word", path: "/customers?q=" + q(benchdata.CommonWord)},
		{name: "search, two common words", path: "/customers?q=" + q(benchdata.CommonWord+" "+benchdata.CommonWord2)},
		{name: "search, rare word", path: "/customers?q=" + q(benchdata.RareWord)},
		{name: "customers, segment + country", path: "/customers?segment=education&country=DE"},
		{name: "activity, default", path: "/activity"},
		{name: "activity, type", path: "/activity?type=subscription.quantity_changed"},
		{name: "activity, user", path: "/activity?user=" + q(user)},
		{name: "big customer's subscriptions", path: "/customers/" + big.CustomerID + "/subscriptions"},
		{name: "subscription detail", path: "/subscriptions/" + sub.ID},
		{name: "catalog", path: "/customers/" + big.CustomerID + "/catalog"},
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
	inTurn, err := logPages(gdb, logPagesInTurn)
	if err != nil {
		return nil, err
	}
	pages = append(pages, page{name: "customers, ?page=2000's keyset page", path: paged},
		page{name: "customers, deep cursor", path: deepCust}, page{name: "activity, deep cursor", path: deepAct},
		page{name: "activity, pages in turn", path: inTurn[0], more: inTurn[1:]})
	return pages, nil
}
