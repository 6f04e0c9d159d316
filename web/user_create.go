package web

import (
	"errors"
	"net/http"
	"strings"
	"unicode/utf8"

	"github.com/labstack/echo/v4"

	"portal/internal/auth"
	"portal/internal/perm"
	"portal/views/components"
	userviews "portal/views/users"
)

const (
	// minPasswordLength is the shortest initial password accepted.
	minPasswordLength = 12
	// maxPasswordBytes is bcrypt's limit: longer passwords are refused, not cut.
	maxPasswordBytes = 72
)

// userNewForm shows the add-user form (AUTH-4).
func (s *Server) userNewForm(c echo.Context) error {
	return s.render(c, http.StatusOK, userviews.NewPage(userviews.NewForm{Errors: components.FieldErrors{}}))
}

// userCreate adds a user to the partner (AUTH-4): name, an email no other
// user has, at least one role, an initial password of 12 characters or more.
func (s *Server) userCreate(c echo.Context) error {
	v := mustViewer(c)
	f := userviews.NewForm{
		Name:   cleanText(c.FormValue("name")),
		Email:  cleanText(c.FormValue("email")),
		Errors: components.FieldErrors{},
	}
	password := c.FormValue("password")
	checkText(f.Errors, "name", f.Name, 200, true)
	// Checked before lower-casing, which would turn bad bytes into U+FFFD.
	checkText(f.Errors, "email", f.Email, 254, true)
	if !f.Errors.Has("email") {
		if f.Email = auth.NormalizeEmail(f.Email); !auth.ValidEmail(f.Email) {
			f.Errors.Add("email", "field.bad_email")
		}
	}
	switch {
	case password == "":
		f.Errors.Add("password", "field.required")
	case !utf8.ValidString(password):
		f.Errors.Add("password", "field.bad_text")
	case utf8.RuneCountInString(password) < minPasswordLength:
		f.Errors.Add("password", "users.error.password_short", minPasswordLength)
	case len(password) > maxPasswordBytes:
		f.Errors.Add("password", "users.error.password_long", maxPasswordBytes)
	}
	// AUTH-11: an initial password keeps the same rules as a chosen one.
	if !f.Errors.Has("password") && !f.Errors.Has("email") {
		if p := auth.CheckPassword(password, f.Email); p == auth.PasswordCommon || p == auth.PasswordHasName {
			f.Errors.Add("password", p)
		}
	}
	roles, names := formRoles(c, f.Errors)
	f.Roles = names
	if !f.Errors.Has("roles") {
		if err := auth.CheckRoleChange(auth.RoleChange{ActorID: v.User.ID, Actor: v.Roles, After: roles}); err != nil {
			f.Errors.Add("roles", "users.error.global_admin_only")
		}
	}
	if !f.Errors.Any() {
		_, err := s.auth.CreateUser(c.Request().Context(), v.Partner.ID, actorOf(c), v.Roles,
			auth.NewUser{Name: f.Name, Email: f.Email, Password: password, Roles: roles})
		switch {
		case errors.Is(err, auth.ErrEmailTaken):
			f.Errors.Add("email", "users.error.email_taken")
		case err != nil:
			return err
		default:
			return s.redirect(c, "/users", "users.flash.created")
		}
	}
	f.Name, f.Email = strings.ToValidUTF8(f.Name, "\uFFFD"), strings.ToValidUTF8(f.Email, "\uFFFD")
	return s.render(c, http.StatusUnprocessableEntity, userviews.NewPage(f))
}

// formRoles reads the roles checkboxes: at least one, each a known role.
func formRoles(c echo.Context, errs components.FieldErrors) (perm.Roles, []string) {
	params, _ := c.FormParams()
	var roles perm.Roles
	var names []string
	for _, name := range params["roles"] {
		r, ok := perm.ParseRole(name)
		if !ok {
			errs.Add("roles", "users.error.bad_role")
			continue
		}
		if !roles.Has(r) {
			roles = append(roles, r)
			names = append(names, name)
		}
	}
	if len(roles) == 0 {
		errs.Add("roles", "users.error.no_role")
	}
	return roles, names
}
