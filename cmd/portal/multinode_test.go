package main

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"gorm.io/gorm"

	"portal/internal/activity"
	"portal/internal/auth"
	"portal/internal/billing"
	"portal/internal/catalog"
	"portal/internal/demo"
	"portal/internal/lifecycle"
	"portal/internal/orders"
	"portal/internal/platform/clock"
	"portal/internal/platform/db"
	"portal/internal/software"
	"portal/internal/subscriptions"
	"portal/internal/testkit"
)

// postgresURL returns TEST_DATABASE_URL; see testkit.PostgresURL.
func postgresURL(t *testing.T) string {
	t.Helper()
	return testkit.PostgresURL(t)
}

// freshDatabase creates a database of its own for the test on the server of
// serverURL, and drops it at the end; it returns the new database's URL.
func freshDatabase(t *testing.T, serverURL string) string {
	t.Helper()
	admin, err := db.Open(serverURL, clock.System{})
	if err != nil {
		t.Fatal(err)
	}
	b := make([]byte, 6)
	_, _ = rand.Read(b)
	name := "portal_twonode_" + hex.EncodeToString(b)
	if err := admin.Exec("CREATE DATABASE " + name).Error; err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := admin.Exec("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)").Error; err != nil {
			t.Errorf("drop %s: %v", name, err)
		}
		if s, err := admin.DB(); err == nil {
			_ = s.Close()
		}
	})
	u, err := url.Parse(serverURL)
	if err != nil {
		t.Fatal(err)
	}
	u.Path = "/" + name
	return u.String()
}

func id(name string) string { return demo.ID(name) }

