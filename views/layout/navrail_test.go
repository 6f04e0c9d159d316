package layout

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"portal/internal/perm"
	"portal/internal/platform/i18n"
	"portal/views/ui"
)

// UX-2, AUTH-5, PERF-2: the kept navigation rail is the rail as rendered
// for the page, byte for byte, in both languages, for each role alone, no
// role and all of them, on each section's pages and others, viewed twice
// (the second from what the first kept); it shows only what the roles may
// open and selects the page's section.
func TestKeptNavRailIsTheRail_UX2_AUTH5_PERF2(t *testing.T) {
	bundle := i18n.MustLoad()
	roleSets := []perm.Roles{nil, perm.AllRoles()}
	for _, r := range perm.AllRoles() {
		roleSets = append(roleSets, perm.Roles{r})
	}
	paths := []string{"/", "/customers", "/customers/c1/subscriptions", "/billing/invoices", "/billing/invoices/i1",
		"/support", "/support/requests/new", "/activity", "/users", "/account", "/subscriptions/s1"}
	seen := map[string]bool{}
	for _, lang := range i18n.Languages() {
		for _, roles := range roleSets {
			for _, path := range paths {
				ctx := ui.With(context.Background(), &ui.Page{L: bundle.For(lang), Roles: roles, Path: path})
				var want bytes.Buffer
				if err := navRail().Render(ctx, &want); err != nil {
					t.Fatal(err)
				}
				for view := range 2 {
					var got bytes.Buffer
					if err := keptNavRail().Render(ctx, &got); err != nil {
						t.Fatal(err)
					}
					if got.String() != want.String() {
						t.Fatalf("%s %v %s, view %d:\n%s\nwant\n%s", lang, roles, path, view+1, got.String(), want.String())
					}
				}
				seen[want.String()] = true
				if roles.Can(perm.ManageUsers) != strings.Contains(want.String(), `href="/users"`) {
					t.Fatalf("%v: the users' link shown wrongly:\n%s", roles, want.String())
				}
				if path == "/activity" && roles.Can(perm.ActivityLog) && !strings.Contains(want.String(), `href="/activity" class="selected" aria-current`) {
					t.Fatalf("%v: the log not selected on its page:\n%s", roles, want.String())
				}
			}
		}
	}
	if len(seen) < 20 {
		t.Fatalf("only %d different rails: the cases do not vary", len(seen))
	}
}
