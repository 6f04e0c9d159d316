// Command loadbench measures the portal at a large reseller's size
// (PERF-3, PERF-7): it starts bin/portal on the generated data set
// (`make bench-data`), signs in, and for each main page runs a bounded load
// of 32 concurrent users on 127.0.0.1 with vegeta, beside the same server's
// static answer of the same size; then it measures checkouts per second
// with 32 clients on distinct customers, counts the orders in the database,
// and prints one table with the machine's load average beside each figure.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"os"
	"os/exec"
	"regexp"
	"strings"
	"time"

	"portal/internal/platform/clock"
	"portal/internal/platform/db"
)

func main() {
	if err := run(os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "loadbench:", err)
		os.Exit(1)
	}
}

type config struct {
	portal, dbPath, addr string
	users                int
	duration, warmUp     time.Duration
	checkouts            int
	only                 string
	cpuProfile           string
}

func run(args []string) error {
	fs := flag.NewFlagSet("loadbench", flag.ContinueOnError)
	var c config
	fs.StringVar(&c.portal, "portal", "bin/portal", "the portal binary")
	fs.StringVar(&c.dbPath, "db", "data/bench.db", "the generated data set (make bench-data); DATABASE_URL=postgres://… overrides it")
	fs.StringVar(&c.addr, "addr", "127.0.0.1:18080", "loopback address for the portal under load")
	fs.IntVar(&c.users, "users", 32, "concurrent users")
	fs.DurationVar(&c.duration, "duration", 5*time.Second, "load time per page (bounded)")
	fs.DurationVar(&c.warmUp, "warm-up", time.Second, "unmeasured load before each page's measured load (bounded)")
	fs.IntVar(&c.checkouts, "checkouts", 400, "checkouts to place, over 32 clients")
	fs.StringVar(&c.only, "only", "", "measure only the pages whose name contains this")
	fs.StringVar(&c.cpuProfile, "cpu-profile", "", "have the portal write a CPU profile of the run to this file (go tool pprof)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if c.warmUp < 0 || c.warmUp > c.duration {
		return fmt.Errorf("--warm-up must be between 0 and --duration")
	}
	if !strings.HasPrefix(c.addr, "127.") {
		return fmt.Errorf("the load goes to 127.0.0.1 only, not %s", c.addr)
	}
	dbURL := c.dbPath
	if v := os.Getenv("DATABASE_URL"); v != "" {
		dbURL = v
	} else if _, err := os.Stat(c.dbPath); err != nil {
		return fmt.Errorf("%s: %w (run make bench-data first)", c.dbPath, err)
	}
	srv, err := startPortal(c)
	if err != nil {
		return err
	}
	defer srv.stop()
	base := "http://" + c.addr
	s, err := signIn(base, "globaladmin@contoso.example")
	if err != nil {
		return err
	}
	gdb, err := db.Open(dbURL, clock.System{})
	if err != nil {
		return err
	}
	pages, err := pagesToMeasure(gdb, s, base)
	if err != nil {
		return err
	}
	// How much of the SQLite file the operating system's cache holds, at
	// the start, before the checkouts and at the end (PERF-7).
	var cached []string
	noteCache := func(when string) {
		if dbURL == c.dbPath {
			cached = append(cached, cacheNote(c.dbPath)+" "+when)
		}
	}
	noteCache("before the pages")
	var rows []row
	for _, p := range pages {
		if c.only != "" && !strings.Contains(p.name, c.only) {
			continue
		}
		r, err := measure(c, s, base, p, srv.cpu)
		if err != nil {
			return fmt.Errorf("%s: %w", p.name, err)
		}
		r.peakMB = srv.peakMB()
		rows = append(rows, r)
		fmt.Fprintf(os.Stderr, "measured %s\n", p.name)
	}
	noteCache("before the checkouts")
	co, err := checkouts(c, gdb, base, srv.cpu)
	if err != nil {
		return err
	}
	noteCache("at the end")
	printTable(os.Stdout, rows, co, srv.peakMB())
	if len(cached) > 0 {
		fmt.Printf("SQLite file in the operating system's cache: %s\n", strings.Join(cached, ", "))
	}
	return nil
}

// portalProcess is the server under load.
type portalProcess struct {
	cmd *exec.Cmd
}

