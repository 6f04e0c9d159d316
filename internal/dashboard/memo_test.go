package dashboard_test

import (
	"context"
	"reflect"
	"testing"
	"time"

	"portal/internal/customers"
	"portal/internal/dashboard"
	"portal/internal/demo"
	"portal/internal/platform/keyset"
	"portal/internal/subscriptions"
	"portal/internal/testkit"
)

// DASH-1, PERF-2: within a second, the views of a partner's home page read
// its lists once, on SQLite, as long as nothing is written; a write, any
// write, shows on the next view, on both engines; the next second reads
// again. What a view is given is its own to change.
func TestHomeListsReadOncePerSecondUntilAWrite_DASH1_PERF2(t *testing.T) {
	app := testkit.New(t)
	ctx := context.Background()
	store := dashboard.Store{DB: app.DB, Memo: dashboard.NewMemo()}
	rec := testkit.RecordQueries(t, app.DB)
	second := app.Clock.Now().Truncate(time.Second)
	soon := func(at time.Time, wantRead bool) dashboard.Soon {
		t.Helper()
		s, err := store.Soon(ctx, demo.ContosoID, at)
		if err != nil {
			t.Fatal(err)
		}
		read := len(rec.Take()) > 0
		if testkit.Postgres() {
			wantRead = true // no memo: other nodes write too
		}
		if read != wantRead {
			t.Errorf("at %s: read the database %v, want %v", at.Format(time.StampMilli), read, wantRead)
		}
		return s
	}

	first := soon(second.Add(200*time.Millisecond), true)
	deletion := first.Lists[dashboard.KindDeletion]
	if len(deletion) == 0 {
		t.Fatal("no subscription soon deleted in the demo data")
	}
	first.Counts[dashboard.KindScheduled] = dashboard.Count{N: 999} // as the home page does
	again := soon(second.Add(700*time.Millisecond), false)
	if again.Counts[dashboard.KindScheduled].N == 999 {
		t.Error("a view's change to its counts reached the next view")
	}
	first.Counts[dashboard.KindScheduled] = again.Counts[dashboard.KindScheduled]
	if !reflect.DeepEqual(again, first) {
		t.Errorf("within the second: %+v, then %+v", first, again)
	}

	// A customer renamed: the next view, in the same second, names it so.
	if err := app.DB.Model(&customers.Customer{}).Where("id = ?", deletion[0].CustomerID).
		Update("name", "Renamed Customer Ltd").Error; err != nil {
		t.Fatal(err)
	}
	renamed := soon(second.Add(800*time.Millisecond), true)
	if got := renamed.Lists[dashboard.KindDeletion][0].CustomerName; got != "Renamed Customer Ltd" {
		t.Errorf("after the rename, the first item's customer is %q", got)
	}
	soon(second.Add(900*time.Millisecond), false)
	soon(second.Add(1100*time.Millisecond), true) // the next second
}

// DASH-1: the lists are read at the current second, rounded up, so all the
// views within a second show the same: a trial that ends seven days and
// 600 ms after a second is ending within seven days from 200 ms after it.
func TestHomeListsReadAtTheSecondRoundedUp_DASH1(t *testing.T) {
	app := testkit.New(t)
	ctx := context.Background()
	store := dashboard.Store{DB: app.DB, Memo: dashboard.NewMemo()}
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
