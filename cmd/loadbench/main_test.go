package main

import (
	"context"
	"html"
	"net/http/httptest"
	"net/url"
	"os"
	"testing"
	"time"

	"portal/internal/benchdata"
	"portal/internal/demo"
	"portal/web/webtest"
)

// PERF-5, PERF-7: on a generated data set every page the load run measures
// answers 200 to a signed-in global admin, the deep cursors lead past the
// first page, and a checkout run places every order it acknowledges.
func TestEveryMeasuredPageAnswersOnGeneratedData_PERF5_PERF7(t *testing.T) {
	app := webtest.New(t)
	if _, err := benchdata.Generate(context.Background(), app.DB, demo.ContosoID, app.Clock.Now(),
		benchdata.Options{Customers: 400, Subscriptions: 3000, Activity: 10000, Seed: 3}); err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(app.Server)
	defer ts.Close()
	s, err := signIn(ts.URL, "globaladmin@contoso.example")
	if err != nil {
		t.Fatal(err)
	}
	pages, err := pagesToMeasure(app.DB, s, ts.URL)
	if err != nil {
		t.Fatal(err)
	}
	if len(pages) < 17 {
		t.Errorf("%d pages, want the 17 of the table", len(pages))
	}
	for _, p := range pages {
		body, err := get(s.client, ts.URL+p.path)
		if err != nil {
			t.Errorf("%s (%s): %v", p.name, p.path, err)
			continue
		}
		if len(body) < 1000 {
			t.Errorf("%s: a %d-byte page", p.name, len(body))
		}
	}
	for _, name := range []string{"customers, deep cursor", "activity, deep cursor"} {
		for _, p := range pages {
			if p.name == name && p.path == "/customers" || p.path == "/activity" && p.name == name {
				t.Errorf("%s did not move past the first page", name)
			}
		}
	}
	// The log's pages in turn: each a page of its own, the one after the
	// other's, none the first.
	inTurn := 0
	for _, p := range pages {
		if p.name != "activity, pages in turn" {
			continue
		}
		inTurn++
		paths := p.paths()
		if len(paths) < 50 {
			t.Fatalf("%d pages in turn", len(paths))
		}
		for i, path := range paths[:3] {
			body, err := get(s.client, ts.URL+path)
			if err != nil {
				t.Fatal(err)
			}
			m := nextLink.FindStringSubmatch(body)
			if m == nil || cursorOf(t, html.UnescapeString(m[1])) != cursorOf(t, paths[i+1]) {
				t.Errorf("page %d (%s) leads to %v, want %s", i, path, m, paths[i+1])
			}
		}
	}
	if inTurn != 1 {
		t.Errorf("%d pages named \"activity, pages in turn\"", inTurn)
	}
	self := func() time.Duration { return cpuOf(os.Getpid()) } // the server runs in this process
	co, err := checkouts(config{users: 4, checkouts: 12}, app.DB, ts.URL, self)
	if err != nil {
		t.Fatal(err)
	}
	if co.placed != 12 || co.errors != 0 || co.inDB != 12 {
		t.Errorf("checkouts: %+v, want 12 placed, 12 in the database", co)
	}
}

// cursorOf returns the cursor a page's path names.
func cursorOf(t *testing.T, path string) string {
	t.Helper()
	u, err := url.Parse(path)
	if err != nil {
		t.Fatal(err)
	}
	return u.Query().Get("cursor")
}
