package web

import (
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"

	"portal/internal/auth"
	"portal/internal/perm"
	"portal/views/account"
	"portal/views/components"
)

// accountPage shows the user's own profile, language, password form,
// two-step verification and signed-in sessions (AUTH-8 to AUTH-11).
func (s *Server) accountPage(c echo.Context) error {
	m, err := s.accountModel(c)
	if err != nil {
		return err
	}
	return s.render(c, http.StatusOK, account.AccountPage(m))
}

// accountModel gathers the account page of the request's user.
func (s *Server) accountModel(c echo.Context) (account.Page, error) {
	v := mustViewer(c)
	ctx := c.Request().Context()
	m := account.Page{Name: v.User.Name, Email: v.User.Email, Roles: v.Roles, Language: v.User.Language,
		PartnerRequiresMFA: v.Partner.RequireMFA, CanSetSecurity: v.Roles.Can(perm.SecuritySettings),
		PasswordErrors: components.FieldErrors{}, DisableErrors: components.FieldErrors{}}
	var err error
	if m.MFAOn, err = s.auth.MFAEnabled(ctx, v.User.ID); err != nil {
		return m, err
	}
	if m.MFAOn {
		if m.RecoveryLeft, err = s.auth.RecoveryCodesLeft(ctx, v.User.ID); err != nil {
			return m, err
		}
	}
	live, err := s.auth.Sessions().Live(ctx, v.User.ID)
	if err != nil {
		return m, err
	}
	for _, r := range live {
		m.Sessions = append(m.Sessions, account.SessionRow{ID: r.ID, Started: r.CreatedAt, LastSeen: r.LastSeenAt,
			Browser: browserName(r.UserAgent), Address: r.Address, Current: r.ID == v.Session.ID})
	}
	return m, s.apiTokensModel(c, &m.APITokens)
}

// browserName names the browser and system of a User-Agent header in a few
// words, for the sessions list ("Firefox on Windows").
func browserName(ua string) string {
	var browser, system string
	switch {
	case strings.Contains(ua, "Edg/"):
		browser = "Edge"
	case strings.Contains(ua, "Firefox/"):
		browser = "Firefox"
	case strings.Contains(ua, "Chrome/") || strings.Contains(ua, "Chromium/"):
		browser = "Chrome"
	case strings.Contains(ua, "Safari/"):
		browser = "Safari"
	}
	switch {
	case strings.Contains(ua, "Windows"):
		system = "Windows"
	case strings.Contains(ua, "iPhone") || strings.Contains(ua, "iPad"):
		system = "iOS"
	case strings.Contains(ua, "Mac OS X"):
		system = "macOS"
	case strings.Contains(ua, "Android"):
		system = "Android"
	case strings.Contains(ua, "Linux"):
		system = "Linux"
	}
	switch {
	case browser != "" && system != "":
		return browser + " · " + system
	case browser != "" || system != "":
		return browser + system
	case ua == "":
		return "—"
	}
	if len(ua) > 60 {
		return ua[:60] + "…"
	}
	return ua
}

// reveal keeps secret values in the (signed and encrypted) cookie for the
// one next page that shows them once: recovery codes, a reset link. It lets
// the POST that made them answer 303 like every other.
func (s *Server) reveal(c echo.Context, key string, values []string) error {
	sess := s.session(c)
	sess.raw.Values["reveal:"+key] = strings.Join(values, "\n")
	return s.saveSession(c, sess)
}

// takeReveal returns and forgets what reveal kept under key.
func (s *Server) takeReveal(c echo.Context, key string) ([]string, error) {
	sess := s.session(c)
	v, ok := sess.raw.Values["reveal:"+key].(string)
	if !ok {
		return nil, nil
	}
	delete(sess.raw.Values, "reveal:"+key)
	if err := s.saveSession(c, sess); err != nil {
		return nil, err
	}
	return strings.Split(v, "\n"), nil
}

// viewerCurrent is the signed-in request's session with its user.
func viewerCurrent(v *viewer) auth.Current {
	return auth.Current{Session: v.Session, User: v.User, Partner: v.Partner}
}
