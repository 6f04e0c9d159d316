package auth

import (
	"context"
	"fmt"
	"strconv"

	"gorm.io/gorm"

	"portal/internal/activity"
	"portal/internal/platform/db"
)

// SetRequireMFA turns the partner-wide "require two-step verification for
// everyone" switch on or off (AUTH-9) and records the change. Users without
// it are sent to set it up at their next sign-in.
func (s *Service) SetRequireMFA(ctx context.Context, partnerID string, actor activity.Actor, on bool) error {
	return db.Tx(ctx, s.DB, func(ctx context.Context, tx *gorm.DB) error {
		p, err := s.Partner(ctx, partnerID)
		if err != nil {
			return err
		}
		if p.RequireMFA == on {
			return nil
		}
		if err := tx.Model(&Partner{}).Where("id = ?", partnerID).Update("require_mfa", on).Error; err != nil {
			return fmt.Errorf("auth: require mfa for %s: %w", partnerID, err)
		}
		return s.Activity.Record(ctx, s.Clock.Now(), activity.Change{
			PartnerID: partnerID, Actor: actor, ResourceType: "partner", ResourceID: partnerID, Action: ActionSecurityChanged,
			Before: map[string]string{"require_mfa": strconv.FormatBool(p.RequireMFA)},
			After:  map[string]string{"require_mfa": strconv.FormatBool(on)},
		})
	})
}

// SignInStage is where a correct password leads (AUTH-9): to the code page
// when the user has two-step verification, to its set-up when the partner
// requires it and the user has none, else straight in.
func SignInStage(hasMFA, partnerRequires bool) string {
	switch {
	case hasMFA:
		return StageCode
	case partnerRequires:
		return StageSetup
	}
	return StageSignedIn
}
