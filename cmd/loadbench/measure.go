package main

// Measuring one page: alone, under load, beside its static yardstick; and
// the printed table.

import (
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"sort"
	"strings"
	"time"

	vegeta "github.com/tsenart/vegeta/v12/lib"

	"portal/internal/platform/clock"
)

// row is one line of the printed table.
type row struct {
	name                  string
	bytes                 int
	alone                 time.Duration // p50 of requests one at a time
	rps, staticRPS        float64
	p50, p99, staticP99   time.Duration
	errors, requests      uint64
	cpuPerReq             time.Duration // the server's CPU time per request under load
	loadBefore, loadAfter string
	peakMB                float64
}

// rounds is how many times a page's measured load and its static
// yardstick's take turns. The machine is shared: a neighbour's work that
// comes and goes over a few seconds would fall on one of the two if each ran
// its whole time at once, and the ratio between them would measure the
// neighbour. Taking turns in slices of a second spreads it over both.
const rounds = 5

// measure runs the page alone, then under load (after a warm-up), taking
// turns with its static yardstick.
func measure(c config, s *session, base string, p page, cpu func() time.Duration) (row, error) {
	r := row{name: p.name, loadBefore: loadAvg()}
	// One at a time first: the size and the single-request time.
	var alone []time.Duration
	paths := p.paths()
	for i := range 15 {
		sw := clock.StartStopwatch()
		body, err := get(s.client, base+paths[i%len(paths)])
		if err != nil {
			return r, err
		}
		alone = append(alone, sw.Elapsed())
		r.bytes = len(body)
	}
	sort.Slice(alone, func(i, j int) bool { return alone[i] < alone[j] })
	r.alone = alone[len(alone)/2]
	// The targeters carry on from one slice to the next: the log's pages in
	// turn are read once each, not their first slice's worth again and again.
	page := targets(s, base, paths)
	static := targets(s, base, []string{fmt.Sprintf("/static/bench/%d", r.bytes)})
	// Warm up, unmeasured: the load opens the pool's other connections,
	// and a new PostgreSQL connection plans its first statements with cold
	// catalog caches (17 ms for the home page's first list, against 0.6 ms
	// warm), which a server that has been up a while does not pay.
	if c.warmUp > 0 {
		attack(c.users, page, c.warmUp, p.name+" warm-up", &tally{})
	}
	var load, yardstick tally
	var spent time.Duration
	slice := c.duration / rounds
	for range rounds {
		cpuBefore := cpu()
		attack(c.users, page, slice, p.name, &load)
		spent += cpu() - cpuBefore
		attack(c.users, static, slice, p.name+" static", &yardstick)
	}
	m := load.close()
	if m.Requests > 0 {
		r.cpuPerReq = spent / time.Duration(m.Requests)
	}
	r.rps, r.p50, r.p99, r.errors, r.requests = load.rps(), m.Latencies.P50, m.Latencies.P99, m.Requests-uint64(float64(m.Requests)*m.Success), m.Requests
	st := yardstick.close()
	r.staticRPS, r.staticP99 = yardstick.rps(), st.Latencies.P99
	r.loadAfter = loadAvg()
	return r, nil
}

// targets cycles through paths, requested with the session's cookie.
func targets(s *session, base string, paths []string) vegeta.Targeter {
	hdr := http.Header{"Cookie": {s.cookie}}
	ts := make([]vegeta.Target, len(paths))
	for i, p := range paths {
		ts[i] = vegeta.Target{Method: http.MethodGet, URL: base + p, Header: hdr}
	}
	return vegeta.NewStaticTargeter(ts...)
}

// tally adds up the slices of one load: the latencies and errors of all
// their requests, and the requests served over the time the slices ran.
type tally struct {
	all    vegeta.Metrics
	served float64
	took   time.Duration
}

// close computes the latencies; it is called once, after the last slice.
func (t *tally) close() vegeta.Metrics {
	t.all.Close()
	return t.all
}

// rps is the requests served a second over the slices' own time, without
// the time between them.
func (t *tally) rps() float64 {
	if t.took <= 0 {
		return 0
	}
	return t.served / t.took.Seconds()
}

