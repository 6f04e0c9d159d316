package db

import (
	"errors"

	"github.com/jackc/pgx/v5/pgconn"
)

// txAttempts bounds how often a transaction runs when PostgreSQL aborts it
// for a deadlock or a serialization failure.
const txAttempts = 4

// retryable reports whether PostgreSQL aborted a transaction that can simply
// run again: a deadlock (40P01) or a serialization failure (40001). The
// aborted attempt changed nothing, so the user sees the retry's outcome
// instead of an error.
func retryable(err error) bool {
	var pe *pgconn.PgError
	return errors.As(err, &pe) && (pe.Code == "40P01" || pe.Code == "40001")
}
