package customers

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
	"time"

	"gorm.io/gorm"

	"portal/internal/activity"
	"portal/internal/platform/db"
)

// InvitationLifetime is how long an invitation link may be accepted
// (AUTH-13).
const InvitationLifetime = 30 * 24 * time.Hour

// InvitationExpiresAt is when an invitation made at created stops working
// (AUTH-13): 30 days later, to the second.
func InvitationExpiresAt(created time.Time) time.Time { return created.Add(InvitationLifetime) }

// InvitationExpired reports whether an invitation made at created can no
// longer be accepted at now: from its expiry on.
func InvitationExpired(created, now time.Time) bool { return !now.Before(InvitationExpiresAt(created)) }

// newInvitationToken returns 32 random bytes, URL-safe: unguessable, so the
// link alone may open the public acceptance page (CUST-5).
func newInvitationToken() (string, error) {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		return "", fmt.Errorf("customers: random token: %w", err)
	}
	return base64.RawURLEncoding.EncodeToString(b), nil
}

// HashToken is what is stored of an invitation token (AUTH-13): its
// SHA-256 in hex, so the database alone does not hold a working link.
func HashToken(token string) string {
	sum := sha256.Sum256([]byte(token))
	return hex.EncodeToString(sum[:])
}

// isTokenHash reports whether s has the form HashToken gives: 64 lower-case
// hex digits. Tokens themselves are 43 characters of base64url.
func isTokenHash(s string) bool {
	return len(s) == 64 && !strings.ContainsFunc(s, func(r rune) bool { return !(r >= '0' && r <= '9' || r >= 'a' && r <= 'f') })
}

// HashInvitationTokens converts invitations stored before tokens were
// hashed (AUTH-13): each plain token is replaced by its hash, so the links
// already sent keep working. It runs at every start and changes nothing
// the second time.
func HashInvitationTokens(ctx context.Context, g *gorm.DB) error {
	return db.Tx(ctx, g, func(ctx context.Context, tx *gorm.DB) error {
		var stored []string
		if err := tx.Model(&Invitation{}).Pluck("token", &stored).Error; err != nil {
			return fmt.Errorf("customers: read invitation tokens: %w", err)
		}
		for _, t := range stored {
			if isTokenHash(t) {
				continue
			}
			if err := tx.Model(&Invitation{}).Where("token = ?", t).Update("token", HashToken(t)).Error; err != nil {
				return fmt.Errorf("customers: hash invitation token: %w", err)
			}
		}
		return nil
	})
}

// OpenInvitation returns the customer's invitation that is neither accepted
// nor expired; ok is false when there is none.
func (s *Store) OpenInvitation(ctx context.Context, partnerID, customerID string) (inv Invitation, ok bool, err error) {
	since := s.Clock.Now().Add(-InvitationLifetime)
	err = db.Conn(ctx, s.DB).Where("partner_id = ? AND customer_id = ? AND accepted_at IS NULL AND created_at > ?", partnerID, customerID, since).
		Order("created_at DESC").Take(&inv).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return Invitation{}, false, nil
	}
	if err != nil {
		return Invitation{}, false, fmt.Errorf("customers: open invitation of %s: %w", customerID, err)
	}
	return inv, true, nil
}

