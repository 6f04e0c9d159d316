package web

import (
	"errors"
	"net/http"

	"github.com/labstack/echo/v4"

	"portal/internal/auth"
	"portal/views/account"
	"portal/views/components"
)

// checkNewPassword checks a new password and its confirmation against the
// rules of AUTH-11, marking the fields.
func checkNewPassword(errs components.FieldErrors, password, confirm, email string) {
	switch p := auth.CheckPassword(password, email); p {
	case "":
	case auth.PasswordTooShort:
		errs.Add("new_password", p, auth.MinPasswordLength)
	case auth.PasswordTooLong:
		errs.Add("new_password", p, auth.MaxPasswordBytes)
	default:
		errs.Add("new_password", p)
	}
	if confirm != password {
		errs.Add("confirm_password", auth.PasswordsDiffer)
	}
}

// accountPassword changes the user's own password with the current one
// (AUTH-11); every other session of the user ends (AUTH-8).
func (s *Server) accountPassword(c echo.Context) error {
	v := mustViewer(c)
	ctx := c.Request().Context()
	current, next, confirm := c.FormValue("current_password"), c.FormValue("new_password"), c.FormValue("confirm_password")
	errs := components.FieldErrors{}
	if current == "" {
		errs.Add("current_password", "field.required")
	}
	checkNewPassword(errs, next, confirm, v.User.Email)
	if !errs.Any() && next == current {
		errs.Add("new_password", auth.PasswordUnchanged)
	}
	if !errs.Any() {
		err := s.auth.ChangePassword(ctx, viewerCurrent(v), current, next)
		switch {
		case errors.Is(err, auth.ErrWrongPassword):
			errs.Add("current_password", auth.PasswordWrong)
		case err != nil:
			return err
		default:
			return s.redirect(c, "/account", "account.flash.password_changed")
		}
	}
	m, err := s.accountModel(c)
	if err != nil {
		return err
	}
	m.PasswordErrors = errs
	return s.render(c, http.StatusUnprocessableEntity, account.AccountPage(m))
}
