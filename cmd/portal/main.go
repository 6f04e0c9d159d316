// Command portal runs the partner portal: it reads its configuration, opens
// and migrates the database, seeds demo data in demo mode, and serves HTTP.
// `portal migrate [status|up]` prints the migrations, or (up, the default)
// applies the missing ones and prints them.
package main

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"net"
	"os"
	"runtime/pprof"
	"strings"
	"time"

	"gorm.io/gorm"

	"portal/internal/demo"
	"portal/internal/platform/clock"
	"portal/internal/platform/db"
	"portal/internal/platform/i18n"
	"portal/internal/platform/settings"
	"portal/internal/schema"
	"portal/web"
)

func main() {
	if err := run(os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "portal:", err)
		os.Exit(1)
	}
}

func run(args []string) error {
	if len(args) > 0 && args[0] == "generate" {
		return generate(args[1:])
	}
	if len(args) > 0 && args[0] == "migrate" {
		return runMigrate(args[1:], os.Stdout)
	}
	fs := flag.NewFlagSet("portal", flag.ContinueOnError)
	addr := fs.String("addr", "127.0.0.1:8080", "address to listen on")
	dbPath := fs.String("db", "data/portal.db", "SQLite file (created if missing); DATABASE_URL=postgres://… overrides it")
	demoMode := fs.Bool("demo", false, "seed demo data if not there yet, and enable the demo clock")
	demoPublic := fs.Bool("demo-public", false, "allow demo mode on a non-loopback address")
	verbose := fs.Bool("v", false, "log every request")
	benchStatic := fs.Bool("bench-static", false, "serve /static/bench/{bytes}, the load benchmark's yardstick (make bench)")
	metricsAddr := fs.String("metrics-addr", "", "also serve /metrics (Prometheus) on this address, e.g. 127.0.0.1:9090; off when empty")
	shutdownTimeout := fs.Duration("shutdown-timeout", 20*time.Second, "on SIGTERM, how long requests in flight may take to finish")
	cpuProfile := fs.String("cpu-profile", "", "write a CPU profile (go tool pprof) of the whole run to this file, for speed work")
	if err := fs.Parse(args); err != nil {
		return err
	}
	tuneGC(os.Getenv)
	if *cpuProfile != "" {
		stop, err := startCPUProfile(*cpuProfile)
		if err != nil {
			return err
		}
		defer stop()
	}
	level := slog.LevelInfo
	if *verbose {
		level = slog.LevelDebug
	}
	log := slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: level}))
	slog.SetDefault(log)

	// RUN-2: demo users and their shared password only ever listen on loopback,
	// unless the operator says otherwise.
	if err := checkDemoAddr(*addr, *demoMode, *demoPublic); err != nil {
		return err
	}
	baseURL, err := publicAddress(os.Getenv("PORTAL_BASE_URL"), *addr, *demoMode)
	if err != nil {
		return err
	}

	url := *dbPath
	if v := os.Getenv("DATABASE_URL"); v != "" {
		url = v
	}
	base := clock.System{}
	gdb, err := db.Open(url, base)
	if err != nil {
		return err
	}
	ctx := context.Background()
	// OPS-2: the server applies the migrations the database lacks.
	applied, err := schema.Up(ctx, gdb)
	if err != nil {
		return err
	}
	if len(applied) > 0 {
		log.Info("database migrated", "versions", applied)
	}

	var clk clock.Clock = base
	var demoClock *clock.Offset
	if *demoMode {
		demoClock, err = demo.Clock(ctx, gdb, base)
		if err != nil {
			return err
		}
		clk = demoClock
		if err := demo.Seed(ctx, gdb, clk); err != nil {
			return err
		}
	}

	key, err := sessionKey(ctx, gdb)
	if err != nil {
		return err
	}

	srv, err := web.New(web.Config{
		DB: gdb, Clock: clk, SessionClock: base, Bundle: i18n.MustLoad(), SessionKey: key,
		Secure: os.Getenv("PORTAL_SECURE_COOKIES") == "1", Demo: *demoMode, DemoClock: demoClock, Logger: log,
		BenchStatic:  *benchStatic,
		MetricsToken: os.Getenv("PORTAL_METRICS_TOKEN"),
		Ready:        func(ctx context.Context) error { return schema.Ready(ctx, gdb) },
		BaseURL:      baseURL,
	})
	if err != nil {
		return err
	}
	return serve(ctx, log, srv, gdb, *addr, *metricsAddr, *demoMode, *shutdownTimeout)
}

// startCPUProfile profiles the process into path until stop is called.
func startCPUProfile(path string) (stop func(), err error) {
	f, err := os.Create(path)
	if err != nil {
		return nil, fmt.Errorf("cpu profile: %w", err)
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Close()
		return nil, fmt.Errorf("cpu profile: %w", err)
	}
	return func() { pprof.StopCPUProfile(); f.Close() }, nil
}

// sessionKey returns the 64-byte session key: PORTAL_SESSION_KEY (hex) when
// set, else one generated once and kept in the database, so every node that
// shares the database accepts the same sessions.
func sessionKey(ctx context.Context, gdb *gorm.DB) ([]byte, error) {
	hexKey := os.Getenv("PORTAL_SESSION_KEY")
	if hexKey == "" {
		var err error
		hexKey, err = settings.Store{DB: gdb}.GetOrCreate(ctx, "session_key", func() string {
			b := make([]byte, 64)
			if _, err := rand.Read(b); err != nil {
				panic(err)
			}
			return hex.EncodeToString(b)
		})
		if err != nil {
			return nil, err
		}
	}
	key, err := hex.DecodeString(hexKey)
	if err != nil || len(key) != 64 {
		return nil, fmt.Errorf("session key must be 64 bytes in hex")
	}
	return key, nil
}

// publicAddress is the portal's public address for absolute links
// (AUTH-13): PORTAL_BASE_URL; in demo mode it defaults to http:// and the
// listen address. Outside demo mode it must be set, since the request's Host
// header may not be trusted.
func publicAddress(env, addr string, demoMode bool) (string, error) {
	if env == "" {
		if !demoMode {
			return "", errors.New("set PORTAL_BASE_URL to the portal's public address, such as https://portal.example.com")
		}
		env = "http://" + addr
	}
	return web.CheckBaseURL(env)
}

// checkDemoAddr refuses demo mode on an address other than loopback unless
// demoPublic says so (RUN-2): the demo users share a published password.
func checkDemoAddr(addr string, demoMode, demoPublic bool) error {
	if demoMode && !demoPublic && !isLoopback(addr) {
		return fmt.Errorf("demo mode listens only on a loopback address (got %q); add --demo-public to allow it", addr)
	}
	return nil
}

// isLoopback reports whether addr ("host:port", or a bare host) names only
// the loopback interface. An empty host listens on every interface.
func isLoopback(addr string) bool {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		host = strings.Trim(addr, "[]")
	}
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}
