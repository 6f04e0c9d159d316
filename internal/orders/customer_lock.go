package orders

import (
	"gorm.io/gorm"

	"portal/internal/customers"
	"portal/internal/platform/db"
)

// lockCustomer makes checkouts for one customer run one after the other
// until the transaction ends; another partner's customer is not found.
// PostgreSQL takes the customer's row with a no-op write. SQLite needs no
// row lock: a transaction holds the database's write lock from its start
// (BEGIN IMMEDIATE on the one writer connection, db.Tx), so a read is
// enough, and the commit writes no customer page.
func lockCustomer(tx *gorm.DB, partnerID, customerID string) error {
	if !db.Postgres(tx) {
		var found []string
		err := tx.Raw("SELECT id FROM customers WHERE id = ? AND partner_id = ?", customerID, partnerID).Scan(&found).Error
		if err != nil {
			return err
		}
		if len(found) == 0 {
			return customers.ErrNotFound
		}
		return nil
	}
	lock := tx.Exec("UPDATE customers SET relationship = relationship WHERE id = ? AND partner_id = ?", customerID, partnerID)
	if lock.Error != nil {
		return lock.Error
	}
	if lock.RowsAffected == 0 {
		return customers.ErrNotFound
	}
	return nil
}
