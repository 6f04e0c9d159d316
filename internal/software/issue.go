package software

import (
	"context"
	"fmt"
	"strings"

	"github.com/google/uuid"
	"gorm.io/gorm"

	"portal/internal/activity"
	"portal/internal/platform/db"
)

// Choice is what the agent picked: one version, language and file type.
type Choice struct {
	Version, Language, FileType string
}

// Issued is the answer to "Get keys and downloads" (SW-2, SW-3): the
// purchase's activation key and a fresh link, whose token is known only here.
type Issued struct {
	Key   string
	Token string
	Link  DownloadLink
}

// Issue shows the activation key and issues a fresh download link (14 days,
// 50 downloads) for an active purchase, and records the key access (SW-4),
// in one transaction. It can be called as often as needed.
func (s *Store) Issue(ctx context.Context, partnerID string, actor activity.Actor, id string, ch Choice) (Issued, error) {
	secret, err := s.keySecret(ctx)
	if err != nil {
		return Issued{}, err
	}
	var out Issued
	err = db.Tx(ctx, s.DB, func(ctx context.Context, tx *gorm.DB) error {
		p, err := s.Get(ctx, partnerID, id)
		if err != nil {
			return err
		}
		if p.Status != Active {
			return ErrNotActive
		}
		offer, err := s.Offer(ctx, p.OfferID)
		if err != nil {
			return err
		}
		if bad := ChoicesFor(offer, p).Bad(ch.Version, ch.Language, ch.FileType); len(bad) > 0 {
			return fmt.Errorf("%w: %s", ErrBadChoice, strings.Join(bad, ", "))
		}
		now := s.Clock.Now().UTC()
		token, hash := NewToken()
		link := DownloadLink{
			ID: uuid.NewString(), PartnerID: partnerID, PurchaseID: p.ID, TokenHash: hash,
			Version: ch.Version, Language: ch.Language, FileType: ch.FileType,
			IssuedAt: now, ExpiresAt: now.Add(LinkTTL),
		}
		if err := tx.Create(&link).Error; err != nil {
			return err
		}
		name, err := customerName(ctx, tx, partnerID, p.CustomerID)
		if err != nil {
			return err
		}
		out = Issued{Key: ActivationKey(secret, p.ID), Token: token, Link: link}
		return s.Activity.Record(ctx, now, activity.Change{
			PartnerID: partnerID, Actor: actor, CustomerID: p.CustomerID, CustomerName: name,
			ResourceType: "software", ResourceID: p.ID, Action: "software.key_accessed",
			Details: choiceDetails(p.ProductName, link),
			After:   map[string]string{"link_id": link.ID, "expires_at": link.ExpiresAt.Format("2006-01-02T15:04:05Z")},
		})
	})
	if err != nil {
		return Issued{}, fmt.Errorf("software: issue keys for %s: %w", id, err)
	}
	return out, nil
}

// choiceDetails is the activity log's line for a link: product and choice.
func choiceDetails(product string, l DownloadLink) string {
	return product + " · " + l.Version + " · " + l.Language + " · " + l.FileType
}
