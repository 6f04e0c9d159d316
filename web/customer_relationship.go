package web

import (
	"errors"
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"

	"portal/internal/customers"
	custviews "portal/views/customers"
)

// customerRequestRelationship creates the invitation of a delegated-admin
// relationship request (CUST-5) and goes back to the account tab, which
// shows the link to send to the customer once: only its hash is stored
// (AUTH-13), so the link waits in the session for that one page.
func (s *Server) customerRequestRelationship(c echo.Context) error {
	v := mustViewer(c)
	id := c.Param("id")
	_, token, err := s.customers.RequestRelationship(c.Request().Context(), v.Partner.ID, actorOf(c), id)
	target := "/customers/" + id + "/account"
	switch {
	case errors.Is(err, customers.ErrRelationshipActive):
		return s.redirect(c, target, "customer.account.flash_already_active")
	case err != nil:
		return err
	}
	sess := s.session(c)
	sess.raw.Values[invitationSession] = id + " " + token
	if err := s.saveSession(c, sess); err != nil {
		return err
	}
	return s.redirect(c, target, "customer.account.flash_requested")
}

// invitationSession is the session value that holds a new invitation's
// customer and token until the account tab shows the link.
const invitationSession = "invitation"

// takeInvitationToken returns, once, the token of the invitation just made
// for the customer; "" when there is none.
func (s *Server) takeInvitationToken(c echo.Context, customerID string) string {
	sess := s.session(c)
	raw, _ := sess.raw.Values[invitationSession].(string)
	id, token, ok := strings.Cut(raw, " ")
	if !ok || id != customerID {
		return ""
	}
	delete(sess.raw.Values, invitationSession)
	if err := s.saveSession(c, sess); err != nil {
		return ""
	}
	return token
}

// invitationPage is the public page of a relationship request (CUST-5):
// who asks, for which customer, and Accept; an unknown token is a 404.
func (s *Server) invitationPage(c echo.Context) error {
	token := c.Param("token")
	inv, err := s.customers.InvitationByToken(c.Request().Context(), token)
	if errors.Is(err, customers.ErrInvitationExpired) {
		return invitationGone(err)
	}
	if err != nil {
		return err
	}
	p, err := s.auth.Partner(c.Request().Context(), inv.PartnerID)
	if err != nil {
		return err
	}
	return s.render(c, http.StatusOK, custviews.InvitationPage(custviews.Invitation{
		Token: token, PartnerName: p.Name, CustomerName: inv.Customer.Name, Domain: inv.Customer.Domain,
		AcceptedAt: inv.AcceptedAt,
	}))
}

// invitationAccept accepts a relationship request (CUST-5); accepting again
// changes nothing, and both go back to the page, which says it is accepted.
func (s *Server) invitationAccept(c echo.Context) error {
	token := c.Param("token")
	err := s.customers.AcceptInvitation(c.Request().Context(), token)
	if errors.Is(err, customers.ErrInvitationExpired) {
		return invitationGone(err)
	}
	if err != nil && !errors.Is(err, customers.ErrAlreadyAccepted) {
		return err
	}
	return c.Redirect(http.StatusSeeOther, "/invitations/"+token)
}

// invitationGone is the 410 page of an invitation not accepted within 30
// days (AUTH-13): it says to ask the partner for a new link.
func invitationGone(cause error) error {
	return &pageError{status: http.StatusGone, titleKey: "error.410.title", bodyKey: "customer.invitation.expired", cause: cause}
}
