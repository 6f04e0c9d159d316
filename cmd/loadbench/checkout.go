package main

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"sync"
	"time"

	"gorm.io/gorm"

	"portal/internal/benchdata"
	"portal/internal/demo"
	"portal/internal/platform/clock"
)

// checkoutResult is what the checkout run measured.
type checkoutResult struct {
	clients, placed, errors int
	inDB                    int
	took                    time.Duration
	cpu                     time.Duration // the server's CPU time over the checkouts
	loadBefore, loadAfter   string
}

var checkoutKey = regexp.MustCompile(`name="checkout_key" value="([^"]+)"`)

// checkouts places c.checkouts orders with 32 signed-in clients, each on its
// own customers (add a line, read the cart, buy), then counts the orders
// the database holds for those customers: every acknowledged order must be
// there (PERF-7).
func checkouts(c config, gdb *gorm.DB, base string, cpu func() time.Duration) (checkoutResult, error) {
	r := checkoutResult{clients: c.users, loadBefore: loadAvg()}
	offer, err := benchdata.RebuyableOffer(context.Background(), gdb)
	if err != nil {
		return r, err
	}
	var custIDs []string
	if err := gdb.Raw(`SELECT id FROM customers WHERE partner_id = ? AND country = 'US' ORDER BY id LIMIT ?`, demo.ContosoID, c.checkouts).Scan(&custIDs).Error; err != nil {
		return r, err
	}
	var before int64
	if err := gdb.Raw(`SELECT COUNT(*) FROM orders WHERE partner_id = ?`, demo.ContosoID).Scan(&before).Error; err != nil {
		return r, err
	}
	// One sign-in serves every client (32 sign-ins at once from one address
	// would meet the sign-in limit, AUTH-10); each client has its own
	// connection and the same session cookie.
	signedIn, err := signIn(base, "globaladmin@contoso.example")
	if err != nil {
		return r, err
	}
	sessions := make([]*session, c.users)
	for i := range sessions {
		cl := *signedIn.client
		cl.Transport = &http.Transport{MaxIdleConnsPerHost: 1}
		sessions[i] = &session{client: &cl, cookie: signedIn.cookie, csrf: signedIn.csrf}
	}
	var mu sync.Mutex
	var wg sync.WaitGroup
	cpuBefore := cpu()
	sw := clock.StartStopwatch()
	for w := range c.users {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := w; i < len(custIDs); i += c.users {
				err := buy(sessions[w], base, custIDs[i], offer.ID)
				mu.Lock()
				if err != nil {
					r.errors++
				} else {
					r.placed++
				}
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	r.took = sw.Elapsed()
	r.cpu = cpu() - cpuBefore
	r.loadAfter = loadAvg()
	var after int64
	if err := gdb.Raw(`SELECT COUNT(*) FROM orders WHERE partner_id = ?`, demo.ContosoID).Scan(&after).Error; err != nil {
		return r, err
	}
	r.inDB = int(after - before)
	return r, nil
}

// buy adds one line to a customer's cart, reads the cart and checks out.
func buy(s *session, base, customerID, offerID string) error {
	cart := base + "/customers/" + customerID + "/cart"
	res, err := s.client.PostForm(cart+"/items", url.Values{"_csrf": {s.csrf}, "offer_id": {offerID}, "quantity": {"3"}, "frequency": {"monthly"}})
	if err != nil {
		return err
	}
	res.Body.Close()
	if res.StatusCode != http.StatusSeeOther {
		return fmt.Errorf("add to cart: %d", res.StatusCode)
	}
	body, err := get(s.client, cart)
	if err != nil {
		return err
	}
	m := checkoutKey.FindStringSubmatch(body)
	if m == nil {
		return errors.New("no checkout key on the cart page")
	}
	res, err = s.client.PostForm(cart+"/checkout", url.Values{"_csrf": {s.csrf}, "checkout_key": {m[1]}})
	if err != nil {
		return err
	}
	res.Body.Close()
	if res.StatusCode != http.StatusSeeOther {
		return fmt.Errorf("checkout: %d", res.StatusCode)
	}
	return nil
}
