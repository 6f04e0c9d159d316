package e2e

import (
	"strings"
	"testing"
	"time"

	"github.com/pquerna/otp/totp"

	"portal/internal/demo"
	"portal/web/webtest"
)

// AUTH-9: set up two-step verification reading the secret from the page
// (scanning nothing), sign out, sign in with the password and a code, then
// with a recovery code, whose second use is refused.
func TestTwoStepVerification_Browser_AUTH9(t *testing.T) {
	app := webtest.New(t)
	b := app.NewBrowser(webtest.BrowserOptions{})
	b.Login("sales@contoso.example")
	b.ClickAndWaitNoLoad(".user-menu summary")
	b.ClickAndWait("#account-link")
	b.Screenshot("account")
	if got := b.Text("#mfa-status"); got != "Off" {
		t.Fatalf("two-step status %q", got)
	}
	b.ClickAndWait("#mfa-setup")
	secret := b.Text("#mfa-secret")
	if secret == "" || b.Count("#mfa-qr") != 1 {
		t.Fatal("no secret or QR code on the set-up page")
	}
	b.Screenshot("mfa-setup")
	code := func() string {
		c, err := totp.GenerateCode(secret, app.Clock.Now())
		if err != nil {
			t.Fatal(err)
		}
		return c
	}
	b.Fill("#code", code())
	b.ClickAndWait("#mfa-submit")
	if n := b.Count("#recovery-codes .recovery-code"); n != 10 {
		t.Fatalf("%d recovery codes shown", n)
	}
	recovery := b.Text("#recovery-codes .recovery-code")
	b.Screenshot("mfa-recovery-codes")

	signOut := func() {
		b.Open("/")
		b.ClickAndWaitNoLoad(".user-menu summary")
		b.ClickAndWait("#sign-out")
	}
	passwordStep := func() {
		b.Open("/login")
		b.Fill("#email", "sales@contoso.example")
		b.Fill("#password", demo.Password)
		b.ClickAndWait("#sign-in")
		if b.Path() != "/login/mfa?next=%2F" {
			t.Fatalf("after the password: %s", b.Path())
		}
	}
	secondStep := func(c string) string {
		b.Fill("#code", c)
		b.ClickAndWait("#verify")
		return b.Path()
	}

	signOut()
	passwordStep()
	b.Screenshot("mfa-sign-in")
	app.Clock.Advance(30 * time.Second) // the set-up's code is used
	if p := secondStep(code()); p != "/" {
		t.Fatalf("after the code: %s", p)
	}
	if got := b.Text(".partner-name"); got != "Contoso Cloud Partners" {
		t.Fatalf("not signed in: %q", got)
	}

	signOut()
	passwordStep()
	if p := secondStep(recovery); p != "/" {
		t.Fatalf("after the recovery code: %s", p)
	}

	signOut()
	passwordStep()
	if p := secondStep(recovery); !strings.HasPrefix(p, "/login/mfa") {
		t.Fatalf("a used recovery code let in: %s", p)
	}
	if !strings.Contains(b.Text(".field-error"), "already used") {
		t.Fatalf("message %q", b.Text(".field-error"))
	}
}
