package customers_test

import (
	"cmp"
	"context"
	"database/sql"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"

	"gorm.io/gorm"

	"portal/internal/benchdata"
	"portal/internal/customers"
	"portal/internal/platform/clock"
	"portal/internal/testkit"
)

// benchCustomers is the partner's size in the benchmarks (PERF-2).
const benchCustomers = 100_000

// Words the generated names are known to hold (see benchdata).
const (
	commonWord  = benchdata.CommonWord
	commonWord2 = benchdata.CommonWord2
	rareWord    = benchdata.RareWord
)

var (
	segments  = customers.Segments()
	countries = []string{"US", "US", "US", "GB", "DE", "FR", "CA", "AU", "NL", "CH", "ES", "IT", "JP", "BR"}
)

// benchDB opens a new database holding n generated customers of partnerA
// and a few of partnerB, built in one transaction with multi-row inserts.
// Nothing is kept between runs. On SQLite ANALYZE is not run: the portal
// never runs it, so the plans must be good without statistics.
func benchDB(tb testing.TB, n int) *gorm.DB {
	tb.Helper()
	t0 := time.Date(2025, 3, 1, 12, 0, 0, 0, time.UTC)
	g := testkit.OpenDB(tb, clock.NewManual(t0))
	sqlDB, err := g.DB()
	if err != nil {
		tb.Fatal(err)
	}
	// The load runs on one connection with a large page cache, restored
	// before the connection goes back to the pool, so the searches measured
	// run with the portal's settings.
	ctx := context.Background()
	conn, err := sqlDB.Conn(ctx)
	if err != nil {
		tb.Fatal(err)
	}
	defer conn.Close()
	pg := testkit.Postgres()
	if !pg {
		var cacheSize int
		if err := conn.QueryRowContext(ctx, "PRAGMA cache_size").Scan(&cacheSize); err != nil {
			tb.Fatal(err)
		}
		if _, err := conn.ExecContext(ctx, "PRAGMA cache_size = -262144"); err != nil {
			tb.Fatal(err)
		}
		defer func() {
			if _, err := conn.ExecContext(ctx, fmt.Sprintf("PRAGMA cache_size = %d", cacheSize)); err != nil {
				tb.Fatal(err)
			}
		}()
	}
	tx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		tb.Fatal(err)
	}
	// A failure below ends the transaction before the connection closes
	// (closing waits for it); after the commit this does nothing.
	defer func() { _ = tx.Rollback() }()
	// The secondary indexes are dropped for the load and built again after
	// it, which sorts once instead of inserting at random places.
	indexes := dropIndexes(tb, tx, pg, "customers", "search_terms", "search_prefixes")
	const custCols, termCols, batch = 14, 3, 200
	insC := newBatchInsert(tb, tx, pg, "customers", "id, partner_id, name, name_key, domain, tenant_id, country, segment, contact_name, contact_email, contact_phone, opened_at, relationship, created_at", custCols, batch)
	insT := newBatchInsert(tb, tx, pg, "search_terms", "partner_id, term, customer_id", termCols, batch)
	insP := newBatchInsert(tb, tx, pg, "search_prefixes", "partner_id, prefix, name_key, customer_id, segment, country, sig_a, sig_b", 8, batch)
	r := rand.New(rand.NewPCG(2025, 3))
	uid := func() string {
		return fmt.Sprintf("%08x-%04x-4%03x-8%03x-%012x", r.Uint32(), r.IntN(1<<16), r.IntN(1<<12), r.IntN(1<<12), r.Uint64()&(1<<48-1))
	}
	// Rows are written in key order, so each table and its primary key
	// grow at the end.
	var cs [][]any
	var terms [][3]string
	var prefixes [][]any
	for i := range n + 50 {
		partner := partnerA
		if i >= n {
			partner = partnerB // another partner's customers share the tables
		}
		name, domain := benchdata.CompanyName(r, i)
		id := uid()
		country, segment := countries[r.IntN(len(countries))], segments[r.IntN(len(segments))]
		cs = append(cs, []any{id, partner, name, customers.Fold(name), domain, uid(), country,
			segment, "Kim Akers", "kim@" + domain, "+1 425 555 0100", t0, customers.RelationshipNone, t0})
		ts := customers.SearchTerms(name, domain)
		for _, term := range ts {
			terms = append(terms, [3]string{partner, term, id})
		}
		ps := customers.Prefixes(ts)
		sig := customers.SignatureOf(ps)
		for _, p := range slices.Concat(ps, customers.PairKeys(ts)) {
			prefixes = append(prefixes, []any{partner, p, customers.Fold(name), id, segment, country, sig.A, sig.B})
		}
	}
	slices.SortFunc(cs, func(a, b []any) int { return strings.Compare(a[0].(string), b[0].(string)) })
	slices.SortFunc(terms, func(a, b [3]string) int {
		return cmp.Or(strings.Compare(a[0], b[0]), strings.Compare(a[1], b[1]), strings.Compare(a[2], b[2]))
	})
	slices.SortFunc(prefixes, func(a, b []any) int {
		for i := range 4 {
			if c := strings.Compare(a[i].(string), b[i].(string)); c != 0 {
				return c
			}
		}
		return 0
	})
	for _, c := range cs {
		insC.add(c...)
	}
	for _, t := range terms {
		insT.add(t[0], t[1], t[2])
	}
	for _, p := range prefixes {
		insP.add(p...)
	}
	insC.flush()
	insT.flush()
	insP.flush()
	for _, ddl := range indexes {
		if _, err := tx.Exec(ddl); err != nil {
			tb.Fatal(err)
		}
	}
	if err := tx.Commit(); err != nil {
		tb.Fatal(err)
	}
	if pg {
		// PostgreSQL's autovacuum vacuums and analyzes a table after such a
		// load; done here at once so the plans are the ones a running
		// server gets, and its index-only scans read no table row (the
		// visibility map is set).
		if err := g.Exec("VACUUM ANALYZE customers, search_terms, search_prefixes").Error; err != nil {
			tb.Fatal(err)
		}
	}
	return g
}

