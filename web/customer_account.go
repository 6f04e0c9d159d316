package web

import (
	"github.com/labstack/echo/v4"

	"portal/internal/customers"

	custviews "portal/views/customers"
)

// customerAccount shows the account tab of a customer's page (CUST-3): the
// company and billing contact, the tenant ID, the account-opening date, and
// the delegated-admin relationship with its invitation link (CUST-5).
func (s *Server) customerAccount(c echo.Context) error {
	cust, err := s.customerFor(c)
	if err != nil {
		return err
	}
	l := localizerOf(c)
	a := custviews.Account{
		ID: cust.ID, Name: cust.Name, Domain: cust.Domain, Country: s.countries.name(l.Lang, cust.Country),
		Segment: cust.Segment, ContactName: cust.ContactName, ContactEmail: cust.ContactEmail,
		ContactPhone: cust.ContactPhone, TenantID: cust.TenantID, OpenedAt: cust.OpenedAt,
		Relationship: cust.Relationship, PortalURL: managementPortalURL(cust.TenantID),
	}
	if cust.Relationship != "active" {
		inv, ok, err := s.customers.OpenInvitation(c.Request().Context(), cust.PartnerID, cust.ID)
		if err != nil {
			return err
		}
		if ok {
			a.InvitationPending = true
			a.InvitationSince = inv.CreatedAt
			a.InvitationExpires = customers.InvitationExpiresAt(inv.CreatedAt)
			if token := s.takeInvitationToken(c, cust.ID); token != "" {
				a.InvitationURL = s.absURL("/invitations/" + token)
			}
		}
	}
	if a.History, err = s.customerHistory(c, cust.ID); err != nil {
		return err
	}
	return s.renderCustomerTab(c, cust, custviews.TabAccount, custviews.AccountTab(a))
}

// managementPortalURL opens the customer's admin portal on behalf of the
// partner, which works once the delegated-admin relationship is active.
func managementPortalURL(tenantID string) string {
	return "https://admin.microsoft.com/Partner/BeginClientSession.aspx?CTID=" + tenantID + "&CSDEST=o365admincenter"
}
