package web

import (
	"strings"

	"github.com/labstack/echo/v4"

	"portal/internal/subscriptions"
	"portal/views/components"
)

// apiSubscriptionAct runs one of the pages' subscription operations on the
// subscription of the URL and answers it as it is after.
func (s *Server) apiSubscriptionAct(c echo.Context, act func(d subscriptions.Detail) error) error {
	d, err := s.subscriptionFor(c)
	if err != nil {
		return err
	}
	if err := subManageable(d); err != nil {
		return err
	}
	if err := act(d); err != nil {
		return subError(err)
	}
	return s.apiSubscriptionGet(c)
}

// apiSubscriptionSuspend suspends a subscription (SUB-4).
func (s *Server) apiSubscriptionSuspend(c echo.Context) error {
	return s.apiSubscriptionAct(c, func(d subscriptions.Detail) error {
		_, err := s.subs.Suspend(c.Request().Context(), d.PartnerID, actorOf(c), d.ID)
		return err
	})
}

// apiSubscriptionReactivate reactivates a suspended subscription (SUB-5).
func (s *Server) apiSubscriptionReactivate(c echo.Context) error {
	return s.apiSubscriptionAct(c, func(d subscriptions.Detail) error {
		_, err := s.subs.Reactivate(c.Request().Context(), d.PartnerID, actorOf(c), d.ID)
		return err
	})
}

// apiCancelBody chooses how to cancel, as the cancel page does: immediate
// (with a reason), at_renewal, undo or deprovision.
type apiCancelBody struct {
	Mode   string `json:"mode"`
	Reason string `json:"reason"`
}

// apiSubscriptionCancel cancels with the page's modes and windows (SUB-6,
// SUB-7): the store operations decide what the state allows.
func (s *Server) apiSubscriptionCancel(c echo.Context) error {
	var in apiCancelBody
	if err := readJSON(c, &in); err != nil {
		return err
	}
	// The subscription is found (or 404) before the body is judged.
	return s.apiSubscriptionAct(c, func(d subscriptions.Detail) error {
		errs := components.FieldErrors{}
		reason := strings.TrimSpace(in.Reason)
		checkText(errs, "reason", reason, 500, false)
		switch in.Mode {
		case "immediate", "at_renewal", "undo", "deprovision":
		default:
			errs.Add("mode", "sub.mode_required")
		}
		if errs.Any() {
			return apiInvalid(errs)
		}
		ctx, actor := c.Request().Context(), actorOf(c)
		var err error
		switch in.Mode {
		case "immediate":
			_, err = s.subs.CancelNow(ctx, d.PartnerID, actor, d.ID, reason)
		case "at_renewal":
			_, err = s.subs.CancelAtRenewal(ctx, d.PartnerID, actor, d.ID)
		case "undo":
			_, err = s.subs.UndoScheduledCancellation(ctx, d.PartnerID, actor, d.ID)
		default:
			_, err = s.subs.Deprovision(ctx, d.PartnerID, actor, d.ID)
		}
		return err
	})
}
