package main

import (
	"net"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"
)

// PERF-4, PERF-7: an attack of 4 users holds at most 4 connections, and
// closes them when it ends; two attacks one after the other leave none
// open on the server, whose peak memory the load run reports.
func TestAttackClosesItsConnections_PERF4_PERF7(t *testing.T) {
	var (
		mu     sync.Mutex
		open   = map[net.Conn]bool{}
		opened int
	)
	ts := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		time.Sleep(time.Millisecond)
		_, _ = w.Write([]byte("ok"))
	}))
	ts.Config.ConnState = func(c net.Conn, st http.ConnState) {
		mu.Lock()
		defer mu.Unlock()
		switch st {
		case http.StateNew:
			open[c] = true
			opened++
		case http.StateClosed, http.StateHijacked:
			delete(open, c)
		}
	}
	ts.Start()
	defer ts.Close()

	const users = 4
	for i := range 2 {
		var got tally
		attack(users, targets(&session{}, ts.URL, []string{"/"}), 300*time.Millisecond, "conns", &got)
		if m := got.close(); m.Requests == 0 || m.Success != 1 {
			t.Fatalf("attack %d: %d requests, success %.2f", i, m.Requests, m.Success)
		}
	}
	// The server sees a connection close a moment after the client closes it.
	var left int
	for range 500 {
		mu.Lock()
		left = len(open)
		mu.Unlock()
		if left == 0 {
			break
		}
		time.Sleep(10 * time.Millisecond)
	}
	mu.Lock()
	defer mu.Unlock()
	if left != 0 {
		t.Errorf("%d connections still open on the server after the attacks", left)
	}
	if opened > 2*users {
		t.Errorf("two attacks of %d users opened %d connections, want at most %d", users, opened, 2*users)
	}
}
