package auth

import (
	"context"
	"errors"
	"fmt"

	"github.com/google/uuid"
	"gorm.io/gorm"

	"portal/internal/activity"
	"portal/internal/platform/db"
)

func actorOf(u User) activity.Actor { return activity.Actor{UserID: u.ID, Name: u.Email} }

// SignOut ends the session of a request, or every session of its user when
// everywhere is set (AUTH-8), and records it.
func (s *Service) SignOut(ctx context.Context, cur Current, everywhere bool) error {
	ss := s.Sessions()
	return db.Tx(ctx, s.DB, func(ctx context.Context, tx *gorm.DB) error {
		action := ActionSignedOut
		var err error
		if everywhere {
			action = ActionSignedOutEverywhere
			err = ss.EndAll(ctx, cur.User.ID)
		} else {
			err = ss.End(ctx, cur.Session.ID)
		}
		if err != nil {
			return err
		}
		return s.Activity.Record(ctx, s.Clock.Now(), activity.Change{
			PartnerID: cur.User.PartnerID, Actor: actorOf(cur.User), ResourceType: "user", ResourceID: cur.User.ID, Action: action,
		})
	})
}

// EndOwnSession ends one of the user's own sessions from the account page
// (AUTH-8). An ID that names none of the user's live sessions (already
// ended, or someone else's) changes nothing and answers like an ended one,
// so it tells nothing about other users' sessions; a malformed ID is
// ErrNotFound.
func (s *Service) EndOwnSession(ctx context.Context, u User, sessionID string) error {
	if _, err := uuid.Parse(sessionID); err != nil {
		return ErrNotFound
	}
	ss := s.Sessions()
	return db.Tx(ctx, s.DB, func(ctx context.Context, tx *gorm.DB) error {
		var row Session
		if err := tx.Where("id = ? AND user_id = ?", sessionID, u.ID).Take(&row).Error; err != nil {
			if errors.Is(err, gorm.ErrRecordNotFound) {
				return nil
			}
			return fmt.Errorf("auth: session %s: %w", sessionID, err)
		}
		if row.EndedAt != nil {
			return nil
		}
		if err := ss.End(ctx, row.ID); err != nil {
			return err
		}
		return s.Activity.Record(ctx, s.Clock.Now(), activity.Change{
			PartnerID: u.PartnerID, Actor: actorOf(u), ResourceType: "user", ResourceID: u.ID, Action: ActionSessionEnded,
			Details: row.UserAgent,
		})
	})
}

// EndUserSessions is an admin's "end sessions" on one of the partner's users
// (AUTH-8): every session of that user ends at its next request.
func (s *Service) EndUserSessions(ctx context.Context, partnerID string, actor activity.Actor, userID string) error {
	return db.Tx(ctx, s.DB, func(ctx context.Context, tx *gorm.DB) error {
		u, err := s.PartnerUser(ctx, partnerID, userID)
		if err != nil {
			return err
		}
		if err := s.Sessions().EndAll(ctx, u.ID); err != nil {
			return err
		}
		return s.Activity.Record(ctx, s.Clock.Now(), activity.Change{
			PartnerID: partnerID, Actor: actor, ResourceType: "user", ResourceID: u.ID, Action: ActionSessionsEnded, Details: u.Email,
		})
	})
}
