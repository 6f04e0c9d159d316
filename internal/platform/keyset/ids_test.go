package keyset_test

import (
	"testing"

	"portal/internal/platform/keyset"
)

// LOG-2: entries of one instant list in the order they were written.
func TestNewIDsSortInOrderMade_LOG2(t *testing.T) {
	prev := keyset.NewID()
	for i := 0; i < 10000; i++ {
		id := keyset.NewID()
		if id <= prev {
			t.Fatalf("ID %d %s does not sort after %s", i, id, prev)
		}
		prev = id
	}
}
