package db_test

import (
	"testing"
	"time"

	"portal/internal/platform/clock"
	"portal/internal/testkit"
)

type stamp struct {
	ID string `gorm:"primaryKey;size:36"`
	At time.Time
}

// OPS-1: a time is read back as the same instant, in UTC, on both engines,
// whatever the machine's time zone (pages show times in UTC).
func TestTimesReadBackInUTC_OPS1(t *testing.T) {
	saved := time.Local
	time.Local = time.FixedZone("UTC+5", 5*3600)
	t.Cleanup(func() { time.Local = saved })
	g := testkit.OpenDB(t, clock.NewManual(testkit.Start))
	if err := g.AutoMigrate(&stamp{}); err != nil {
		t.Fatal(err)
	}
	at := time.Date(2026, 11, 30, 23, 30, 0, 0, time.UTC)
	if err := g.Create(&stamp{ID: "a", At: at}).Error; err != nil {
		t.Fatal(err)
	}
	var got stamp
	if err := g.Take(&got, "id = ?", "a").Error; err != nil {
		t.Fatal(err)
	}
	if !got.At.Equal(at) || got.At.Location() != time.UTC {
		t.Fatalf("read %v (%v), wrote %v", got.At, got.At.Location(), at)
	}
}