// The shape of docs/deploy.md on one machine (OPS-6): two bin/portal nodes
// on one PostgreSQL database. Requests spread over both keep every rule
// that holds on one node (OPS-3): sessions and sign-in lockout are shared
// (AUTH-7, AUTH-10), a double submit is one order and a one-per-customer
// offer one subscription (CAT-7, CAT-8), a link allows exactly 50
// downloads (SW-3), simultaneous demo clock moves add up and the other node
// sees them at once (LIFE-3), a checkout after a month end lands on an open
// invoice (BILL-1), the lifecycle engine runs on one node at a time and
// charges nothing twice (LIFE-1), and both nodes stop cleanly (OPS-5).
func TestTwoNodesOnPostgres_OPS3_OPS6(t *testing.T) {
	dbURL := freshDatabase(t, postgresURL(t))
	const token = "two-node-metrics-token-0123456789"
	env := []string{"DATABASE_URL=" + dbURL, "PORTAL_METRICS_TOKEN=" + token}
	// The first node migrates and seeds the demo data, then the second joins.
	a := startPortal(t, []string{"--demo", "--addr", "127.0.0.1:0", "--metrics-addr", "127.0.0.1:0"}, env...)
	b := startPortal(t, []string{"--demo", "--addr", "127.0.0.1:0"}, env...)
	nodes := []*process{a, b}
	g, err := db.Open(dbURL, clock.System{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if s, err := g.DB(); err == nil {
			_ = s.Close()
		}
	})
	anon := newBrowser()

	t.Run("ReadyAndMetricsClosed_OPS4", func(t *testing.T) {
		for _, n := range nodes {
			if r := anon.get(t, n.URL+"/readyz"); r.Status != http.StatusOK {
				t.Errorf("%s/readyz: %d", n.URL, r.Status)
			}
			if r := anon.get(t, n.URL+"/metrics"); r.Status != http.StatusNotFound {
				t.Errorf("%s/metrics without the token: %d", n.URL, r.Status)
			}
		}
	})

	admin := newBrowser()
	admin.login(t, a.URL, "globaladmin@contoso.example", demo.Password)
	t.Run("SessionsShared_AUTH8", func(t *testing.T) {
		if r := admin.get(t, b.URL+"/"); r.Status != http.StatusOK {
			t.Fatalf("a session from node a on node b: %d %s", r.Status, r.Location)
		}
	})

	t.Run("LockoutShared_AUTH7_AUTH10", func(t *testing.T) {
		const email = "helpdesk@contoso.example"
		attacker := newBrowser()
		attacker.get(t, a.URL+"/login")
		csrf := attacker.token()
		codes := make([]int, 10)
		parallel(len(codes), func(i int) {
			codes[i] = attacker.post(t, nodes[i%2].URL+"/login", url.Values{"email": {email}, "password": {"wrong-password-" + strconv.Itoa(i)}, "_csrf": {csrf}}).Status
		})
		for i, c := range codes {
			if c == http.StatusSeeOther {
				t.Fatalf("wrong password %d signed in", i)
			}
		}
		var att auth.LoginAttempt
		if err := g.Where("email = ?", email).Take(&att).Error; err != nil {
			t.Fatal(err)
		}
		var checked int64
		g.Model(&activity.Entry{}).Where("action = ? AND resource_id = ?", "auth.sign_in_failed", id("user:"+email)).Count(&checked)
		// Every attempt counted once, whichever node took it, and at most
		// LockAfter wrong passwords checked across both nodes (AUTH-10).
		if att.Failures != len(codes) || checked > auth.LockAfter || checked == 0 {
			t.Fatalf("failures %d of %d attempts, %d passwords checked (at most %d)", att.Failures, len(codes), checked, auth.LockAfter)
		}
		// The right password is now refused on both nodes.
		for _, n := range nodes {
			if r := attacker.post(t, n.URL+"/login", url.Values{"email": {email}, "password": {demo.Password}, "_csrf": {csrf}}); r.Status == http.StatusSeeOther {
				t.Fatalf("signed in on %s while throttled or locked", n.URL)
			}
		}
	})

	agent := newBrowser()
	agent.login(t, b.URL, "adminagent@contoso.example", demo.Password)

	t.Run("DoubleSubmitOneOrder_CAT7_CAT8", func(t *testing.T) {
		relecloud := id("customer:relecloud.com")
		cart := "/customers/" + relecloud + "/cart"
		for _, o := range []string{"intune-suite", "m365-e3"} {
			form := url.Values{"offer_id": {id("offer:" + o)}, "quantity": {"5"}, "frequency": {"monthly"}}
			if r := agent.post(t, a.URL+cart+"/items", form); r.Status != http.StatusSeeOther {
				t.Fatalf("add %s: %d", o, r.Status)
			}
		}
		review := agent.get(t, b.URL+cart)
		key, _ := review.Doc.Find(`#checkout-form input[name="checkout_key"]`).Attr("value")
		if key == "" {
			t.Fatal("no checkout key")
		}
		csrf := agent.token()
		answers := make([]*page, 6)
		parallel(len(answers), func(i int) {
			answers[i] = agent.post(t, nodes[i%2].URL+cart+"/checkout", url.Values{"checkout_key": {key}, "_csrf": {csrf}})
		})
		orderPage := ""
		for i, r := range answers {
			switch {
			case r.Status == http.StatusSeeOther && strings.HasPrefix(r.Location, "/orders/"):
				if orderPage != "" && r.Location != orderPage {
					t.Fatalf("two orders: %s and %s", orderPage, r.Location)
				}
				orderPage = r.Location
			case r.Status == http.StatusConflict: // the limit refused a second purchase
			default:
				t.Fatalf("checkout %d: %d %s", i, r.Status, r.Location)
			}
		}
		var n int64
		g.Model(&orders.Order{}).Where("checkout_key = ?", key).Count(&n)
		if n != 1 || orderPage == "" {
			t.Fatalf("%d orders for one double submit", n)
		}
		g.Model(&subscriptions.Subscription{}).Where("customer_id = ? AND offer_id = ?", relecloud, id("offer:intune-suite")).Count(&n)
		if n != 1 {
			t.Fatalf("%d subscriptions of a one-per-customer offer", n)
		}
	})

	t.Run("DownloadLimitExact_SW3", func(t *testing.T) {
		purchase := id("software:adatum-windows-server")
		var p software.Purchase
		var o catalog.Offer
		if err := g.Where("id = ?", purchase).Take(&p).Error; err != nil {
			t.Fatal(err)
		}
		if err := g.Where("id = ?", p.OfferID).Take(&o).Error; err != nil {
			t.Fatal(err)
		}
		choice := url.Values{"version": {catalog.List(o.Versions)[0]}, "language": {catalog.List(o.Languages)[0]}, "file_type": {catalog.List(o.FileTypes)[0]}}
		agent.get(t, a.URL+"/software/"+purchase)
		if r := agent.post(t, a.URL+"/software/"+purchase+"/keys", choice); r.Status != http.StatusSeeOther {
			t.Fatalf("keys: %d", r.Status)
		}
		link, _ := agent.get(t, b.URL+"/software/"+purchase).Doc.Find("#download-link").Attr("value")
		u, err := url.Parse(link)
		if err != nil || !strings.HasPrefix(u.Path, "/downloads/") {
			t.Fatalf("download link %q", link)
		}
		hash := software.HashToken(strings.TrimPrefix(u.Path, "/downloads/"))
		if err := g.Model(&software.DownloadLink{}).Where("token_hash = ?", hash).Update("downloads", 40).Error; err != nil {
			t.Fatal(err)
		}
		var mu sync.Mutex
		codes := map[int]int{}
		parallel(40, func(i int) {
			r := anon.get(t, nodes[i%2].URL+u.Path)
			mu.Lock()
			codes[r.Status]++
			mu.Unlock()
		})
		var l software.DownloadLink
		g.Where("token_hash = ?", hash).Take(&l)
		if codes[http.StatusOK] != 10 || codes[http.StatusGone] != 30 || l.Downloads != 50 {
			t.Fatalf("answers %v, downloads %d; want 10×200, 30×410, 50", codes, l.Downloads)
		}
	})

	t.Run("EngineObeysTheDatabaseLock_OPS3", func(t *testing.T) {
		sqlDB, err := g.DB()
		if err != nil {
			t.Fatal(err)
		}
		conn, err := sqlDB.Conn(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		defer conn.Close()
		if _, err := conn.ExecContext(context.Background(), "SELECT pg_advisory_lock($1)", lifecycle.AdvisoryLockKey); err != nil {
			t.Fatal(err)
		}
		// A pass that held the lock just before counts itself after
		// releasing it: let that count land before reading.
		time.Sleep(200 * time.Millisecond)
		ranBefore, skippedBefore := lifecycleRuns(t, a, token)
		// A move on node a while the lock is held elsewhere: the move is
		// stored, the pass waits for the lock and gives up, never running.
		if r := admin.post(t, a.URL+"/demo/clock", url.Values{"days": {"1"}}); r.Status != http.StatusSeeOther {
			t.Fatalf("move: %d", r.Status)
		}
		ranAfter, skippedAfter := lifecycleRuns(t, a, token)
		if ranAfter != ranBefore || skippedAfter <= skippedBefore {
			t.Fatalf("with the lock held elsewhere: ran %v→%v, skipped %v→%v", ranBefore, ranAfter, skippedBefore, skippedAfter)
		}
		if _, err := conn.ExecContext(context.Background(), "SELECT pg_advisory_unlock($1)", lifecycle.AdvisoryLockKey); err != nil {
			t.Fatal(err)
		}
	})

	t.Run("ClockMovesAddUpAndBillOpenInvoices_OPS3_BILL1", func(t *testing.T) {
		before := storedShift(t, g)
		ranBefore := 0.0
		for _, n := range nodes {
			r, _ := lifecycleRuns(t, n, token)
			ranBefore += r
		}
		csrf := admin.token()
		codes := make([]int, 2)
		parallel(2, func(i int) {
			codes[i] = admin.post(t, nodes[i].URL+"/demo/clock", url.Values{"days": {"35"}, "_csrf": {csrf}}).Status
		})
		if codes[0] != http.StatusSeeOther || codes[1] != http.StatusSeeOther {
			t.Fatalf("moves: %v", codes)
		}
		shift := storedShift(t, g)
		if shift != before+70 {
			t.Fatalf("shift %d after two moves of 35 from %d", shift, before)
		}
		dates := []string{admin.get(t, a.URL+"/").Text("#demo-date"), admin.get(t, b.URL+"/").Text("#demo-date")}
		if dates[0] == "" || dates[0] != dates[1] {
			t.Fatalf("demo dates %q", dates)
		}
		ranAfter := 0.0
		for _, n := range nodes {
			r, _ := lifecycleRuns(t, n, token)
			ranAfter += r
		}
		if ranAfter < ranBefore+1 {
			t.Fatalf("no lifecycle pass after the moves: %v → %v", ranBefore, ranAfter)
		}
		// One more month end, crossed on node a alone: node b, which did not
		// move, must bill at the new time on its next request.
		if r := admin.post(t, a.URL+"/demo/clock", url.Values{"days": {"35"}}); r.Status != http.StatusSeeOther {
			t.Fatalf("move on node a: %d", r.Status)
		}
		if shift = storedShift(t, g); shift != before+105 {
			t.Fatalf("shift %d after a third move", shift)
		}
		now := time.Now().UTC().AddDate(0, 0, shift)
		// The pass at the moved time issued every ended period's invoice.
		var stale int64
		g.Model(&billing.Invoice{}).Where("status = ? AND period_end <= ?", billing.Open, now.Add(-time.Minute)).Count(&stale)
		if stale != 0 {
			t.Fatalf("%d ended invoices still open after the pass", stale)
		}
		// Renewals and conversions were charged once each, whichever node ran.
		var dup []struct {
			ResourceID string
			N          int
		}
		g.Raw(`SELECT resource_id, COUNT(*) AS n FROM invoice_lines WHERE reason IN ('renewal', 'trial_conversion')
			GROUP BY resource_id, reason, at HAVING COUNT(*) > 1`).Scan(&dup)
		if len(dup) != 0 {
			t.Fatalf("lifecycle charges made twice: %+v", dup)
		}
		// A checkout on node b lands on the open invoice of the moved month.
		adatum := id("customer:adatum.com")
		cart := "/customers/" + adatum + "/cart"
		form := url.Values{"offer_id": {id("offer:m365-business-basic")}, "quantity": {"3"}, "frequency": {"monthly"}}
		if r := agent.post(t, b.URL+cart+"/items", form); r.Status != http.StatusSeeOther {
			t.Fatalf("add: %d", r.Status)
		}
		key, _ := agent.get(t, b.URL+cart).Doc.Find(`#checkout-form input[name="checkout_key"]`).Attr("value")
		r := agent.post(t, b.URL+cart+"/checkout", url.Values{"checkout_key": {key}})
		if r.Status != http.StatusSeeOther || !strings.HasPrefix(r.Location, "/orders/") {
			t.Fatalf("checkout: %d %s", r.Status, r.Location)
		}
		var invs []billing.Invoice
		g.Raw(`SELECT invoices.* FROM invoices JOIN invoice_lines ON invoice_lines.invoice_id = invoices.id
			WHERE invoice_lines.order_id = ?`, strings.TrimPrefix(r.Location, "/orders/")).Scan(&invs)
		start, _ := billing.PeriodOf(now)
		if len(invs) == 0 {
			t.Fatal("the order has no invoice line")
		}
		for _, inv := range invs {
			if inv.Status != billing.Open || !inv.PeriodStart.Equal(start) {
				t.Fatalf("charge on invoice %s of %s (%s), want the open one of %s", inv.ID, inv.PeriodStart, inv.Status, start)
			}
		}
	})

	t.Run("MetricsOnBothForms_OPS4", func(t *testing.T) {
		for _, m := range []*page{anon.get(t, a.MetricsURL+"/metrics"), anon.get(t, b.URL+"/metrics", "Authorization", "Bearer "+token)} {
			if m.Status != http.StatusOK || !strings.Contains(m.Body, `portal_http_requests_total{method="POST",route="/customers/:id/cart/checkout"`) ||
				!strings.Contains(m.Body, "go_sql_open_connections") {
				t.Errorf("metrics: %d\n%.2000s", m.Status, m.Body)
			}
		}
	})

	for _, n := range nodes {
		if err := n.cmd.Process.Signal(syscall.SIGTERM); err != nil {
			t.Fatal(err)
		}
	}
	for _, n := range nodes {
		if err := n.wait(t, time.Minute); err != nil || !strings.Contains(n.logs.String(), `msg="portal stopped"`) {
			t.Errorf("node %s stopped with %v", n.URL, err)
		}
	}
}

var runsLine = regexp.MustCompile(`(?m)^portal_lifecycle_runs_total\{result="(ran|skipped)"\} (\S+)$`)

// lifecycleRuns reads a node's counts of lifecycle passes ran and skipped
// from its metrics, on its metrics listener or with the token.
func lifecycleRuns(t *testing.T, n *process, token string) (ran, skipped float64) {
	t.Helper()
	var m *page
	if n.MetricsURL != "" {
		m = newBrowser().get(t, n.MetricsURL+"/metrics")
	} else {
		m = newBrowser().get(t, n.URL+"/metrics", "Authorization", "Bearer "+token)
	}
	if m.Status != http.StatusOK {
		t.Fatalf("metrics of %s: %d", n.URL, m.Status)
	}
	for _, match := range runsLine.FindAllStringSubmatch(m.Body, -1) {
		v, err := strconv.ParseFloat(match[2], 64)
		if err != nil {
			t.Fatal(err)
		}
		if match[1] == "ran" {
			ran = v
		} else {
			skipped = v
		}
	}
	return ran, skipped
}

// storedShift reads the demo clock's shift from the database.
func storedShift(t *testing.T, g *gorm.DB) int {
	t.Helper()
	days, _, err := demo.ClockShift(context.Background(), g)
	if err != nil {
		t.Fatal(err)
	}
	return days
}