func startPortal(c config) (*portalProcess, error) {
	// The portal runs as in production, not in demo mode: the data set holds
	// the demo users already, and demo mode's per-request read of the demo
	// clock is not what a reseller's portal does.
	args := []string{"--bench-static", "--addr", c.addr, "--db", c.dbPath}
	if c.cpuProfile != "" {
		args = append(args, "--cpu-profile", c.cpuProfile)
	}
	cmd := exec.Command(c.portal, args...)
	cmd.Env = append(os.Environ(), "PORTAL_BASE_URL=http://"+c.addr)
	cmd.Stdout, cmd.Stderr = io.Discard, os.Stderr
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("start %s: %w", c.portal, err)
	}
	p := &portalProcess{cmd: cmd}
	waited := clock.StartStopwatch()
	for waited.Elapsed() < 2*time.Minute {
		res, err := http.Get("http://" + c.addr + "/healthz")
		if err == nil {
			res.Body.Close()
			if res.StatusCode == http.StatusOK {
				return p, nil
			}
		}
		time.Sleep(200 * time.Millisecond)
	}
	p.stop()
	return nil, errors.New("the portal did not answer /healthz within 2 minutes")
}

func (p *portalProcess) stop() {
	_ = p.cmd.Process.Signal(os.Interrupt)
	done := make(chan struct{})
	go func() { _ = p.cmd.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(30 * time.Second):
		_ = p.cmd.Process.Kill()
		<-done
	}
}

// peakMB reads the server's peak resident memory (VmHWM) in MB.
func (p *portalProcess) peakMB() float64 {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", p.cmd.Process.Pid))
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		if strings.HasPrefix(line, "VmHWM:") {
			var kb float64
			fmt.Sscanf(strings.TrimSpace(strings.TrimPrefix(line, "VmHWM:")), "%f", &kb)
			return kb / 1024
		}
	}
	return 0
}

// cpu reads the CPU time the server has used so far, user and system
// (/proc/<pid>/stat, in clock ticks of 10 ms). Per request it is a steadier
// figure than requests per second: the load's own work and other programs
// on the machine take turns on the same cores, but not the server's time.
func (p *portalProcess) cpu() time.Duration { return cpuOf(p.cmd.Process.Pid) }

// cpuOf reads the CPU time process pid has used so far.
func cpuOf(pid int) time.Duration {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return 0
	}
	// The command's name, in parentheses, may hold spaces: fields are
	// counted after its closing parenthesis, utime and stime being the
	// 14th and 15th of the line.
	s := string(b)
	f := strings.Fields(s[strings.LastIndexByte(s, ')')+1:])
	if len(f) < 13 {
		return 0
	}
	var utime, stime int64
	fmt.Sscan(f[11], &utime)
	fmt.Sscan(f[12], &stime)
	return time.Duration(utime+stime) * 10 * time.Millisecond
}

// session is a signed-in user: its cookie header and CSRF token.
type session struct {
	client *http.Client
	cookie string
	csrf   string
}

var csrfField = regexp.MustCompile(`name="_csrf" value="([^"]+)"`)

func signIn(base, email string) (*session, error) {
	jar, _ := cookiejar.New(nil)
	cl := &http.Client{Jar: jar, Timeout: 60 * time.Second, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	body, err := get(cl, base+"/login")
	if err != nil {
		return nil, err
	}
	m := csrfField.FindStringSubmatch(body)
	if m == nil {
		return nil, errors.New("no CSRF token on the sign-in page")
	}
	res, err := cl.PostForm(base+"/login", url.Values{"_csrf": {m[1]}, "email": {email}, "password": {"demo-password"}})
	if err != nil {
		return nil, err
	}
	res.Body.Close()
	if res.StatusCode != http.StatusSeeOther {
		return nil, fmt.Errorf("sign-in answered %d", res.StatusCode)
	}
	u, _ := url.Parse(base)
	var parts []string
	for _, ck := range jar.Cookies(u) {
		parts = append(parts, ck.Name+"="+ck.Value)
	}
	s := &session{client: cl, cookie: strings.Join(parts, "; ")}
	// The CSRF token is read from a light page (the shell's sign-out form),
	// so that signing in does not cost a dashboard render.
	home, err := get(cl, base+"/account")
	if err != nil {
		return nil, err
	}
	if m := csrfField.FindStringSubmatch(home); m != nil {
		s.csrf = m[1]
	}
	return s, nil
}

func get(cl *http.Client, u string) (string, error) {
	res, err := cl.Get(u)
	if err != nil {
		return "", err
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		return "", err
	}
	if res.StatusCode != http.StatusOK {
		return "", fmt.Errorf("GET %s: %d", u, res.StatusCode)
	}
	return string(b), nil
}
