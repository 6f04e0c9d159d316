// Package demo seeds the demo data of RUN-1 and keeps the demo clock of
// LIFE-3. Seeding is idempotent: records have fixed IDs derived from their
// names, and a step that finds its records skips them.
package demo

import (
	"context"
	"fmt"
	"strconv"

	"github.com/google/uuid"
	"gorm.io/gorm"

	"portal/internal/platform/clock"
	"portal/internal/platform/db"
	"portal/internal/platform/settings"
)

// Password is every demo user's password (RUN-1). Demo users exist only in
// demo mode (RUN-2).
const Password = "demo-password"

// ClockSetting is the settings key of the demo clock's shift in days.
const ClockSetting = "demo_clock_days"

// namespace derives the demo records' fixed IDs.
var namespace = uuid.MustParse("6f1c9a52-3d2e-4b7a-9a51-0c3f7e2b9d10")

// ID returns the fixed UUID of the demo record called name.
func ID(name string) string { return uuid.NewSHA1(namespace, []byte(name)).String() }

// Clock returns the demo clock: base shifted by the days stored in the
// database, so every node shows the same demo date.
func Clock(ctx context.Context, g *gorm.DB, base clock.Clock) (*clock.Offset, error) {
	days, _, err := storedShift(ctx, g)
	if err != nil {
		return nil, err
	}
	return clock.NewOffset(base, days), nil
}

// storedShift reads the demo clock's shift in days, and whether one is
// stored.
func storedShift(ctx context.Context, g *gorm.DB) (int, bool, error) {
	v, ok, err := settings.Store{DB: g}.Get(ctx, ClockSetting)
	if err != nil || !ok {
		return 0, false, err
	}
	days, err := strconv.Atoi(v)
	if err != nil {
		return 0, false, fmt.Errorf("demo: bad stored clock shift %q", v)
	}
	return days, true, nil
}

// Seed writes the demo data that is not there yet.
func Seed(ctx context.Context, g *gorm.DB, clk clock.Clock) error {
	return SeedWith(ctx, g, clk, Options{})
}

// Options tune seeding; tests use a cheap password hash.
type Options struct {
	BcryptCost int // zero for bcrypt's default
}

// seeder carries what every seeding step needs.
type seeder struct {
	db   *gorm.DB
	clk  clock.Clock
	opts Options
}

// SeedWith is Seed with options. Everything is written in one transaction:
// a year of history is thousands of rows, one commit keeps start-up quick.
func SeedWith(ctx context.Context, g *gorm.DB, clk clock.Clock, o Options) error {
	return db.Tx(ctx, g, func(ctx context.Context, tx *gorm.DB) error {
		return seedAll(ctx, seeder{db: tx, clk: clk, opts: o})
	})
}

func seedAll(ctx context.Context, sd seeder) error {
	steps := []struct {
		name string
		run  func(context.Context, seeder) error
	}{
		{"partners and users", seedPartners},
		{"customers", seedCustomers},
		{"catalog", seedCatalog},
		{"subscriptions", seedSubscriptions},
		{"software", seedSoftware},
		{"a year of orders and changes", seedHistory},
		{"reservations and support", seedReservations},
	}
	for _, st := range steps {
		if err := st.run(ctx, sd); err != nil {
			return fmt.Errorf("demo: seed %s: %w", st.name, err)
		}
	}
	return nil
}
