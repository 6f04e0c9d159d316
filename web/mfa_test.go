package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"
	"github.com/pquerna/otp/totp"

	"portal/internal/auth"
	"portal/internal/demo"
	"portal/web/webtest"
)

// setUpMFA turns two-step verification on for c's user through the pages
// and returns the secret and the recovery codes.
func setUpMFA(t *testing.T, app *webtest.App, c *webtest.Client) (string, []string) {
	t.Helper()
	page := c.Get("/account/mfa").Expect(t, http.StatusOK)
	secret := page.Text("#mfa-secret")
	if src, _ := page.Doc.Find("#mfa-qr").Attr("src"); secret == "" || !strings.HasPrefix(src, "data:image/png;base64,") {
		t.Fatalf("set-up page: secret %q, QR %.40q", secret, src)
	}
	// A wrong code leaves it off.
	c.Post("/account/mfa", url.Values{"code": {"000000"}}).Expect(t, http.StatusUnprocessableEntity)
	if c.Get("/account").Text("#mfa-status") != "Off" {
		t.Fatal("on after a wrong code")
	}
	code, _ := totp.GenerateCode(secret, app.Clock.Now())
	c.Post("/account/mfa", url.Values{"code": {code}}).Expect(t, http.StatusSeeOther)
	done := c.Get("/account/mfa").Expect(t, http.StatusOK)
	var codes []string
	done.Doc.Find("#recovery-codes .recovery-code").Each(func(_ int, s *goquery.Selection) { codes = append(codes, s.Text()) })
	if len(codes) != auth.RecoveryCodes {
		t.Fatalf("%d recovery codes shown, want %d", len(codes), auth.RecoveryCodes)
	}
	if again := c.Get("/account/mfa"); again.Count(".recovery-code") != 0 {
		t.Fatal("recovery codes shown twice")
	}
	return secret, codes
}

// signInWithCode signs in with the password, then the code.
func signInWithCode(t *testing.T, app *webtest.App, email, code string) (*webtest.Client, *webtest.Response) {
	t.Helper()
	c := app.Client()
	c.Get("/login")
	r := c.Post("/login", url.Values{"email": {email}, "password": {demo.Password}, "next": {"/account"}}).Expect(t, http.StatusSeeOther)
	if !strings.HasPrefix(r.Location, "/login/mfa") {
		t.Fatalf("after the password: %q", r.Location)
	}
	c.Get(r.Location).Expect(t, http.StatusOK)
	return c, c.Post("/login/mfa", url.Values{"code": {code}, "next": {"/account"}})
}

// AUTH-9: set up with a code, then sign-in asks for one on a second page;
// a half-signed-in session reaches nothing else; recovery codes work once;
// the codes are stored hashed.
func TestTwoStepVerification_AUTH9(t *testing.T) {
	t.Parallel()
	app := webtest.New(t)
	c := app.SignedIn("sales@contoso.example")
	secret, codes := setUpMFA(t, app, c)
	c.Post("/logout", nil).Expect(t, http.StatusSeeOther)

	// Half signed in: nothing else gets through.
	half := app.Client()
	half.Get("/login")
	half.Post("/login", url.Values{"email": {"sales@contoso.example"}, "password": {demo.Password}}).Expect(t, http.StatusSeeOther)
	for _, p := range []string{"/", "/customers", "/account", "/account/mfa"} {
		if r := half.Get(p); r.Status != http.StatusSeeOther || r.Location != "/login/mfa" {
			t.Fatalf("%s half signed in: %d %q", p, r.Status, r.Location)
		}
	}
	half.Get("/login/mfa").Expect(t, http.StatusOK) // the token of the new session
	if r := half.Post("/account/password", url.Values{"current_password": {demo.Password}}); r.Status != http.StatusSeeOther || r.Location != "/login/mfa" {
		t.Fatalf("a POST half signed in: %d %q", r.Status, r.Location)
	}

	// The code of the step already used at set-up is refused; the next works.
	app.Clock.Advance(30 * time.Second)
	code, _ := totp.GenerateCode(secret, app.Clock.Now())
	signed, r := signInWithCode(t, app, "sales@contoso.example", code)
	if r.Status != http.StatusSeeOther || r.Location != "/account" {
		t.Fatalf("code: %d %q", r.Status, r.Location)
	}
	signed.Get("/account").Expect(t, http.StatusOK)
	// The same code again: refused (used once).
	_, r = signInWithCode(t, app, "sales@contoso.example", code)
	r.Expect(t, http.StatusUnprocessableEntity)

	// A recovery code works once.
	_, r = signInWithCode(t, app, "sales@contoso.example", codes[0])
	r.Expect(t, http.StatusSeeOther)
	_, r = signInWithCode(t, app, "sales@contoso.example", strings.ToUpper(codes[0]))
	r.Expect(t, http.StatusUnprocessableEntity)
	var stored []auth.RecoveryCode
	app.DB.Where("user_id = ?", demo.ID("user:sales@contoso.example")).Find(&stored)
	for _, s := range stored {
		for _, code := range codes {
			if strings.Contains(s.CodeHash, strings.ReplaceAll(code, "-", "")) {
				t.Fatal("recovery code stored in clear")
			}
		}
	}
	if countSecurityActivity(t, app, auth.ActionMFAEnabled, demo.ID("user:sales@contoso.example")) != 1 ||
		countSecurityActivity(t, app, auth.ActionRecoveryCodeUsed, demo.ID("user:sales@contoso.example")) != 1 {
		t.Fatal("not in the activity log")
	}
}

