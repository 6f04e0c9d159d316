package customers_test

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	"portal/internal/activity"
	"portal/internal/customers"
)

// CUST-5: a request makes one invitation with an unguessable token and a
// pending relationship; accepting makes it active once, recorded with the
// customer as actor.
func TestRelationshipRequestAndAccept_CUST5(t *testing.T) {
	s, app := newStore(t)
	ctx := context.Background()
	c := mustCreate(t, s, partnerA, "Adatum Corporation", "adatum.com", "US", customers.Commercial)

	if _, _, err := s.RequestRelationship(ctx, partnerB, actor, c.ID); !errors.Is(err, customers.ErrNotFound) {
		t.Fatalf("another partner's request: %v", err)
	}
	_, first, err := s.RequestRelationship(ctx, partnerA, actor, c.ID)
	if err != nil {
		t.Fatal(err)
	}
	// Asking again makes a new link; the first stops working (AUTH-13: it
	// cannot be shown again, so a lost link is replaced).
	stored, token, err := s.RequestRelationship(ctx, partnerA, actor, c.ID)
	if err != nil || token == first {
		t.Fatalf("a second request: %v", err)
	}
	if len(token) < 40 {
		t.Fatalf("token %q is too short to be unguessable", token)
	}
	if _, err := s.InvitationByToken(ctx, first); !errors.Is(err, customers.ErrNotFound) {
		t.Fatalf("the replaced link: %v", err)
	}
	// AUTH-13: only the token's hash is stored.
	var tokens []string
	app.DB.Model(&customers.Invitation{}).Pluck("token", &tokens)
	if len(tokens) != 1 || tokens[0] == token || tokens[0] != customers.HashToken(token) || stored.TokenHash != tokens[0] {
		t.Fatalf("stored tokens %q", tokens)
	}
	inv := struct{ Token string }{token}
	got, _ := s.Get(ctx, partnerA, c.ID)
	if got.Relationship != customers.RelationshipPending {
		t.Fatalf("relationship %q after request", got.Relationship)
	}

	if _, err := s.InvitationByToken(ctx, "not-a-token"); !errors.Is(err, customers.ErrNotFound) {
		t.Fatalf("unknown token: %v", err)
	}
	app.Clock.Advance(time.Hour)
	// Two simultaneous accepts: exactly one succeeds.
	var wg sync.WaitGroup
	errs := make([]error, 2)
	for i := range errs {
		wg.Add(1)
		go func() { defer wg.Done(); errs[i] = s.AcceptInvitation(ctx, inv.Token) }()
	}
	wg.Wait()
	ok, already := 0, 0
	for _, err := range errs {
		switch {
		case err == nil:
			ok++
		case errors.Is(err, customers.ErrAlreadyAccepted):
			already++
		default:
			t.Fatalf("accept: %v", err)
		}
	}
	if ok != 1 || already != 1 {
		t.Fatalf("accepts: %d succeeded, %d already accepted", ok, already)
	}
	got, _ = s.Get(ctx, partnerA, c.ID)
	if got.Relationship != customers.RelationshipActive {
		t.Fatalf("relationship %q after accept", got.Relationship)
	}
	acc, err := s.InvitationByToken(ctx, inv.Token)
	if err != nil || acc.AcceptedAt == nil || !acc.AcceptedAt.Equal(app.Clock.Now()) {
		t.Fatalf("accepted at %v, err %v", acc.AcceptedAt, err)
	}
	if _, _, err := s.RequestRelationship(ctx, partnerA, actor, c.ID); !errors.Is(err, customers.ErrRelationshipActive) {
		t.Fatalf("request when active: %v", err)
	}

	var entries []activity.Entry
	app.DB.Where("customer_id = ?", c.ID).Order("at, id").Find(&entries)
	var actions []string
	for _, e := range entries {
		actions = append(actions, e.Action+"/"+e.ActorName)
	}
	want := []string{"customer.created/tester@example.com", "customer.relationship_requested/tester@example.com", "customer.relationship_requested/tester@example.com", "customer.relationship_accepted/customer"}
	if len(actions) != len(want) {
		t.Fatalf("activity %v, want %v", actions, want)
	}
	for i := range want {
		if actions[i] != want[i] {
			t.Fatalf("activity %v, want %v", actions, want)
		}
	}
}

