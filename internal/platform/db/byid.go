package db

import "gorm.io/gorm/clause"

// PartnersByID is the condition of a statement that reads a few rows of a
// partner's table by their IDs (the entries of a page, the parents of its
// add-ons): the rows whose id is one of ids and whose partner_id is
// partnerID (PERF-1, PERF-2). The primary key serves it on both engines;
// the partner is checked on each row read, through an expression no index
// serves. With a plain partner_id = ? beside the IDs, SQLite without
// statistics (the portal gathers none) prefers an index that starts with
// the partner and reads the partner's whole range of it: seconds at a
// large partner's size, for a handful of rows.
func PartnersByID(ids []string, partnerID string) clause.Expr {
	return clause.Expr{SQL: "id IN ? AND partner_id || '' = ?", Vars: []any{ids, partnerID}}
}