// dropIndexes drops the secondary indexes of the tables and returns the
// statements that create them again.
func dropIndexes(tb testing.TB, tx *sql.Tx, pg bool, tables ...string) []string {
	tb.Helper()
	// The primary keys stay: SQLite's have no sql, PostgreSQL's are constraints.
	list := "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL"
	if pg {
		list = "SELECT i.indexname, i.indexdef FROM pg_indexes i WHERE i.schemaname = current_schema() AND i.tablename = $1" +
			" AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)"
	}
	var names, ddls []string
	for _, t := range tables {
		rows, err := tx.Query(list, t)
		if err != nil {
			tb.Fatal(err)
		}
		for rows.Next() {
			var name, ddl string
			if err := rows.Scan(&name, &ddl); err != nil {
				tb.Fatal(err)
			}
			names, ddls = append(names, name), append(ddls, ddl)
		}
		if err := rows.Close(); err != nil {
			tb.Fatal(err)
		}
	}
	for _, n := range names {
		if _, err := tx.Exec(`DROP INDEX "` + n + `"`); err != nil {
			tb.Fatal(err)
		}
	}
	return ddls
}

// batchInsert writes rows by batches of one multi-row INSERT statement.
type batchInsert struct {
	tb         testing.TB
	tx         *sql.Tx
	pg         bool // PostgreSQL's placeholders are numbered
	table, col string
	cols, size int
	full       *sql.Stmt
	args       []any
}

func newBatchInsert(tb testing.TB, tx *sql.Tx, pg bool, table, cols string, n, size int) *batchInsert {
	b := &batchInsert{tb: tb, tx: tx, pg: pg, table: table, col: cols, cols: n, size: size}
	st, err := tx.Prepare(b.sql(size))
	if err != nil {
		tb.Fatal(err)
	}
	b.full = st
	return b
}

func (b *batchInsert) sql(rows int) string {
	var sb strings.Builder
	sb.WriteString("INSERT INTO " + b.table + " (" + b.col + ") VALUES ")
	for r := range rows {
		if r > 0 {
			sb.WriteString(",")
		}
		sb.WriteString("(")
		for c := range b.cols {
			if c > 0 {
				sb.WriteString(",")
			}
			if b.pg {
				fmt.Fprintf(&sb, "$%d", r*b.cols+c+1)
			} else {
				sb.WriteString("?")
			}
		}
		sb.WriteString(")")
	}
	return sb.String()
}

