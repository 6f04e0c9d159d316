package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"

	"portal/internal/platform/clock"
	"portal/internal/platform/db"
	"portal/internal/schema"
)

// runMigrate is `portal migrate [status|up]` (OPS-2): status prints each
// migration and whether the database has it; up applies what is missing,
// as the server does at start.
func runMigrate(args []string, out io.Writer) error {
	fs := flag.NewFlagSet("portal migrate", flag.ContinueOnError)
	dbPath := fs.String("db", "data/portal.db", "SQLite file (created if missing); DATABASE_URL=postgres://… overrides it")
	fs.Usage = func() {
		fmt.Fprintln(fs.Output(), "usage: portal migrate [--db FILE] [status|up]   (no action: up)")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return err
	}
	// Without an action it applies what is missing and prints the state
	// (OPS-2), as the server does at start; status only reads.
	action := fs.Arg(0)
	if action == "" {
		action = "up"
	}
	if fs.NArg() > 1 || (action != "status" && action != "up") {
		fs.Usage()
		return fmt.Errorf("migrate: unknown action %q", fs.Args())
	}
	url := *dbPath
	if v := os.Getenv("DATABASE_URL"); v != "" {
		url = v
	}
	gdb, err := db.Open(url, clock.System{})
	if err != nil {
		return err
	}
	if s, err := gdb.DB(); err == nil {
		defer s.Close()
	}
	ctx := context.Background()
	if action == "up" {
		applied, err := schema.Up(ctx, gdb)
		if err != nil {
			return err
		}
		fmt.Fprintf(out, "applied %d migration(s) %v\n", len(applied), applied)
	}
	st, err := schema.Status(ctx, gdb)
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "database: %s\n", schema.Engine(gdb))
	for _, s := range st {
		state := "pending"
		if s.Applied {
			state = "applied " + s.AppliedAt.UTC().Format("2006-01-02 15:04:05 UTC")
		}
		fmt.Fprintf(out, "%05d  %-40s %s\n", s.Version, s.Name, state)
	}
	return nil
}
