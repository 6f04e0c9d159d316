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

	if _, err := s.RequestRelationship(ctx, partnerB, actor, c.ID); !errors.Is(err, customers.ErrNotFound) {
		t.Fatalf("another partner's request: %v", err)
	}
	inv, err := s.RequestRelationship(ctx, partnerA, actor, c.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(inv.Token) < 40 {
		t.Fatalf("token %q is too short to be unguessable", inv.Token)
	}
	again, err := s.RequestRelationship(ctx, partnerA, actor, c.ID)
	if err != nil || again.Token != inv.Token {
		t.Fatalf("a second request made another link: %v", err)
	}
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
	if _, err := s.RequestRelationship(ctx, partnerA, actor, c.ID); !errors.Is(err, customers.ErrRelationshipActive) {
		t.Fatalf("request when active: %v", err)
	}

	var entries []activity.Entry
	app.DB.Where("customer_id = ?", c.ID).Order("at").Find(&entries)
	var actions []string
	for _, e := range entries {
		actions = append(actions, e.Action+"/"+e.ActorName)
	}
	want := []string{"customer.created/tester@example.com", "customer.relationship_requested/tester@example.com", "customer.relationship_accepted/customer"}
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
