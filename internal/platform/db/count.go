package db

import (
	"gorm.io/gorm"
)

// CountCap is how far a list counts its matching rows (UX-4): beyond it a
// list says "1,000+", so a count never reads more than this many index
// entries whatever the table's size (PERF-2).
const CountCap = 1000

// CountCapped counts the rows of q up to limit, reading at most limit+1
// rows through a LIMIT subquery that the filter's index serves: it returns
// the count and whether there are more than limit. q must carry its
// filters and no order.
func CountCapped(q *gorm.DB, limit int) (int64, bool, error) {
	var n int64
	sub := q.Session(&gorm.Session{}).Select("1").Limit(limit + 1)
	if err := q.Session(&gorm.Session{NewDB: true}).Table("(?) AS capped", sub).Count(&n).Error; err != nil {
		return 0, false, err
	}
	if n > int64(limit) {
		return int64(limit), true, nil
	}
	return n, false, nil
}