// attack sends users concurrent users for d at tr's targets, and adds what
// they saw to into. Each answer is read to its end and none is kept
// (MaxBody(0)): the load shares the server's cores, and keeping bodies that
// nothing reads was a third of the load's own CPU.
//
// The users hold one connection each, and close them when the attack ends:
// left open, each attack's connections stayed idle on the server until its
// idle timeout, so that a full run's attacks kept about 1,600 connections
// there by its end, each with its goroutine and buffers, counted in its peak
// memory and scanned by every collection (PERF-4).
func attack(users int, tr vegeta.Targeter, d time.Duration, name string, into *tally) {
	conns := usersTransport(users)
	defer conns.CloseIdleConnections()
	a := vegeta.NewAttacker(vegeta.Client(&http.Client{Transport: conns}),
		vegeta.Workers(uint64(users)), vegeta.MaxWorkers(uint64(users)),
		vegeta.Timeout(60*time.Second), vegeta.Redirects(vegeta.NoFollow), vegeta.MaxBody(0))
	var m vegeta.Metrics
	for res := range a.Attack(tr, vegeta.Rate{Freq: 0}, d, name) {
		m.Add(res)
		into.all.Add(res)
	}
	m.Close()
	// vegeta's throughput of one attack: its successes over the time from
	// its first request to its last answer.
	into.served += m.Success * float64(m.Requests)
	into.took += m.Duration + m.Wait
}

// usersTransport is the connections of users users: one each, kept from
// one request to the next.
func usersTransport(users int) *http.Transport {
	return &http.Transport{
		DialContext:         (&net.Dialer{KeepAlive: 30 * time.Second}).DialContext,
		MaxConnsPerHost:     users,
		MaxIdleConnsPerHost: users,
	}
}

// loadAvg is the machine's one-minute load average, as /proc/loadavg says.
func loadAvg() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "?"
	}
	return strings.Fields(string(b))[0]
}

func printTable(w io.Writer, rows []row, co checkoutResult, peak float64) {
	fmt.Fprintf(w, "\n%-34s %8s %9s %9s %9s %9s %6s %8s %10s %10s %6s %11s\n", "page (32 users)", "bytes", "alone p50", "req/s", "p50", "p99", "errors", "cpu/req", "static r/s", "static p99", "ratio", "load 1m")
	for _, r := range rows {
		ratio := 0.0
		if r.staticRPS > 0 {
			ratio = r.rps / r.staticRPS
		}
		fmt.Fprintf(w, "%-34s %8d %9s %9.0f %9s %9s %6d %8s %10.0f %10s %6.3f %5s→%-5s\n", r.name, r.bytes, ms(r.alone), r.rps, ms(r.p50), ms(r.p99),
			r.errors, ms2(r.cpuPerReq), r.staticRPS, ms(r.staticP99), ratio, r.loadBefore, r.loadAfter)
	}
	perCheckout := time.Duration(0)
	if co.placed > 0 {
		perCheckout = co.cpu / time.Duration(co.placed)
	}
	fmt.Fprintf(w, "\ncheckouts: %d placed by %d clients in %s: %.0f/s; %d acknowledged, %d orders in the database (lost: %d); errors %d; server CPU %s a checkout; load %s→%s\n",
		co.placed, co.clients, co.took.Round(time.Millisecond), float64(co.placed)/co.took.Seconds(), co.placed, co.inDB, co.placed-co.inDB, co.errors,
		ms2(perCheckout), co.loadBefore, co.loadAfter)
	fmt.Fprintf(w, "server peak memory (VmHWM): %.0f MB\n", peak)
}

func ms(d time.Duration) string {
	return fmt.Sprintf("%.1fms", float64(d)/float64(time.Millisecond))
}

// ms2 writes a CPU time per request in hundredths of a millisecond: most
// are under one.
func ms2(d time.Duration) string {
	return fmt.Sprintf("%.2fms", float64(d)/float64(time.Millisecond))
}

// cacheNote says how much of the file at path the page cache holds, as
// "8.1 of 16.4 GB", or why it cannot tell.
func cacheNote(path string) string {
	held, size, err := fileCached(path)
	if err != nil {
		return "unknown (" + err.Error() + ")"
	}
	return fmt.Sprintf("%.1f of %.1f GB", float64(held)/1e9, float64(size)/1e9)
}
