package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"
)

// binary is bin/portal built once for the tests that run it as a process.
var binary struct {
	once sync.Once
	path string
	err  error
}

// buildPortal builds bin/portal into a temporary folder, once per test run.
func buildPortal(t *testing.T) string {
	t.Helper()
	binary.once.Do(func() {
		dir, err := os.MkdirTemp("", "portal-bin-")
		if err != nil {
			binary.err = err
			return
		}
		binary.path = filepath.Join(dir, "portal")
		out, err := exec.Command("go", "build", "-o", binary.path, ".").CombinedOutput()
		if err != nil {
			binary.err = fmt.Errorf("go build: %v\n%s", err, out)
		}
	})
	if binary.err != nil {
		t.Fatal(binary.err)
	}
	return binary.path
}

func TestMain(m *testing.M) {
	code := m.Run()
	if binary.path != "" {
		_ = os.RemoveAll(filepath.Dir(binary.path))
	}
	os.Exit(code)
}

// process is one running bin/portal.
type process struct {
	cmd        *exec.Cmd
	URL        string // the portal's base URL
	MetricsURL string // the metrics listener's, when started with one
	logs       *lockedLog
	exited     chan struct{}
	exitErr    error
}

// lockedLog collects a process's log lines.
type lockedLog struct {
	mu    sync.Mutex
	lines []string
	added chan struct{}
}

func (l *lockedLog) add(line string) {
	l.mu.Lock()
	l.lines = append(l.lines, line)
	l.mu.Unlock()
	select {
	case l.added <- struct{}{}:
	default:
	}
}

// String returns every line so far.
func (l *lockedLog) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return strings.Join(l.lines, "\n")
}

var listeningLine = regexp.MustCompile(`msg="(portal|metrics) listening" url=(\S+)`)

// startPortal runs bin/portal with args and extra environment variables and
// waits until it listens (at most a minute: a first start seeds demo data).
// The process is killed at the end of the test if it still runs.
func startPortal(t *testing.T, args []string, env ...string) *process {
	t.Helper()
	cmd := exec.Command(buildPortal(t), args...)
	cmd.Env = append(os.Environ(), env...)
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	p := &process{cmd: cmd, logs: &lockedLog{added: make(chan struct{}, 1)}, exited: make(chan struct{})}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() {
		sc := bufio.NewScanner(stderr)
		sc.Buffer(make([]byte, 64*1024), 1024*1024)
		for sc.Scan() {
			p.logs.add(sc.Text())
		}
		_, _ = io.Copy(io.Discard, stderr)
		p.exitErr = cmd.Wait()
		close(p.exited)
	}()
	t.Cleanup(func() {
		select {
		case <-p.exited:
		default:
			_ = cmd.Process.Kill()
			<-p.exited
		}
		if t.Failed() {
			t.Logf("log of %v:\n%s", args, p.logs.String())
		}
	})
	wantMetrics := false
	for _, a := range args {
		wantMetrics = wantMetrics || strings.HasPrefix(a, "--metrics-addr")
	}
	deadline := time.After(time.Minute)
	for {
		for _, m := range listeningLine.FindAllStringSubmatch(p.logs.String(), -1) {
			if m[1] == "portal" {
				p.URL = m[2]
			} else {
				p.MetricsURL = m[2]
			}
		}
		if p.URL != "" && (!wantMetrics || p.MetricsURL != "") {
			return p
		}
		select {
		case <-p.logs.added:
		case <-time.After(100 * time.Millisecond):
		case <-p.exited:
			t.Fatalf("portal exited before listening: %v\n%s", p.exitErr, p.logs.String())
		case <-deadline:
			t.Fatalf("portal not listening after a minute:\n%s", p.logs.String())
		}
	}
}

// wait waits up to d for the process to exit and returns its error.
func (p *process) wait(t *testing.T, d time.Duration) error {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), d)
	defer cancel()
	select {
	case <-p.exited:
		return p.exitErr
	case <-ctx.Done():
		t.Fatalf("portal still running after %s:\n%s", d, p.logs.String())
		return nil
	}
}
