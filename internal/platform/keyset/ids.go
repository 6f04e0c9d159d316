package keyset

import "github.com/google/uuid"

// NewID returns the ID of a row in a list sorted by (time, id): a UUID
// version 7, which sorts after every ID this process made before it. Rows
// written in the same instant (one checkout's entries and invoice lines, or
// a test's fixed clock) then read back in the order they were written, on
// both engines, instead of in the order of random IDs.
func NewID() string { return uuid.Must(uuid.NewV7()).String() }
