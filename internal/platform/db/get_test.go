package db_test

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"gorm.io/gorm"

	"portal/internal/platform/apperr"
	"portal/internal/platform/clock"
	"portal/internal/platform/db"
)

type thing struct {
	ID        string `gorm:"primaryKey;size:36"`
	PartnerID string `gorm:"size:36;not null"`
	Name      string
}

var errThingNotFound = fmt.Errorf("things: %w", apperr.ErrNotFound)

// AUTH-1: one partner's row is found by its ID; another partner's, an
// unknown ID and a malformed one are all the store's not-found.
func TestGet_ScopedByPartner(t *testing.T) {
	g, err := db.Open(filepath.Join(t.TempDir(), "get.db"), clock.NewManual(time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if s, err := g.DB(); err == nil {
			_ = s.Close()
		}
	})
	if err := g.AutoMigrate(&thing{}); err != nil {
		t.Fatal(err)
	}
	const id = "6f1c1d52-8a40-4d7b-9a55-8f2f4ad2f0a1"
	if err := g.Create(&thing{ID: id, PartnerID: "p1", Name: "mine"}).Error; err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	got, err := db.Get[thing](ctx, g, "p1", id, errThingNotFound)
	if err != nil || got.Name != "mine" {
		t.Fatalf("own row: %+v, %v", got, err)
	}
	for name, c := range map[string]struct{ partner, id string }{
		"another partner's": {"p2", id},
		"unknown":           {"p1", "0b7d3c7e-2f7e-4f0e-8e65-3a5b7c9d1e2f"},
		"malformed":         {"p1", "not-a-uuid"},
		"empty":             {"p1", ""},
	} {
		if _, err := db.Get[thing](ctx, g, c.partner, c.id, errThingNotFound); !errors.Is(err, errThingNotFound) || !errors.Is(err, apperr.ErrNotFound) {
			t.Errorf("%s: %v, want the store's not-found", name, err)
		}
	}
	if _, err := db.Get[thing](ctx, g, "p2", id, nil); !errors.Is(err, apperr.ErrNotFound) {
		t.Errorf("nil sentinel: %v, want apperr.ErrNotFound", err)
	}
	// Inside a transaction the read sees the transaction's own writes.
	const id2 = "9a0e2c44-1b3d-4c5e-8f60-718293a4b5c6"
	err = db.Tx(ctx, g, func(ctx context.Context, tx *gorm.DB) error {
		if err := tx.Create(&thing{ID: id2, PartnerID: "p1", Name: "new"}).Error; err != nil {
			return err
		}
		_, err := db.Get[thing](ctx, g, "p1", id2, errThingNotFound)
		return err
	})
	if err != nil {
		t.Fatalf("read inside the transaction: %v", err)
	}
}
