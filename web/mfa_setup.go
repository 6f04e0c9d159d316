package web

import (
	"bytes"
	"encoding/base64"
	"errors"
	"image/png"
	"net/http"

	"github.com/labstack/echo/v4"
	"golang.org/x/crypto/bcrypt"

	"portal/internal/auth"
	"portal/views/account"
	"portal/views/components"
)

// mfaSetupPath is the set-up page of two-step verification: the only page a
// user the partner requires it of may see before it is on (AUTH-9).
const mfaSetupPath = "/account/mfa"

// mfaSetupForm shows the QR code and the secret as text, or, once on, the
// status and (once, right after set-up) the recovery codes (AUTH-9).
func (s *Server) mfaSetupForm(c echo.Context) error {
	m, err := s.mfaSetupModel(c)
	if err != nil {
		return err
	}
	return s.render(c, http.StatusOK, account.MFAPage(m))
}

func (s *Server) mfaSetupModel(c echo.Context) (account.MFASetup, error) {
	v := mustViewer(c)
	ctx := c.Request().Context()
	m := account.MFASetup{Required: v.SetupOnly, Errors: components.FieldErrors{}}
	on, err := s.auth.MFAEnabled(ctx, v.User.ID)
	if err != nil {
		return m, err
	}
	if on {
		m.On = true
		m.RecoveryCodes, err = s.takeReveal(c, "recovery")
		return m, err
	}
	setup, err := s.auth.BeginMFA(ctx, v.User)
	if err != nil {
		return m, err
	}
	img, err := setup.Key.Image(220, 220)
	if err != nil {
		return m, err
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		return m, err
	}
	m.QR = "data:image/png;base64," + base64.StdEncoding.EncodeToString(buf.Bytes())
	m.Secret = setup.Secret
	return m, nil
}

// mfaEnable turns two-step verification on after a correct code (AUTH-9) and
// shows the recovery codes once, on the page it redirects to. A user the
// partner required it of is then signed in fully.
func (s *Server) mfaEnable(c echo.Context) error {
	v := mustViewer(c)
	ctx := c.Request().Context()
	code := cleanText(c.FormValue("code"))
	errs := components.FieldErrors{}
	checkText(errs, "code", code, 10, true)
	if !errs.Any() {
		codes, err := s.auth.EnableMFA(ctx, v.User, code)
		switch {
		case errors.Is(err, auth.ErrBadCode):
			errs.Add("code", "account.mfa.wrong_code")
		case errors.Is(err, auth.ErrMFAOn):
			return s.redirect(c, mfaSetupPath, "")
		case err != nil:
			return err
		default:
			if v.SetupOnly {
				if err := s.auth.Sessions().SetStage(ctx, v.Session.ID, auth.StageSignedIn); err != nil {
					return err
				}
			}
			if err := s.reveal(c, "recovery", codes); err != nil {
				return err
			}
			return s.redirect(c, mfaSetupPath, "account.flash.mfa_on")
		}
	}
	m, err := s.mfaSetupModel(c)
	if err != nil {
		return err
	}
	m.Errors = errs
	return s.render(c, http.StatusUnprocessableEntity, account.MFAPage(m))
}

// mfaDisable turns two-step verification off after the current password,
// unless the partner requires it (AUTH-9).
func (s *Server) mfaDisable(c echo.Context) error {
	v := mustViewer(c)
	ctx := c.Request().Context()
	errs := components.FieldErrors{}
	pw := c.FormValue("password")
	if pw == "" {
		errs.Add("password", "field.required")
	} else if bcrypt.CompareHashAndPassword([]byte(v.User.PasswordHash), []byte(pw)) != nil {
		errs.Add("password", auth.PasswordWrong)
	}
	if !errs.Any() {
		err := s.auth.DisableMFA(ctx, v.User, v.Partner)
		switch {
		case errors.Is(err, auth.ErrMFARequired):
			errs.Add("password", "account.mfa.required_no_off")
		case errors.Is(err, auth.ErrMFAOff):
			return s.redirect(c, "/account", "")
		case err != nil:
			return err
		default:
			return s.redirect(c, "/account", "account.flash.mfa_off")
		}
	}
	m, err := s.accountModel(c)
	if err != nil {
		return err
	}
	m.DisableErrors = errs
	return s.render(c, http.StatusUnprocessableEntity, account.AccountPage(m))
}
