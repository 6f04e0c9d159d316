package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"

	"gorm.io/gorm"

	"portal/internal/platform/db"
	"portal/web"
)

// serve runs the portal until SIGTERM or SIGINT, then stops in order (OPS-5):
// it stops taking requests and lets those in flight finish (up to timeout),
// stops the lifecycle engine after its running pass, checkpoints and closes
// the database, and logs that it stopped. metricsAddr, when set, serves
// /metrics on a listener of its own (OPS-4).
func serve(ctx context.Context, log *slog.Logger, srv *web.Server, gdb *gorm.DB, addr, metricsAddr string, demoMode bool, timeout time.Duration) error {
	stop, cancel := signal.NotifyContext(ctx, os.Interrupt, syscall.SIGTERM)
	defer cancel()

	var servers []*http.Server
	errc := make(chan error, 2)
	start := func(addr, what string, h http.Handler) error {
		ln, err := net.Listen("tcp", addr)
		if err != nil {
			return err
		}
		hs := &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second, ReadTimeout: 60 * time.Second, WriteTimeout: 120 * time.Second, IdleTimeout: 120 * time.Second}
		servers = append(servers, hs)
		go func() { errc <- hs.Serve(ln) }()
		log.Info(what+" listening", "url", "http://"+ln.Addr().String(), "demo", demoMode)
		return nil
	}
	if err := start(addr, "portal", srv); err != nil {
		return err
	}
	if metricsAddr != "" {
		mux := http.NewServeMux()
		mux.Handle("GET /metrics", srv.MetricsHandler())
		if err := start(metricsAddr, "metrics", mux); err != nil {
			return errors.Join(err, shutdown(log, servers, timeout), closeDB(gdb))
		}
	}
	background := make(chan struct{})
	go func() {
		defer close(background)
		srv.RunBackground(stop)
	}()

	var failed error
	select {
	case err := <-errc:
		failed = fmt.Errorf("serve: %w", err)
		log.Error("server failed, stopping", "err", err)
	case <-stop.Done():
		log.Info("stopping: no new requests, finishing those in flight", "timeout", timeout)
	}
	cancel()
	errShutdown := shutdown(log, servers, timeout)
	<-background // the lifecycle pass that was running has finished
	errClose := closeDB(gdb)
	if err := errors.Join(failed, errShutdown, errClose); err != nil {
		return err
	}
	log.Info("portal stopped")
	return nil
}

// shutdown stops the servers taking requests and waits up to timeout for
// those in flight.
func shutdown(log *slog.Logger, servers []*http.Server, timeout time.Duration) error {
	ctx, done := context.WithTimeout(context.Background(), timeout)
	defer done()
	var errs []error
	for _, hs := range servers {
		if err := hs.Shutdown(ctx); err != nil {
			log.Error("requests still running at the shutdown timeout", "err", err)
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}

// closeDB closes the database; SQLite first folds its write-ahead log into
// the database file and truncates it, so the file alone is the whole
// database (db.Close).
func closeDB(gdb *gorm.DB) error { return db.Close(gdb) }
