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
