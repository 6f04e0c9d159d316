package web

import (
	"net/http"

	"github.com/labstack/echo/v4"

	userviews "portal/views/users"
)

// usersList lists the partner's users with their roles and status (AUTH-4).
func (s *Server) usersList(c echo.Context) error {
	v := mustViewer(c)
	list, err := s.auth.PartnerUsers(c.Request().Context(), v.Partner.ID)
	if err != nil {
		return err
	}
	var m userviews.List
	for _, u := range list {
		m.Rows = append(m.Rows, userviews.Row{ID: u.ID, Name: u.Name, Email: u.Email, Roles: u.Roles(), Disabled: u.Disabled, Self: u.ID == v.User.ID})
	}
	return s.render(c, http.StatusOK, userviews.ListPage(m))
}
