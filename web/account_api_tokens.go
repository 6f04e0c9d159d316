package web

import (
	"errors"
	"net/http"
	"strconv"
	"time"

	"github.com/labstack/echo/v4"

	"portal/internal/apitokens"
	"portal/views/account"
	"portal/views/components"
)

// apiTokenLifetimes are the expiries a token may be given, in days; the
// longest is a year (API-2).
var apiTokenLifetimes = []int{30, 90, 180, 365}

// apiTokensModel builds the "API tokens" section: the user's tokens, and
// the secret of the one just made, shown this once.
func (s *Server) apiTokensModel(c echo.Context, m *account.APITokens) error {
	v := mustViewer(c)
	rows, err := s.tokens.List(c.Request().Context(), v.User.ID)
	if err != nil {
		return err
	}
	now := s.sessionClock.Now()
	for _, t := range rows {
		r := account.APITokenRow{ID: t.ID, Name: t.Name, Created: t.CreatedAt, Expires: t.ExpiresAt, LastUsed: t.LastUsedAt, Status: "active", Revocable: true}
		switch {
		case t.RevokedAt != nil:
			r.Status, r.Revocable = "revoked", false
		case !t.Live(now):
			r.Status = "expired"
		}
		m.Rows = append(m.Rows, r)
	}
	secret, err := s.takeReveal(c, "api-token")
	if err != nil {
		return err
	}
	if len(secret) == 1 {
		m.NewSecret = secret[0]
	}
	if m.ExpiresIn == "" {
		m.ExpiresIn = "90"
	}
	if m.Errors == nil {
		m.Errors = components.FieldErrors{}
	}
	l := localizerOf(c)
	for _, d := range apiTokenLifetimes {
		m.Lifetimes = append(m.Lifetimes, components.Option{Value: strconv.Itoa(d), Label: l.T("api_tokens.days", d)})
	}
	return nil
}

// apiTokenCreate makes a personal access token (API-2): a name and a
// lifetime of at most a year; the secret is shown once, on the next page.
func (s *Server) apiTokenCreate(c echo.Context) error {
	v := mustViewer(c)
	name := cleanText(c.FormValue("token_name"))
	days, _ := strconv.Atoi(c.FormValue("expires_in"))
	errs := components.FieldErrors{}
	checkText(errs, "token_name", name, 100, true)
	if !validLifetime(days) {
		errs.Add("expires_in", "api_tokens.error.lifetime")
	}
	if errs.Any() {
		m, err := s.accountModel(c)
		if err != nil {
			return err
		}
		m.APITokens.Name, m.APITokens.ExpiresIn, m.APITokens.Errors = name, c.FormValue("expires_in"), errs
		return s.render(c, http.StatusUnprocessableEntity, account.AccountPage(m))
	}
	expires := s.sessionClock.Now().Add(time.Duration(days) * 24 * time.Hour)
	_, secret, err := s.tokens.Create(c.Request().Context(), v.User, name, expires)
	if err != nil {
		return err
	}
	if err := s.reveal(c, "api-token", []string{secret}); err != nil {
		return err
	}
	return s.redirect(c, "/account#api-tokens", "api_tokens.flash.created")
}

func validLifetime(days int) bool {
	for _, d := range apiTokenLifetimes {
		if d == days {
			return true
		}
	}
	return false
}

// apiTokenRevoke ends one of the user's tokens; its next call answers 401.
// Like ending a session, naming a token that is not the user's changes
// nothing and tells nothing.
func (s *Server) apiTokenRevoke(c echo.Context) error {
	err := s.tokens.Revoke(c.Request().Context(), mustViewer(c).User, c.Param("id"))
	if err != nil && !errors.Is(err, apitokens.ErrNotFound) {
		return err
	}
	return s.redirect(c, "/account#api-tokens", "api_tokens.flash.revoked")
}
