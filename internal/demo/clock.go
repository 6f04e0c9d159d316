package demo

import (
	"context"
	"fmt"

	"gorm.io/gorm"

	"portal/internal/activity"
	"portal/internal/platform/apperr"
	"portal/internal/platform/clock"
	"portal/internal/platform/db"
	"portal/internal/platform/settings"
)

// ActionClockMoved is the activity entry of a demo clock move (LIFE-3).
const ActionClockMoved = "demo.clock_moved"

// Bounds of one move of the demo clock, in days.
const (
	MinClockMove = 1
	MaxClockMove = 400
)

// ErrClockMove is a move outside MinClockMove..MaxClockMove days.
var ErrClockMove = fmt.Errorf("demo: clock move out of range: %w", apperr.ErrInvalid)

// MoveClock moves the demo clock forward by days (LIFE-3): the stored shift
// grows in one UPDATE, so simultaneous moves on any nodes all add up
// (OPS-3), the entry is recorded in the same transaction, then this node's
// clock follows; the other nodes read the shift at their next request. It
// returns the new shift in days.
func MoveClock(ctx context.Context, g *gorm.DB, rec activity.Recorder, clk *clock.Offset, partnerID string, actor activity.Actor, days int) (int, error) {
	if days < MinClockMove || days > MaxClockMove {
		return 0, ErrClockMove
	}
	var total int
	err := db.Tx(ctx, g, func(ctx context.Context, tx *gorm.DB) error {
		var err error
		if total, err = (settings.Store{DB: g}).Add(ctx, ClockSetting, days); err != nil {
			return err
		}
		current := total - days
		before, after := clk.At(current), clk.At(total)
		return rec.Record(ctx, after, activity.Change{
			PartnerID: partnerID, Actor: actor, ResourceType: "demo_clock", Action: ActionClockMoved,
			Details: fmt.Sprintf("demo clock moved forward by %d days", days),
			Before:  map[string]any{"shift_days": current, "now": before}, After: map[string]any{"shift_days": total, "now": after},
		})
	})
	if err != nil {
		return 0, fmt.Errorf("demo: move clock: %w", err)
	}
	clk.Follow(total)
	return total, nil
}

// ClockStore is one node's demo clock and the shift stored for every node
// (LIFE-3), built once by the web server.
type ClockStore struct {
	DB       *gorm.DB
	Activity activity.Recorder
	Clock    *clock.Offset
}

// Sync sets the clock in memory to the stored shift, so a move made on one
// node reaches the others (OPS-3); with none stored the clock stays as it
// is, and it never moves back.
func (s *ClockStore) Sync(ctx context.Context) error {
	days, ok, err := storedShift(ctx, s.DB)
	if err != nil || !ok {
		return err
	}
	s.Clock.Follow(days)
	return nil
}

// Move moves the demo clock forward by days for every node; see MoveClock.
func (s *ClockStore) Move(ctx context.Context, partnerID string, actor activity.Actor, days int) (int, error) {
	return MoveClock(ctx, s.DB, s.Activity, s.Clock, partnerID, actor, days)
}

// ClockShift returns the stored shift of the demo clock in days, and whether
// one is stored.
func ClockShift(ctx context.Context, g *gorm.DB) (int, bool, error) { return storedShift(ctx, g) }