func (b *batchInsert) add(vals ...any) {
	b.args = append(b.args, vals...)
	if len(b.args) == b.cols*b.size {
		if _, err := b.full.Exec(b.args...); err != nil {
			b.tb.Fatal(err)
		}
		b.args = b.args[:0]
	}
}

func (b *batchInsert) flush() {
	if len(b.args) == 0 {
		return
	}
	if _, err := b.tx.Exec(b.sql(len(b.args)/b.cols), b.args...); err != nil {
		b.tb.Fatal(err)
	}
	b.args = b.args[:0]
}

// PERF-2: one page of the customer list and its capped count, as the list
// page asks for them, on 100,000 customers: no filter, a segment, a rare
// word, a word in 12% of names, two common words rarely together, deep
// keyset pages. The figures are reported, not asserted.
func BenchmarkCustomerSearch_PERF2(b *testing.B) {
	start := time.Now()
	g := benchDB(b, benchCustomers)
	b.Logf("built %d customers in %v", benchCustomers, time.Since(start).Round(time.Millisecond))
	s := &customers.Store{DB: g}
	ctx := context.Background()
	// The cursor of a row nine tenths down the list.
	var deep customers.Customer
	if err := g.Where("partner_id = ?", partnerA).Order("name_key, id").Offset(benchCustomers * 9 / 10).Take(&deep).Error; err != nil {
		b.Fatal(err)
	}
	deepCur := customers.CursorOf(deep)
	cases := []struct {
		name string
		q    customers.ListQuery
	}{
		{"none", customers.ListQuery{}},
		{"segment", customers.ListQuery{Filter: customers.Filter{Segment: customers.Education}}},
		{"rare_word", customers.ListQuery{Filter: customers.Filter{Q: rareWord}}},
		{"common_word", customers.ListQuery{Filter: customers.Filter{Q: commonWord}}},
		{"common_word_segment", customers.ListQuery{Filter: customers.Filter{Q: commonWord, Segment: customers.Nonprofit}}},
		{"common_word_rare_country", customers.ListQuery{Filter: customers.Filter{Q: commonWord, Country: "JP"}}},
		{"segment_rare_country", customers.ListQuery{Filter: customers.Filter{Segment: customers.Government, Country: "JP"}}},
		{"common_word_segment_rare_country", customers.ListQuery{Filter: customers.Filter{Q: commonWord, Segment: customers.Government, Country: "JP"}}},
		{"common_prefix", customers.ListQuery{Filter: customers.Filter{Q: "s"}}},
		{"common_pair_rarely_together", customers.ListQuery{Filter: customers.Filter{Q: commonWord + " " + commonWord2}}},
		{"common_pair_often_together", customers.ListQuery{Filter: customers.Filter{Q: commonWord + " inc"}}},
		{"no_match", customers.ListQuery{Filter: customers.Filter{Q: "services zzz"}}},
		{"deep_page", customers.ListQuery{After: &deepCur}},
		{"deep_page_desc", customers.ListQuery{After: &deepCur, Desc: true}},
		{"deep_page_common_word", customers.ListQuery{Filter: customers.Filter{Q: commonWord}, After: &deepCur}},
		{"deep_page_common_pair", customers.ListQuery{Filter: customers.Filter{Q: commonWord + " " + commonWord2}, After: &deepCur}},
	}
	for _, c := range cases {
		c.q.Limit = 25
		p, err := s.List(ctx, partnerA, c.q)
		if err != nil {
			b.Fatal(err)
		}
		n, capped, err := s.Count(ctx, partnerA, c.q.Filter, 1000)
		if err != nil {
			b.Fatal(err)
		}
		b.Logf("%s: %d rows on the page, count %d (capped %v)", c.name, len(p.Customers), n, capped)
		b.Run("list/"+c.name, func(b *testing.B) {
			for b.Loop() {
				if _, err := s.List(ctx, partnerA, c.q); err != nil {
					b.Fatal(err)
				}
			}
		})
		if c.q.After != nil {
			continue // the count does not depend on the page
		}
		b.Run("count/"+c.name, func(b *testing.B) {
			for b.Loop() {
				if _, _, err := s.Count(ctx, partnerA, c.q.Filter, 1000); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