// RequestRelationship asks the customer for a delegated-admin relationship
// (CUST-5): it creates an invitation, marks the relationship pending, and
// records "customer.relationship_requested", in one transaction. It returns
// the invitation and its token, which is stored only hashed (AUTH-13) and so
// can be shown only now. Asking again while an invitation is open makes a
// new link and the old one stops working: one link per customer works at a
// time. An active relationship is ErrRelationshipActive.
func (s *Store) RequestRelationship(ctx context.Context, partnerID string, actor activity.Actor, customerID string) (Invitation, string, error) {
	var inv Invitation
	token, err := newInvitationToken()
	if err != nil {
		return Invitation{}, "", err
	}
	err = db.Tx(ctx, s.DB, func(ctx context.Context, tx *gorm.DB) error {
		c, err := s.Get(ctx, partnerID, customerID)
		if err != nil {
			return err
		}
		if c.Relationship == RelationshipActive {
			return ErrRelationshipActive
		}
		// Earlier links that were not accepted stop working.
		if err := tx.Where("partner_id = ? AND customer_id = ? AND accepted_at IS NULL", partnerID, c.ID).Delete(&Invitation{}).Error; err != nil {
			return err
		}
		now := s.Clock.Now()
		inv = Invitation{TokenHash: HashToken(token), PartnerID: partnerID, CustomerID: c.ID, CreatedBy: actor.UserID, CreatedAt: now}
		if err := tx.Create(&inv).Error; err != nil {
			return err
		}
		if err := tx.Model(&Customer{}).Where("id = ?", c.ID).Update("relationship", RelationshipPending).Error; err != nil {
			return err
		}
		return s.Activity.Record(ctx, now, activity.Change{
			PartnerID: partnerID, Actor: actor, CustomerID: c.ID, CustomerName: c.Name,
			ResourceType: "customer", ResourceID: c.ID, Action: "customer.relationship_requested",
			Before: map[string]string{"relationship": c.Relationship},
			After:  map[string]string{"relationship": RelationshipPending},
		})
	})
	if err != nil {
		return Invitation{}, "", fmt.Errorf("customers: request relationship %s: %w", customerID, err)
	}
	return inv, token, nil
}

// InvitationFor is an invitation with the customer it is for.
type InvitationFor struct {
	Invitation
	Customer Customer
}

// InvitationByToken returns the invitation of a token, for the public page:
// it is not scoped by partner, since the customer who opens it is not
// signed in. An unknown token is ErrNotFound; one not accepted within 30
// days ErrInvitationExpired (AUTH-13), with the invitation.
func (s *Store) InvitationByToken(ctx context.Context, token string) (InvitationFor, error) {
	var out InvitationFor
	if token == "" || len(token) > 64 {
		return out, ErrNotFound
	}
	conn := db.Conn(ctx, s.DB)
	if err := conn.Where("token = ?", HashToken(token)).Take(&out.Invitation).Error; err != nil {
		if errors.Is(err, gorm.ErrRecordNotFound) {
			return out, ErrNotFound
		}
		return out, fmt.Errorf("customers: invitation: %w", err)
	}
	c, err := s.Get(ctx, out.PartnerID, out.CustomerID)
	if err != nil {
		return out, err
	}
	out.Customer = c
	if out.AcceptedAt == nil && InvitationExpired(out.CreatedAt, s.Clock.Now()) {
		return out, ErrInvitationExpired
	}
	return out, nil
}

// AcceptInvitation accepts a relationship request (CUST-5): the invitation
// is stamped accepted, the customer's relationship becomes active, and
// "customer.relationship_accepted" is recorded with the customer as actor,
// in one transaction. Accepting twice is ErrAlreadyAccepted; of two
// simultaneous accepts exactly one succeeds. An expired invitation is
// ErrInvitationExpired.
func (s *Store) AcceptInvitation(ctx context.Context, token string) error {
	err := db.Tx(ctx, s.DB, func(ctx context.Context, tx *gorm.DB) error {
		inv, err := s.InvitationByToken(ctx, token)
		if err != nil {
			return err
		}
		now := s.Clock.Now()
		res := tx.Model(&Invitation{}).Where("token = ? AND accepted_at IS NULL", inv.TokenHash).Update("accepted_at", now)
		if res.Error != nil {
			return res.Error
		}
		if res.RowsAffected == 0 {
			return ErrAlreadyAccepted
		}
		if err := tx.Model(&Customer{}).Where("id = ?", inv.CustomerID).Update("relationship", RelationshipActive).Error; err != nil {
			return err
		}
		return s.Activity.Record(ctx, now, activity.Change{
			PartnerID: inv.PartnerID, Actor: activity.Actor{Name: "customer"}, CustomerID: inv.CustomerID,
			CustomerName: inv.Customer.Name, ResourceType: "customer", ResourceID: inv.CustomerID,
			Action: "customer.relationship_accepted",
			Before: map[string]string{"relationship": inv.Customer.Relationship},
			After:  map[string]string{"relationship": RelationshipActive},
		})
	})
	if err != nil {
		return fmt.Errorf("customers: accept invitation: %w", err)
	}
	return nil
}
