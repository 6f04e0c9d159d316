package main

import (
	"context"
	"flag"
	"fmt"
	"os"

	"portal/internal/benchdata"
	"portal/internal/demo"
	"portal/internal/platform/clock"
	"portal/internal/platform/db"
	"portal/internal/schema"
)

// generate builds the partner-scale data set (PERF-5) into a new database:
// the schema, the demo data (catalog, partners, users), then the demo
// partner grown to a large reseller's size.
func generate(args []string) error {
	fs := flag.NewFlagSet("portal generate", flag.ContinueOnError)
	dbPath := fs.String("db", "data/bench.db", "SQLite file to create; DATABASE_URL=postgres://… overrides it")
	full := benchdata.Full()
	nCust := fs.Int("customers", full.Customers, "customers of the demo partner")
	nSubs := fs.Int("subscriptions", full.Subscriptions, "subscriptions, spread over the customers")
	nAct := fs.Int("activity", full.Activity, "activity log entries, over two years")
	seed := fs.Uint64("seed", full.Seed, "random seed: the same seed makes the same data")
	if err := fs.Parse(args); err != nil {
		return err
	}
	url, target := *dbPath, *dbPath
	if v := os.Getenv("DATABASE_URL"); v != "" {
		url, target = v, "the PostgreSQL database of DATABASE_URL"
	} else if _, err := os.Stat(url); err == nil {
		return fmt.Errorf("%s already exists: remove it first (the data set is built once, into a new database)", url)
	}
	ctx := context.Background()
	base := clock.System{}
	gdb, err := db.Open(url, base)
	if err != nil {
		return err
	}
	defer func() {
		if s, err := gdb.DB(); err == nil {
			_ = s.Close()
		}
	}()
	if err := schema.Migrate(gdb); err != nil {
		return err
	}
	if err := demo.Seed(ctx, gdb, base); err != nil {
		return err
	}
	fmt.Fprintf(os.Stderr, "generating %d customers, %d subscriptions, %d activity entries into %s\n", *nCust, *nSubs, *nAct, target)
	rep, err := benchdata.Generate(ctx, gdb, demo.ContosoID, base.Now(), benchdata.Options{
		Customers: *nCust, Subscriptions: *nSubs, Activity: *nAct, Seed: *seed, Progress: os.Stderr,
	})
	if err != nil {
		return err
	}
	fmt.Fprintf(os.Stderr, "generated in %v: %d customers, %d subscriptions, %d orders, %d invoices, %d invoice lines, %d activity entries\n",
		rep.Took.Round(1e9), rep.Customers, rep.Subscriptions, rep.Orders, rep.Invoices, rep.InvoiceLines, rep.Activity)
	return nil
}
