package e2e

import (
	"context"
	"strings"
	"testing"
	"time"

	"portal/internal/activity"
	"portal/internal/demo"
	"portal/web/webtest"
)

// seedActivity records a few of Contoso's changes of the past days.
func seedActivity(t *testing.T, app *webtest.App) {
	t.Helper()
	rec := activity.Recorder{DB: app.DB}
	admin := activity.Actor{UserID: demo.ID("user:globaladmin@contoso.example"), Name: "globaladmin@contoso.example"}
	sales := activity.Actor{UserID: demo.ID("user:sales@contoso.example"), Name: "sales@contoso.example"}
	now := app.Clock.Now()
	for _, e := range []struct {
		ago time.Duration
		c   activity.Change
	}{
		{72 * time.Hour, activity.Change{Actor: sales, CustomerID: demo.ID("customer:fourthcoffee.com"), CustomerName: "Fourth Coffee",
			ResourceType: "customer", ResourceID: demo.ID("customer:fourthcoffee.com"), Action: activity.ActionCustomerCreated,
			After: map[string]string{"name": "Fourth Coffee", "domain": "fourthcoffee.com", "country": "US", "segment": "commercial"}}},
		{26 * time.Hour, activity.Change{Actor: admin, ResourceType: "user", ResourceID: demo.ID("user:sales@contoso.example"),
			Action: activity.ActionUserRolesChanged, Details: "sales@contoso.example", Before: map[string]string{"roles": "sales_agent"}, After: map[string]string{"roles": "sales_agent,helpdesk_agent"}}},
		{3 * time.Hour, activity.Change{Actor: activity.System, CustomerID: demo.ID("customer:adatum.com"), CustomerName: "Adatum Corporation",
			ResourceType: "subscription", ResourceID: "3f1d2c4b-5a69-4e7f-8a1b-2c3d4e5f6a7b", Action: "subscription.renewed",
			Details: "Term renewed for 12 months", Before: map[string]string{"term_end": "2026-11-20"}, After: map[string]string{"term_end": "2027-11-20"}}},
	} {
		c := e.c
		c.PartnerID = demo.ContosoID
		if err := rec.Record(context.Background(), now.Add(-e.ago), c); err != nil {
			t.Fatal(err)
		}
	}
}

// LOG-2, AUTH-5: a global admin filters the activity log by action type and
// finds their own sign-in, with the export keeping the filter; an account
// admin has the log but not customers; a sales agent is refused with a page
// naming the roles that may open it — with JavaScript on and off.
func TestActivityLog_Browser(t *testing.T) {
	t.Parallel()
	for _, noJS := range []bool{false, true} {
		name := "js"
		if noJS {
			name = "nojs"
		}
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			app := webtest.New(t)
			b := app.NewBrowser(webtest.BrowserOptions{NoJS: noJS})
			signOut := func() {
				b.ClickAndWaitNoLoad(".user-menu summary")
				b.ClickAndWait("#sign-out")
			}

			seedActivity(t, app)
			b.Login("globaladmin@contoso.example")
			b.ClickAndWait(`.rail a[href="/activity"]`)
			if got := b.Text(".page-head h1"); got != "Activity log" {
				t.Fatalf("title %q", got)
			}
			// The three changes above, the sign-in and the demo orders: one page.
			var entries int64
			app.DB.Model(&activity.Entry{}).Where("partner_id = ?", demo.ContosoID).Count(&entries)
			if n := b.Count("#activity-table tbody tr"); int64(n) != min(entries, 50) || entries < 4 {
				t.Fatalf("%d rows, want %d", n, min(entries, 50))
			}
			if !noJS {
				b.Screenshot("activity-log-all")
			}
			b.Select("#type", "auth.signed_in")
			b.ClickAndWait("#apply-filters")
			if !strings.Contains(b.Path(), "type=auth.signed_in") {
				t.Fatalf("filter not in the URL: %s", b.Path())
			}
			if got := b.Text("#activity-table tbody tr td.activity-what"); got != "Signed in" {
				t.Fatalf("first row's action %q", got)
			}
			if got := b.Text("#activity-table tbody tr td.activity-user"); got != "Gloria Admin" {
				t.Fatalf("first row's user %q", got)
			}
			if b.Count(`#export-csv[href*="type=auth.signed_in"]`) != 1 {
				t.Fatal("the export link does not keep the filter")
			}
			b.Screenshot("activity-log-" + name)
			if !noJS {
				b.Screenshot("activity-log")
			}
			// From after To: the form explains it and the page still works.
			b.Open("/activity?from=2026-11-10&to=2026-11-01")
			if got := b.Text("#to-error"); got == "" {
				t.Fatal("no error beside the end date")
			}
			if !noJS {
				b.Screenshot("activity-log-bad-filter")
			}
			signOut()

			b.Login("accountadmin@contoso.example")
			if b.Count(`.rail a[href="/activity"]`) != 1 || b.Count(`.rail a[href="/customers"]`) != 0 {
				t.Fatal("an account admin's navigation: want the activity log and no customers")
			}
			signOut()

			b.Login("sales@contoso.example")
			if b.Count(`.rail a[href="/activity"]`) != 0 {
				t.Fatal("a sales agent is offered the activity log")
			}
			b.Open("/activity")
			if got := b.Text(".error-card .error-code"); got != "403" {
				t.Fatalf("sales agent on /activity: %q", got)
			}
			roles := b.Text(".role-list")
			for _, r := range []string{"Global admin", "Account admin", "Referral admin", "Marketing content admin"} {
				if !strings.Contains(roles, r) {
					t.Errorf("403 page does not name %s: %q", r, roles)
				}
			}
			if !noJS {
				b.Screenshot("forbidden")
			}
		})
	}
}
