package auth_test

import (
	"context"
	"errors"
	"testing"

	"portal/internal/auth"
	"portal/internal/demo"
	"portal/internal/testkit"
)

// AUTH-8: a request's session is read with its user and partner as stored,
// every column; an ended session and an unknown token are not found.
func TestLookupReadsSessionUserAndPartner_AUTH8(t *testing.T) {
	app := testkit.New(t)
	ctx := context.Background()
	ss, u, token := signedIn(t, app, "mfa")
	var p auth.Partner
	if err := app.DB.Where("id = ?", u.PartnerID).Take(&p).Error; err != nil {
		t.Fatal(err)
	}
	var stored auth.Session
	if err := app.DB.Where("token_hash = ?", auth.HashToken(token)).Take(&stored).Error; err != nil {
		t.Fatal(err)
	}
	got, err := ss.Lookup(ctx, token)
	if err != nil {
		t.Fatal(err)
	}
	stored.TokenHash = "" // not read: the request has the token
	if got.Session != stored {
		t.Errorf("session\n got %+v\nwant %+v", got.Session, stored)
	}
	if got.User != u || !got.User.CreatedAt.Equal(u.CreatedAt) || u.PasswordHash == "" {
		t.Errorf("user\n got %+v\nwant %+v", got.User, u)
	}
	if got.Partner.ID != p.ID || got.Partner.Name != p.Name || got.Partner.RequireMFA != p.RequireMFA || !got.Partner.CreatedAt.Equal(p.CreatedAt) {
		t.Errorf("partner\n got %+v\nwant %+v", got.Partner, p)
	}

	if err := ss.End(ctx, stored.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := ss.Lookup(ctx, token); !errors.Is(err, auth.ErrNotFound) {
		t.Errorf("ended session: %v", err)
	}
	if _, err := ss.Lookup(ctx, "no-such-token"); !errors.Is(err, auth.ErrNotFound) {
		t.Errorf("unknown token: %v", err)
	}
}

// signedIn starts a session at stage for the demo sales user and returns
// the sessions, the user and the session's token.
func signedIn(tb testing.TB, app *testkit.App, stage string) (auth.Sessions, auth.User, string) {
	tb.Helper()
	u := demoSales(tb, app)
	ss := newService(app).Sessions()
	token, _, err := ss.Start(context.Background(), u, stage, "Mozilla/5.0 (X11)", "192.0.2.7")
	if err != nil {
		tb.Fatal(err)
	}
	return ss, u, token
}

// LOG-2, AUTH-1: the activity log's user filter reads the partner's users
// as PartnerUsers does, in the same order, with their names and emails
// only: never a password hash.
func TestPartnerUserNames_LOG2(t *testing.T) {
	app := testkit.New(t)
	s := newService(app)
	ctx := context.Background()
	full, err := s.PartnerUsers(ctx, demo.ContosoID)
	if err != nil {
		t.Fatal(err)
	}
	names, err := s.PartnerUserNames(ctx, demo.ContosoID)
	if err != nil {
		t.Fatal(err)
	}
	if len(full) < 2 || len(names) != len(full) {
		t.Fatalf("%d users with names, %d in all", len(names), len(full))
	}
	for i, u := range names {
		f := full[i]
		if u.ID != f.ID || u.PartnerID != f.PartnerID || u.Name != f.Name || u.Email != f.Email {
			t.Errorf("user %d: %+v, want %s %s %s", i, u, f.ID, f.Name, f.Email)
		}
		if u.PasswordHash != "" || u.RoleNames != "" {
			t.Errorf("user %s read with its password hash or roles", u.Email)
		}
	}
}
