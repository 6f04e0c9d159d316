package auth_test

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"

	"portal/internal/auth"
	"portal/internal/demo"
	"portal/internal/platform/db"
	"portal/internal/testkit"
)

// AUTH-8, PERF-2: with the service's Memo, a session is read once on
// SQLite while nothing is written, and every write shows on the next
// request: a wrong one-time code counted, the user disabled, the session
// ended. An unknown token is read every time. On PostgreSQL every lookup
// reads.
func TestSessionReadOnceUntilAWrite_AUTH8_PERF2(t *testing.T) {
	app := testkit.New(t)
	ctx := context.Background()
	s := newService(app)
	s.Memo = auth.NewMemo()
	ss := s.Sessions()
	u := demoSales(t, app)
	token, row, err := ss.Start(ctx, u, auth.StageCode, "Mozilla/5.0 (X11)", "192.0.2.7")
	if err != nil {
		t.Fatal(err)
	}
	rec := testkit.RecordQueries(t, app.DB)
	lookup := func(name string, wantRead bool) (auth.Current, error) {
		t.Helper()
		cur, err := ss.Lookup(ctx, token)
		if testkit.Postgres() {
			wantRead = true
		}
		if read := len(rec.Take()) > 0; read != wantRead {
			t.Errorf("%s: read the database %v, want %v", name, read, wantRead)
		}
		return cur, err
	}
	if _, err := lookup("first", true); err != nil {
		t.Fatal(err)
	}
	lookup("again", false)

	if _, err := ss.CountCodeFailure(ctx, row.ID); err != nil {
		t.Fatal(err)
	}
	if cur, _ := lookup("after a wrong code", true); cur.Session.CodeFails != 1 {
		t.Errorf("after a wrong code: %d code failures", cur.Session.CodeFails)
	}
	lookup("again", false)
	if err := app.DB.Model(&auth.User{}).Where("id = ?", u.ID).Update("disabled", true).Error; err != nil {
		t.Fatal(err)
	}
	if cur, _ := lookup("after disabling the user", true); !cur.User.Disabled {
		t.Error("the user disabled a moment ago is read as enabled")
	}
	if err := ss.End(ctx, row.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := lookup("after the end", true); !errors.Is(err, auth.ErrNotFound) {
		t.Errorf("ended session: %v", err)
	}
	for range 2 {
		if _, err := ss.Lookup(ctx, "no-such-token"); !errors.Is(err, auth.ErrNotFound) {
			t.Errorf("unknown token: %v", err)
		}
		if len(rec.Take()) == 0 {
			t.Error("an unknown token's answer was kept")
		}
	}
}

// LOG-2, PERF-2: with the service's Memo, a partner's user names are read
// once while nothing is written; a renamed user shows on the next read.
func TestUserNamesReadOnceUntilAWrite_LOG2_PERF2(t *testing.T) {
	app := testkit.New(t)
	ctx := context.Background()
	s := newService(app)
	s.Memo = auth.NewMemo()
	rec := testkit.RecordQueries(t, app.DB)
	names := func(name string, wantRead bool) []auth.User {
		t.Helper()
		users, err := s.PartnerUserNames(ctx, demo.ContosoID)
		if err != nil {
			t.Fatal(err)
		}
		if testkit.Postgres() {
			wantRead = true
		}
		if read := len(rec.Take()) > 0; read != wantRead {
			t.Errorf("%s: read the database %v, want %v", name, read, wantRead)
		}
		return users
	}
	first := names("first", true)
	names("again", false)
	if err := app.DB.Model(&auth.User{}).Where("id = ?", first[0].ID).Update("name", "Zoë Renamed").Error; err != nil {
		t.Fatal(err)
	}
	renamed := names("after a rename", true)
	if last := renamed[len(renamed)-1]; last.ID != first[0].ID || last.Name != "Zoë Renamed" {
		t.Errorf("after the rename, the last user is %s %q", last.ID, last.Name)
	}
}

// demoSales is the demo partner's sales user.
func demoSales(tb testing.TB, app *testkit.App) auth.User {
	tb.Helper()
	var u auth.User
	if err := app.DB.Where("email = ?", "sales@contoso.example").Take(&u).Error; err != nil {
		tb.Fatal(err)
	}
	return u
}

// AUTH-8, PERF-2: on PostgreSQL the session lookup reads the database's
// snapshot in its own statement and leaves it to the request
// (db.WithSnapshot), so the page's memos read none of their own: a Memo
// made AcrossNodes then runs only its value's read. Ended or unknown, a
// session brings none. On SQLite the lookup reads no snapshot. The same
// with the service's Memo, which gathers the lookups of concurrent
// requests on PostgreSQL.
func TestSessionLookupBringsTheRequestsSnapshot_AUTH8_PERF2(t *testing.T) {
	for _, withMemo := range []bool{false, true} {
		t.Run(fmt.Sprint("memo ", withMemo), func(t *testing.T) {
			app := testkit.New(t)
			s := newService(app)
			if withMemo {
				s.Memo = auth.NewMemo()
			}
			lookupBringsSnapshot(t, app, s.Sessions())
		})
	}
}

func lookupBringsSnapshot(t *testing.T, app *testkit.App, ss auth.Sessions) {
	token, _, err := ss.Start(context.Background(), demoSales(t, app), auth.StageSignedIn, "Mozilla/5.0 (X11)", "192.0.2.7")
	if err != nil {
		t.Fatal(err)
	}
	rec := testkit.RecordQueries(t, app.DB)
	memo := db.NewMemo[string, int](1).AcrossNodes()
	page := func(name, token string, wantSnapshot bool) {
		t.Helper()
		ctx := db.WithSnapshot(context.Background())
		_, _ = ss.Lookup(ctx, token)
		rec.Take()
		if _, err := memo.Read(ctx, app.DB, name, nil, func(context.Context) (int, error) { return 1, nil }); err != nil {
			t.Fatal(err)
		}
		read := slices.ContainsFunc(rec.Take(), func(s testkit.Statement) bool { return strings.Contains(s.SQL, "pg_current_snapshot") })
		if want := testkit.Postgres() && !wantSnapshot; read != want {
			t.Errorf("%s: the memo read the snapshot %v, want %v", name, read, want)
		}
	}
	page("signed in", token, true)
	page("unknown token", "no-such-token", false)
}

// AUTH-8, PERF-2: many requests looking up their sessions at once, as on
// a busy node (on PostgreSQL their lookups are gathered into shared
// statements): each has its own session, user and partner, and the ended
// session and the unknown token are not found, whatever they were read
// with.
func TestConcurrentLookupsEachHaveTheirOwnSession_AUTH8_PERF2(t *testing.T) {
	app := testkit.New(t)
	s := newService(app)
	s.Memo = auth.NewMemo()
	ss := s.Sessions()
	ctx := context.Background()
	var users []auth.User
	if err := app.DB.Where("disabled = ?", false).Order("email").Find(&users).Error; err != nil {
		t.Fatal(err)
	}
	if len(users) < 4 {
		t.Fatalf("%d demo users", len(users))
	}
	tokens := make([]string, len(users))
	for i, u := range users {
		var err error
		if tokens[i], _, err = ss.Start(ctx, u, auth.StageSignedIn, "Mozilla/5.0 (X11)", "192.0.2.7"); err != nil {
			t.Fatal(err)
		}
	}
	ended, row, err := ss.Start(ctx, users[0], auth.StageSignedIn, "Mozilla/5.0 (X11)", "192.0.2.8")
	if err != nil {
		t.Fatal(err)
	}
	if err := ss.End(ctx, row.ID); err != nil {
		t.Fatal(err)
	}

	const rounds = 20
	var wg sync.WaitGroup
	errs := make(chan error, rounds*(len(users)+2))
	for range rounds {
		for i, token := range tokens {
			wg.Go(func() {
				cur, err := ss.Lookup(db.WithSnapshot(ctx), token)
				switch {
				case err != nil:
					errs <- fmt.Errorf("%s: %w", users[i].Email, err)
				case cur.User.ID != users[i].ID || cur.Session.UserID != users[i].ID || cur.Partner.ID != users[i].PartnerID || cur.User.Email != users[i].Email:
					errs <- fmt.Errorf("%s's token read as %s (%s)", users[i].Email, cur.User.Email, cur.Partner.ID)
				}
			})
		}
		for _, token := range []string{ended, "no-such-token"} {
			wg.Go(func() {
				if cur, err := ss.Lookup(ctx, token); !errors.Is(err, auth.ErrNotFound) {
					errs <- fmt.Errorf("an ended or unknown token: %+v, %v", cur.User, err)
				}
			})
		}
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}
