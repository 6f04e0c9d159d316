package web_test

import (
	"testing"

	"portal/web/webtest"
)

// RUN-1: every demo user signs in with the demo password.
func TestDemoUsersSignIn_RUN1(t *testing.T) {
	t.Parallel()
	app := webtest.New(t)
	for _, email := range []string{"globaladmin@contoso.example", "marketing@contoso.example", "globaladmin@fabrikam.example"} {
		app.SignedIn(email)
	}
}
