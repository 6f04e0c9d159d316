package dashboard_test

import (
	"context"
	"testing"
	"time"

	"portal/internal/dashboard"
	"portal/internal/demo"
	"portal/internal/platform/keyset"
	"portal/internal/subscriptions"
	"portal/internal/testkit"
)

// DASH-1: the lists are read at the current second, rounded up, so all the
// views within a second show the same: a trial that ends seven days and
// 600 ms after a second is ending within seven days from 200 ms after it.
func TestHomeListsReadAtTheSecondRoundedUp_DASH1(t *testing.T) {
	app := testkit.New(t)
	ctx := context.Background()
	store := dashboard.Store{DB: app.DB}
	second := app.Clock.Now().Truncate(time.Second)
	trials := func(at time.Time) int64 {
		t.Helper()
		s, err := store.Soon(ctx, demo.ContosoID, at)
		if err != nil {
			t.Fatal(err)
		}
		return s.Counts[dashboard.KindTrial].N
	}
	before := trials(second.Add(200 * time.Millisecond))
	if before >= dashboard.CountCap {
		t.Fatalf("%d trials ending: the count is capped", before)
	}
	var trial subscriptions.Subscription
	if err := app.DB.Take(&trial, "partner_id = ? AND status = ? AND bought_directly = ?", demo.ContosoID, subscriptions.Trial, false).Error; err != nil {
		t.Fatal(err)
	}
	trial.ID = keyset.NewID()
	end := second.Add(dashboard.TrialHorizon + 600*time.Millisecond)
	trial.TrialEnd = &end
	if err := app.DB.Create(&trial).Error; err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		now  time.Time
		want int64
	}{
		{second.Add(200 * time.Millisecond), before + 1}, // read at second+1s: ends within 7 days
		{second.Add(time.Second), before + 1},
		{second.Add(time.Second + time.Nanosecond), before + 1}, // read at second+2s
		{second.Add(-time.Nanosecond), before},                  // read at second: ends 600 ms too late
		{second, before},                                        // on the second itself
		{second.Add(time.Second - time.Nanosecond), before + 1},
	} {
		if got := trials(tc.now); got != tc.want {
			t.Errorf("at %s: %d trials ending, want %d", tc.now.Format(time.StampMilli), got, tc.want)
		}
	}
}
