package web

import (
	"bytes"
	"context"
	"net/http"
	"net/http/httptest"
	"runtime"
	"slices"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/labstack/echo/v4"

	"portal/internal/platform/clock"
)

// PERF-2: no more requests work at once than the server has slots; the
// others wait and are let in in their order of arrival; a request whose
// client gave up while waiting leaves the queue with its context's error.
func TestAdmissionQueuesInArrivalOrder_PERF2(t *testing.T) {
	e := echo.New()
	slots := newAdmission(1)
	release := make(chan struct{})
	var mu sync.Mutex
	var order []int
	working, most := 0, 0
	handler := slots.admit(func(c echo.Context) error {
		id, _ := strconv.Atoi(c.Request().Header.Get("X-Id"))
		mu.Lock()
		working++
		most = max(most, working)
		order = append(order, id)
		mu.Unlock()
		<-release
		mu.Lock()
		working--
		mu.Unlock()
		return c.NoContent(http.StatusNoContent)
	})
	serve := func(ctx context.Context, id int) error {
		req := httptest.NewRequest(http.MethodGet, "/", nil).WithContext(ctx)
		req.Header.Set("X-Id", strconv.Itoa(id))
		return handler(e.NewContext(req, httptest.NewRecorder()))
	}
	var wg sync.WaitGroup
	for id := range 6 {
		wg.Add(1)
		go func() { defer wg.Done(); _ = serve(context.Background(), id) }()
		// The next request arrives once this one works or waits.
		waitUntil(t, func() bool {
			mu.Lock()
			defer mu.Unlock()
			return working == 1 && waitingForSlot() == id
		})
	}
	ctx, cancel := context.WithCancel(context.Background())
	gaveUp := make(chan error, 1)
	go func() { gaveUp <- serve(ctx, 99) }()
	waitUntil(t, func() bool { return waitingForSlot() == 6 })
	cancel()
	if err := <-gaveUp; err != context.Canceled {
		t.Fatalf("a request given up while queued returned %v", err)
	}
	close(release)
	wg.Wait()
	if most != 1 {
		t.Errorf("%d requests worked at once, want 1", most)
	}
	if want := []int{0, 1, 2, 3, 4, 5}; !slices.Equal(order, want) {
		t.Errorf("requests worked in the order %v, want %v", order, want)
	}
}

// waitingForSlot counts the goroutines blocked in admit's wait.
func waitingForSlot() int {
	buf := make([]byte, 1<<20)
	buf = buf[:runtime.Stack(buf, true)]
	n := 0
	for _, g := range bytes.Split(buf, []byte("\n\n")) {
		if bytes.Contains(g, []byte("[select")) && bytes.Contains(g, []byte("admission.admit")) {
			n++
		}
	}
	return n
}

func waitUntil(t *testing.T, ok func() bool) {
	t.Helper()
	for waited := clock.StartStopwatch(); !ok(); time.Sleep(time.Millisecond) {
		if waited.Elapsed() > time.Minute {
			t.Fatal("the requests never reached the queue")
		}
	}
}

// PERF-2: reads and changes queue apart. A change waiting for SQLite's one
// writer holds its slot without working; a read never waits behind it, and
// a second change waits for a change's slot, not a read's.
func TestReadsAndChangesQueueApart_PERF2(t *testing.T) {
	e := echo.New()
	s := &Server{slots: newAdmission(1), changeSlots: newAdmission(1)}
	release := make(chan struct{})
	var mu sync.Mutex
	var worked []string
	serve := func(ctx context.Context, method string) error {
		h := s.slotsFor(method).admit(func(c echo.Context) error {
			mu.Lock()
			worked = append(worked, method)
			mu.Unlock()
			if method == http.MethodPost {
				<-release
			}
			return c.NoContent(http.StatusNoContent)
		})
		return h(e.NewContext(httptest.NewRequest(method, "/", nil).WithContext(ctx), httptest.NewRecorder()))
	}
	done := make(chan error, 2)
	go func() { done <- serve(context.Background(), http.MethodPost) }()
	waitUntil(t, func() bool { mu.Lock(); defer mu.Unlock(); return len(worked) == 1 })
	go func() { done <- serve(context.Background(), http.MethodPost) }()
	waitUntil(t, func() bool { return waitingForSlot() == 1 })
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := serve(ctx, http.MethodGet); err != nil {
		close(release)
		t.Fatalf("a read waited behind the changes: %v", err)
	}
	mu.Lock()
	got := slices.Clone(worked)
	mu.Unlock()
	if want := []string{http.MethodPost, http.MethodGet}; !slices.Equal(got, want) {
		t.Errorf("worked %v while a change held its slot and another waited, want %v", got, want)
	}
	close(release)
	for range 2 {
		if err := <-done; err != nil {
			t.Fatal(err)
		}
	}
	if len(worked) != 3 {
		t.Errorf("worked %v", worked)
	}
	for _, m := range []string{http.MethodHead, http.MethodPut, http.MethodDelete, http.MethodPatch} {
		want := s.changeSlots
		if m == http.MethodHead {
			want = s.slots
		}
		if s.slotsFor(m) != want {
			t.Errorf("%s queues with the wrong requests", m)
		}
	}
}
