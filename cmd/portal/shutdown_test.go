package main

import (
	"bufio"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"portal/internal/platform/clock"
	"portal/internal/platform/db"
)

// OPS-5: on SIGTERM the portal stops taking requests, finishes the one in
// flight, stops, checkpoints SQLite (its -wal file empty or gone), logs that
// it stopped and exits 0.
func TestGracefulShutdown_OPS5(t *testing.T) {
	dir := t.TempDir()
	dbPath := filepath.Join(dir, "portal.db")
	p := startPortal(t, []string{"--addr", "127.0.0.1:0", "--db", dbPath}, "PORTAL_BASE_URL=http://127.0.0.1")
	res, err := http.Get(p.URL + "/login")
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusOK || !isHexID(res.Header.Get("X-Request-ID")) {
		t.Fatalf("login page: %d, request ID %q", res.StatusCode, res.Header.Get("X-Request-ID"))
	}

	// A request in flight: its headers sent, its body not yet.
	conn, err := net.Dial("tcp", strings.TrimPrefix(p.URL, "http://"))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	body := "email=someone%40example.com&password=x"
	head := "POST /login HTTP/1.1\r\nHost: portal\r\nContent-Type: application/x-www-form-urlencoded\r\n" +
		"Content-Length: " + strconv.Itoa(len(body)) + "\r\nConnection: close\r\n\r\n"
	if _, err := conn.Write([]byte(head + body[:10])); err != nil {
		t.Fatal(err)
	}
	time.Sleep(300 * time.Millisecond)
	if err := p.cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	time.Sleep(500 * time.Millisecond)
	select {
	case <-p.exited:
		t.Fatalf("exited with a request in flight: %v", p.exitErr)
	default:
	}
	if _, err := net.DialTimeout("tcp", strings.TrimPrefix(p.URL, "http://"), time.Second); err == nil {
		t.Error("still taking new connections after SIGTERM")
	}
	if _, err := conn.Write([]byte(body[10:])); err != nil {
		t.Fatal(err)
	}
	_ = conn.SetReadDeadline(time.Now().Add(10 * time.Second))
	status, err := bufio.NewReader(conn).ReadString('\n')
	if err != nil || !strings.HasPrefix(status, "HTTP/1.1 ") {
		t.Fatalf("request in flight got %q, %v", status, err)
	}

	if err := p.wait(t, 30*time.Second); err != nil {
		t.Fatalf("exit: %v\n%s", err, p.logs.String())
	}
	if !strings.Contains(p.logs.String(), `msg="portal stopped"`) {
		t.Fatalf("no stop line in the log:\n%s", p.logs.String())
	}
	if fi, err := os.Stat(dbPath + "-wal"); err == nil && fi.Size() != 0 {
		t.Fatalf("-wal file has %d bytes after stop", fi.Size())
	}
	// The database file alone holds everything: the session key is there.
	g, err := db.Open(dbPath, clock.System{})
	if err != nil {
		t.Fatal(err)
	}
	defer func() {
		if s, err := g.DB(); err == nil {
			_ = s.Close()
		}
	}()
	var n int64
	if err := g.Raw("SELECT COUNT(*) FROM settings WHERE key = 'session_key'").Scan(&n).Error; err != nil || n != 1 {
		t.Fatalf("session key rows %d: %v", n, err)
	}
}

func isHexID(s string) bool {
	if len(s) != 32 {
		return false
	}
	for _, r := range s {
		if !strings.ContainsRune("0123456789abcdef", r) {
			return false
		}
	}
	return true
}
