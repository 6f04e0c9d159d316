package customers

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"errors"
	"fmt"

	"gorm.io/gorm"

	"portal/internal/activity"
	"portal/internal/platform/db"
)

// newInvitationToken returns 32 random bytes, URL-safe: unguessable, so the
// link alone may open the public acceptance page (CUST-5).
func newInvitationToken() (string, error) {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		return "", fmt.Errorf("customers: random token: %w", err)
	}
	return base64.RawURLEncoding.EncodeToString(b), nil
}

// OpenInvitation returns the customer's invitation that is not accepted yet;
// ok is false when there is none.
func (s *Store) OpenInvitation(ctx context.Context, partnerID, customerID string) (inv Invitation, ok bool, err error) {
	err = db.Conn(ctx, s.DB).Where("partner_id = ? AND customer_id = ? AND accepted_at IS NULL", partnerID, customerID).
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
// (CUST-5): it creates an invitation with a random token, marks the
// relationship pending, and records "customer.relationship_requested", in one
// transaction. An invitation still open is returned as it is, so a double
// submit makes one link; an active relationship is ErrRelationshipActive.
func (s *Store) RequestRelationship(ctx context.Context, partnerID string, actor activity.Actor, customerID string) (Invitation, error) {
	var inv Invitation
	err := db.Tx(ctx, s.DB, func(ctx context.Context, tx *gorm.DB) error {
		c, err := s.Get(ctx, partnerID, customerID)
		if err != nil {
			return err
		}
		if c.Relationship == RelationshipActive {
			return ErrRelationshipActive
		}
		open, ok, err := s.OpenInvitation(ctx, partnerID, customerID)
		if err != nil {
			return err
		}
		if ok {
			inv = open
			return nil
		}
		now := s.Clock.Now()
		token, err := newInvitationToken()
		if err != nil {
			return err
		}
		inv = Invitation{Token: token, PartnerID: partnerID, CustomerID: c.ID, CreatedBy: actor.UserID, CreatedAt: now}
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
		return Invitation{}, fmt.Errorf("customers: request relationship %s: %w", customerID, err)
	}
	return inv, nil
}

// InvitationFor is an invitation with the customer it is for.
type InvitationFor struct {
	Invitation
	Customer Customer
}

// InvitationByToken returns the invitation of a token, for the public page:
// it is not scoped by partner, since the customer who opens it is not
// signed in. An unknown token is ErrNotFound.
func (s *Store) InvitationByToken(ctx context.Context, token string) (InvitationFor, error) {
	var out InvitationFor
	if token == "" || len(token) > 64 {
		return out, ErrNotFound
	}
	conn := db.Conn(ctx, s.DB)
	if err := conn.Where("token = ?", token).Take(&out.Invitation).Error; err != nil {
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
	return out, nil
}

// AcceptInvitation accepts a relationship request (CUST-5): the invitation
// is stamped accepted, the customer's relationship becomes active, and
// "customer.relationship_accepted" is recorded with the customer as actor,
// in one transaction. Accepting twice is ErrAlreadyAccepted; of two
// simultaneous accepts exactly one succeeds.
func (s *Store) AcceptInvitation(ctx context.Context, token string) error {
	err := db.Tx(ctx, s.DB, func(ctx context.Context, tx *gorm.DB) error {
		inv, err := s.InvitationByToken(ctx, token)
		if err != nil {
			return err
		}
		now := s.Clock.Now()
		res := tx.Model(&Invitation{}).Where("token = ? AND accepted_at IS NULL", token).Update("accepted_at", now)
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
