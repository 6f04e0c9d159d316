package customers

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"gorm.io/gorm"

	"portal/internal/platform/db"
)

const (
	// fillCustomers is how many customers one read of the fill takes.
	fillCustomers = 200
	// fillRows is how many prefix rows one update of the fill writes.
	fillRows = 500
)

// FillSignatures writes each customer's Signature into its search_prefixes
// rows (CUST-1, PERF-2), for a database whose rows were written before
// signatures: customers by batches in ID order, their rows updated by key,
// many in one statement. The hash is computed here, never in SQL. A row no
// customer's terms give keeps the unknown signature, which every filter
// passes.
func FillSignatures(ctx context.Context, g *gorm.DB) error {
	conn := db.Conn(ctx, g)
	after := ""
	for {
		var cs []Customer
		err := conn.Select("id", "partner_id", "name", "name_key", "domain").Where("id > ?", after).Order("id").Limit(fillCustomers).Find(&cs).Error
		if err != nil {
			return fmt.Errorf("customers: fill signatures: %w", err)
		}
		if len(cs) == 0 {
			return nil
		}
		var rows []SearchPrefix
		for _, c := range cs {
			rows = append(rows, prefixRows(c)...)
		}
		for chunk := range slices.Chunk(rows, fillRows) {
			if err := updateSignatures(conn, chunk); err != nil {
				return fmt.Errorf("customers: fill signatures: %w", err)
			}
		}
		after = cs[len(cs)-1].ID
	}
}

// updateSignatures sets the signature of each row, found by its key, in
// one statement joined with the rows' values (UPDATE … FROM VALUES reads
// each row by its primary key on both engines).
func updateSignatures(conn *gorm.DB, rows []SearchPrefix) error {
	var q strings.Builder
	args := make([]any, 0, 6*len(rows))
	q.WriteString("UPDATE search_prefixes SET sig_a = v.column5, sig_b = v.column6 FROM (VALUES ")
	for i, r := range rows {
		if i > 0 {
			q.WriteString(", ")
		}
		q.WriteString("(?, ?, ?, ?, CAST(? AS BIGINT), CAST(? AS BIGINT))")
		args = append(args, r.PartnerID, r.Prefix, r.NameKey, r.CustomerID, r.SigA, r.SigB)
	}
	q.WriteString(") AS v WHERE search_prefixes.partner_id = v.column1 AND search_prefixes.prefix = v.column2" +
		" AND search_prefixes.name_key = v.column3 AND search_prefixes.customer_id = v.column4")
	return conn.Exec(q.String(), args...).Error
}
