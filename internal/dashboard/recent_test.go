package dashboard_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"portal/internal/activity"
	"portal/internal/dashboard"
	"portal/internal/demo"
	"portal/internal/subscriptions"
	"portal/internal/testkit"
)

// DASH-1, LIFE-3: the recent automatic changes are the newest across the
// four actions, merged in time order and cut at the limit; renewals, users'
// changes of the same actions, changes before the horizon and another
// partner's are left out.
func TestRecentAutomaticMergesActionsNewestFirst_DASH1(t *testing.T) {
	app := testkit.New(t)
	ctx, now := context.Background(), app.Clock.Now()
	var subs []subscriptions.Subscription
	if err := app.DB.Where("partner_id = ?", demo.ContosoID).Order("id").Limit(4).Find(&subs).Error; err != nil || len(subs) < 4 {
		t.Fatalf("demo subscriptions: %v (%d)", err, len(subs))
	}
	rec := activity.Recorder{DB: app.DB}
	record := func(actor activity.Actor, partner, action string, sub subscriptions.Subscription, ago time.Duration) {
		t.Helper()
		err := rec.Record(ctx, now.Add(-ago), activity.Change{Actor: actor, PartnerID: partner, CustomerID: sub.CustomerID,
			ResourceType: "subscription", ResourceID: sub.ID, Action: action})
		if err != nil {
			t.Fatal(err)
		}
	}
	actions := []string{subscriptions.ActionTrialConverted, subscriptions.ActionTrialExpired, subscriptions.ActionEnded, subscriptions.ActionDeleted}
	type want struct {
		action string
		sub    string
	}
	var wantAll []want // newest first
	for i := range 12 {
		action, sub := actions[i%4], subs[i%4]
		record(activity.System, demo.ContosoID, action, sub, time.Duration(i+1)*time.Hour)
		wantAll = append(wantAll, want{action, sub.ID})
	}
	record(activity.System, demo.ContosoID, subscriptions.ActionRenewed, subs[0], 30*time.Minute)
	record(activity.Actor{UserID: demo.ID("user:globaladmin@contoso.example"), Name: "admin"}, demo.ContosoID, subscriptions.ActionEnded, subs[1], 20*time.Minute)
	record(activity.System, demo.FabrikamID, subscriptions.ActionEnded, subs[2], 10*time.Minute)
	record(activity.System, demo.ContosoID, subscriptions.ActionDeleted, subs[3], dashboard.RecentHorizon+time.Hour)

	got, err := dashboard.Store{DB: app.DB}.RecentAutomatic(ctx, demo.ContosoID, now.Add(-dashboard.RecentHorizon), 5)
	if err != nil {
		t.Fatal(err)
	}
	var seen []want
	for i, c := range got {
		seen = append(seen, want{c.Action, c.SubscriptionID})
		if i > 0 && c.At.After(got[i-1].At) {
			t.Errorf("change %d at %v is newer than the one before", i, c.At)
		}
		if c.OfferName == "" {
			t.Errorf("change %d has no offer name", i)
		}
	}
	if !slices.Equal(seen, wantAll[:5]) {
		t.Fatalf("recent changes %v, want %v", seen, wantAll[:5])
	}
	// The home page reads them with the attention lists (Soon: on
	// PostgreSQL, with generic plans), up to PerList.
	soon, err := dashboard.Store{DB: app.DB}.Soon(ctx, demo.ContosoID, now)
	if err != nil {
		t.Fatal(err)
	}
	seen = nil
	for _, c := range soon.Recent {
		seen = append(seen, want{c.Action, c.SubscriptionID})
	}
	if !slices.Equal(seen, wantAll[:dashboard.PerList]) {
		t.Fatalf("the home page's recent changes %v, want %v", seen, wantAll[:dashboard.PerList])
	}
}