// CUST-2: a domain is unique per partner, not across partners.
func TestDomainUniquePerPartner_CUST2(t *testing.T) {
	s, _ := newStore(t)
	mustCreate(t, s, partnerA, "Adatum", "adatum.com", "US", customers.Commercial)
	_, err := s.Create(context.Background(), partnerA, actor, customers.NewCustomer{Name: "Adatum 2", Domain: "ADATUM.com", Country: "US", Segment: customers.Commercial})
	if !errors.Is(err, customers.ErrDomainTaken) {
		t.Fatalf("same partner, same domain: %v", err)
	}
	mustCreate(t, s, partnerB, "Adatum", "adatum.com", "US", customers.Commercial)
}

// AUTH-13: an invitation not accepted within 30 days is expired (to the
// second), and a request made after that shows a new link.
func TestInvitationExpiry_AUTH13(t *testing.T) {
	created := time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC)
	cases := []struct {
		name string
		now  time.Time
		want bool
	}{
		{"just made", created, false},
		{"29 days", created.Add(29 * 24 * time.Hour), false},
		{"one second before 30 days", created.Add(30*24*time.Hour - time.Second), false},
		{"exactly 30 days", created.Add(30 * 24 * time.Hour), true},
		{"a year", created.AddDate(1, 0, 0), true},
	}
	for _, c := range cases {
		if got := customers.InvitationExpired(created, c.now); got != c.want {
			t.Errorf("%s: expired %v, want %v", c.name, got, c.want)
		}
	}

	s, app := newStore(t)
	ctx := context.Background()
	cust := mustCreate(t, s, partnerA, "Adatum Corporation", "adatum.com", "US", customers.Commercial)
	_, token, err := s.RequestRelationship(ctx, partnerA, actor, cust.ID)
	if err != nil {
		t.Fatal(err)
	}
	app.Clock.Advance(30 * 24 * time.Hour)
	if _, err := s.InvitationByToken(ctx, token); !errors.Is(err, customers.ErrInvitationExpired) {
		t.Fatalf("open after 30 days: %v", err)
	}
	if err := s.AcceptInvitation(ctx, token); !errors.Is(err, customers.ErrInvitationExpired) {
		t.Fatalf("accept after 30 days: %v", err)
	}
	if _, ok, _ := s.OpenInvitation(ctx, partnerA, cust.ID); ok {
		t.Fatal("an expired invitation is still open")
	}
}

// AUTH-13: invitations stored with their plain token before tokens were
// hashed are converted at migration, and their links keep working.
func TestHashInvitationTokens_AUTH13(t *testing.T) {
	s, app := newStore(t)
	ctx := context.Background()
	cust := mustCreate(t, s, partnerA, "Adatum Corporation", "adatum.com", "US", customers.Commercial)
	const old = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFG" // 43 characters, as tokens were
	if err := app.DB.Exec("INSERT INTO invitations (token, partner_id, customer_id, created_by, created_at) VALUES (?, ?, ?, ?, ?)",
		old, partnerA, cust.ID, "someone", app.Clock.Now()).Error; err != nil {
		t.Fatal(err)
	}
	for range 2 { // a second run changes nothing
		if err := customers.HashInvitationTokens(ctx, app.DB); err != nil {
			t.Fatal(err)
		}
	}
	var tokens []string
	app.DB.Model(&customers.Invitation{}).Pluck("token", &tokens)
	if len(tokens) != 1 || tokens[0] != customers.HashToken(old) {
		t.Fatalf("stored %q", tokens)
	}
	if err := s.AcceptInvitation(ctx, old); err != nil {
		t.Fatalf("the old link: %v", err)
	}
}
