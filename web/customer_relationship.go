package web

import (
	"errors"
	"net/http"

	"github.com/labstack/echo/v4"

	"portal/internal/customers"
	custviews "portal/views/customers"
)

// customerRequestRelationship creates the invitation of a delegated-admin
// relationship request (CUST-5) and goes back to the account tab, which
// shows the link to send to the customer.
func (s *Server) customerRequestRelationship(c echo.Context) error {
	v := mustViewer(c)
	id := c.Param("id")
	_, err := s.customers.RequestRelationship(c.Request().Context(), v.Partner.ID, actorOf(c), id)
	target := "/customers/" + id + "/account"
	switch {
	case errors.Is(err, customers.ErrRelationshipActive):
		return s.redirect(c, target, "customer.account.flash_already_active")
	case err != nil:
		return err
	}
	return s.redirect(c, target, "customer.account.flash_requested")
}

// invitationPage is the public page of a relationship request (CUST-5):
// who asks, for which customer, and Accept; an unknown token is a 404.
func (s *Server) invitationPage(c echo.Context) error {
	inv, err := s.customers.InvitationByToken(c.Request().Context(), c.Param("token"))
	if err != nil {
		return err
	}
	p, err := s.auth.Partner(c.Request().Context(), inv.PartnerID)
	if err != nil {
		return err
	}
	return s.render(c, http.StatusOK, custviews.InvitationPage(custviews.Invitation{
		Token: inv.Token, PartnerName: p.Name, CustomerName: inv.Customer.Name, Domain: inv.Customer.Domain,
		AcceptedAt: inv.AcceptedAt,
	}))
}

// invitationAccept accepts a relationship request (CUST-5); accepting again
// changes nothing, and both go back to the page, which says it is accepted.
func (s *Server) invitationAccept(c echo.Context) error {
	token := c.Param("token")
	err := s.customers.AcceptInvitation(c.Request().Context(), token)
	if err != nil && !errors.Is(err, customers.ErrAlreadyAccepted) {
		return err
	}
	return c.Redirect(http.StatusSeeOther, "/invitations/"+token)
}
