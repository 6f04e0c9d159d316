package activity

import (
	"context"

	"gorm.io/gorm"
)

// ListSQL returns the SQL that List runs, for the query-plan test.
func ListSQL(g *gorm.DB, partnerID string, f Filter, cur Cursor, limit int) string {
	return g.ToSQL(func(tx *gorm.DB) *gorm.DB {
		var rows []Entry
		return Log{DB: tx}.query(context.Background(), partnerID, f, cur).Limit(limit + 1).Find(&rows)
	})
}
