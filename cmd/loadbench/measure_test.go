package main

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"
)

// PERF-7: a page's measured load and its static yardstick take turns,
// rounds times each, page first, so that the machine's other work falls on
// both alike; and the figures count every slice.
func TestPageAndItsYardstickTakeTurns_PERF7(t *testing.T) {
	var (
		mu   sync.Mutex
		seen []string
	)
	body := strings.Repeat("x", 100)
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		seen = append(seen, r.URL.Path)
		mu.Unlock()
		_, _ = w.Write([]byte(body))
	}))
	defer ts.Close()

	c := config{users: 4, duration: rounds * 50 * time.Millisecond}
	s := &session{client: ts.Client()}
	r, err := measure(c, s, ts.URL, page{name: "list", path: "/list", more: []string{"/list?page=2"}}, func() time.Duration { return 0 })
	if err != nil {
		t.Fatal(err)
	}
	mu.Lock()
	defer mu.Unlock()
	const alone = 15
	if len(seen) <= alone {
		t.Fatalf("the server saw %d requests", len(seen))
	}
	// The load's turns, as runs of the same kind of request.
	var turns []string
	var pageRequests uint64
	for _, p := range seen[alone:] {
		kind := "page"
		if strings.HasPrefix(p, "/static/bench/") {
			kind = "static"
			if p != "/static/bench/100" {
				t.Errorf("yardstick %s, want /static/bench/100 (the page's size)", p)
			}
		} else {
			pageRequests++
		}
		if len(turns) == 0 || turns[len(turns)-1] != kind {
			turns = append(turns, kind)
		}
	}
	if rounds < 2 {
		t.Fatalf("rounds = %d: the page and its yardstick do not take turns", rounds)
	}
	if len(turns) != 2*rounds {
		t.Fatalf("%d turns (%v), want %d", len(turns), turns, 2*rounds)
	}
	for i, k := range turns {
		if want := []string{"page", "static"}[i%2]; k != want {
			t.Errorf("turn %d is the %s's, want the %s's", i, k, want)
		}
	}
	if r.requests != pageRequests || r.errors != 0 {
		t.Errorf("row counts %d requests and %d errors; the server saw %d of the page's", r.requests, r.errors, pageRequests)
	}
	if r.bytes != len(body) || r.rps <= 0 || r.staticRPS <= 0 || r.p99 <= 0 || r.staticP99 <= 0 {
		t.Errorf("row %+v lacks figures", r)
	}
}
