package db_test

import (
	"context"
	"reflect"
	"strings"
	"testing"
	"time"

	"gorm.io/gorm"

	"portal/internal/platform/clock"
	"portal/internal/platform/db"
	"portal/internal/platform/money"
	"portal/internal/testkit"
)

// inserted has a field of each kind the portal's models hold, a default
// that is the zero value, names that need quoting, and an automatic time.
type inserted struct {
	ID        string `gorm:"primaryKey;size:36"`
	PartnerID string `gorm:"size:36;not null;index"`
	Quantity  int    `gorm:"not null"`
	Total     money.Cents
	Renews    bool       `gorm:"not null;default:false"`
	Note      string     `gorm:"size:40;not null;default:''"`
	Ends      *time.Time `gorm:"index"`
	Before    string     `gorm:"column:before;not null;default:''"`
	At        time.Time  `gorm:"not null"`
	CreatedAt time.Time
}

type withHook struct{ ID string }

func (*withHook) BeforeCreate(*gorm.DB) error { return nil }

type withDefault struct {
	ID     string `gorm:"primaryKey"`
	Status string `gorm:"not null;default:'active'"`
}

// PERF-7: a row written by Insert reads back as the same row written by
// GORM's Create, on both engines: every field set (a time with its
// nanoseconds, a time pointer, negative cents, a quoted column's text) and
// every field zero (the automatic time then set from the clock, as Create
// sets it), inside a transaction too; a unique key's violation is the error
// Create returns. A model Create would write otherwise is refused.
func TestInsertWritesWhatCreateWrites_PERF7(t *testing.T) {
	now := time.Date(2026, 3, 31, 23, 59, 59, 123456000, time.UTC)
	g, _ := testkit.OpenEmpty(t, clock.NewManual(now))
	if err := g.AutoMigrate(&inserted{}, &withHook{}, &withDefault{}); err != nil {
		t.Fatal(err)
	}
	ends := now.AddDate(0, 1, 0)
	full := inserted{PartnerID: "p1", Quantity: 7, Total: -123456, Renews: true, Note: "l'été \"x\"", Ends: &ends,
		Before: `{"quantity":3}`, At: now.Add(-time.Hour), CreatedAt: now.Add(-2 * time.Hour)}
	for name, row := range map[string]inserted{"every field set": full, "every field zero": {}} {
		viaCreate, viaInsert := row, row
		viaCreate.ID, viaInsert.ID = name+" create", name+" insert"
		if err := g.Create(&viaCreate).Error; err != nil {
			t.Fatal(err)
		}
		if err := db.Insert(g, &viaInsert); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if !viaInsert.CreatedAt.Equal(viaCreate.CreatedAt) {
			t.Fatalf("%s: created at %v in the row, Create set %v", name, viaInsert.CreatedAt, viaCreate.CreatedAt)
		}
		var created, got inserted
		if err := g.First(&created, "id = ?", viaCreate.ID).Error; err != nil {
			t.Fatal(err)
		}
		if err := g.First(&got, "id = ?", viaInsert.ID).Error; err != nil {
			t.Fatal(err)
		}
		got.ID = created.ID
		if !reflect.DeepEqual(got, created) {
			t.Fatalf("%s: Insert wrote\n%+v\nCreate wrote\n%+v", name, got, created)
		}
	}

	ctx := context.Background()
	inTx := full
	inTx.ID = "in a transaction"
	err := db.Tx(ctx, g, func(ctx context.Context, tx *gorm.DB) error {
		if err := db.Insert(tx, &inTx); err != nil {
			return err
		}
		var n int64
		if err := tx.Model(&inserted{}).Where("id = ?", inTx.ID).Count(&n).Error; err != nil || n != 1 {
			t.Fatalf("the transaction does not see its row: %d, %v", n, err)
		}
		return context.Canceled // rolls back
	})
	if err == nil {
		t.Fatal("the transaction did not fail")
	}
	var left int64
	g.Model(&inserted{}).Where("id = ?", inTx.ID).Count(&left)
	if left != 0 {
		t.Fatal("a row inserted in a transaction rolled back was kept")
	}

	again := full
	again.ID = "every field set insert"
	if err := db.Insert(g, &again); !db.IsUniqueViolation(err) {
		t.Fatalf("a second row with the same key: %v", err)
	}

	if err := db.Insert(g, &withHook{ID: "h"}); err == nil || !strings.Contains(err.Error(), "hooks") {
		t.Fatalf("a model with a create hook: %v", err)
	}
	if err := db.Insert(g, &withDefault{ID: "d"}); err == nil || !strings.Contains(err.Error(), "default") {
		t.Fatalf("a model with a default other than zero: %v", err)
	}
}