// AUTH-9: five wrong codes end the sign-in attempt.
func TestFiveWrongCodesEndTheAttempt_AUTH9(t *testing.T) {
	t.Parallel()
	app := webtest.New(t)
	secret, _ := setUpMFA(t, app, app.SignedIn("sales@contoso.example"))
	c, r := signInWithCode(t, app, "sales@contoso.example", "111111")
	for i := 2; i <= auth.MaxCodeFailures; i++ {
		r.Expect(t, http.StatusUnprocessableEntity)
		r = c.Post("/login/mfa", url.Values{"code": {"111111"}})
	}
	if r.Status != http.StatusSeeOther || r.Location != "/login" {
		t.Fatalf("fifth wrong code: %d %q", r.Status, r.Location)
	}
	// The attempt is over: the code page sends back to the password.
	if r := c.Get("/login/mfa"); r.Location != "/login" {
		t.Fatalf("code page after the attempt ended: %d %q", r.Status, r.Location)
	}
	c.Get("/login").Expect(t, http.StatusOK)
	app.Clock.Advance(30 * time.Second)
	code, _ := totp.GenerateCode(secret, app.Clock.Now())
	if r := c.Post("/login/mfa", url.Values{"code": {code}}); r.Location != "/login" {
		t.Fatalf("a right code after the attempt ended: %d %q", r.Status, r.Location)
	}
	c.Get("/").Expect(t, http.StatusSeeOther)
	// The account is locked like after wrong passwords: signing in again
	// gives no new codes to try until the lock ends.
	r = c.Post("/login", url.Values{"email": {"sales@contoso.example"}, "password": {demo.Password}})
	if r.Status != http.StatusUnauthorized || !strings.Contains(r.Body, "locked") {
		t.Fatalf("sign-in right after five wrong codes: %d", r.Status)
	}
	app.Clock.Advance(auth.LockFor)
	c.Post("/login", url.Values{"email": {"sales@contoso.example"}, "password": {demo.Password}}).Expect(t, http.StatusSeeOther)
}

// AUTH-9: a global admin requires two-step verification for everyone; a user
// without it is sent to set it up right after the password, before any page.
func TestPartnerRequiresTwoStep_AUTH9(t *testing.T) {
	t.Parallel()
	app := webtest.New(t)
	admin := app.SignedIn("globaladmin@contoso.example")
	if admin.Get("/account").Count("#require-mfa") != 1 {
		t.Fatal("switch not on the global admin's account page")
	}
	if app.SignedIn("usermgmt@contoso.example").Get("/account").Count("#require-mfa") != 0 {
		t.Fatal("switch shown to a user management admin")
	}
	admin.Post("/settings/security", url.Values{"require_mfa": {"on"}}).Expect(t, http.StatusSeeOther)

	c := app.Client()
	c.Get("/login")
	r := c.Post("/login", url.Values{"email": {"sales@contoso.example"}, "password": {demo.Password}}).Expect(t, http.StatusSeeOther)
	if r.Location != "/account/mfa" {
		t.Fatalf("after the password: %q", r.Location)
	}
	for _, p := range []string{"/", "/customers", "/account"} {
		if r := c.Get(p); r.Status != http.StatusSeeOther || r.Location != "/account/mfa" {
			t.Fatalf("%s before set-up: %d %q", p, r.Status, r.Location)
		}
	}
	page := c.Get("/account/mfa").Expect(t, http.StatusOK)
	if page.Count("#mfa-required") != 1 {
		t.Fatal("the page does not say it is required")
	}
	code, _ := totp.GenerateCode(page.Text("#mfa-secret"), app.Clock.Now())
	c.Post("/account/mfa", url.Values{"code": {code}}).Expect(t, http.StatusSeeOther)
	c.Get("/customers").Expect(t, http.StatusOK)
	// Required: it cannot be turned off.
	c.Post("/account/mfa/disable", url.Values{"password": {demo.Password}}).Expect(t, http.StatusUnprocessableEntity)
	if countSecurityActivity(t, app, auth.ActionSecurityChanged, demo.ContosoID) != 1 {
		t.Fatal("switch not in the activity log")
	}
}

// AUTH-9: turning it off needs the current password.
func TestTurnOffTwoStep_AUTH9(t *testing.T) {
	t.Parallel()
	app := webtest.New(t)
	c := app.SignedIn("sales@contoso.example")
	setUpMFA(t, app, c)
	c.Post("/account/mfa/disable", url.Values{"password": {"wrong-password-here"}}).Expect(t, http.StatusUnprocessableEntity)
	c.Post("/account/mfa/disable", url.Values{"password": {demo.Password}}).Expect(t, http.StatusSeeOther)
	app.Client().Login("sales@contoso.example", demo.Password) // the password alone again
}
