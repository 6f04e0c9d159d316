package web_test

import (
	"net/http"
	"strings"
	"testing"

	"portal/web/webtest"
)

// SW-5, AUTH-5: the software page says who may cancel when the user may
// not, and the 403 names what to do next from the permission table: a
// global admin (who manages users) is not told to "ask a global admin".
func TestSoftwareCancelNamesTheRole_SW5_AUTH5(t *testing.T) {
	t.Parallel()
	app := webtest.New(t)
	admin := app.SignedIn("globaladmin@contoso.example")
	page := admin.Get("/software/"+swWindowsServer).Expect(t, http.StatusOK)
	if got := page.Text("#cancel-role"); !strings.Contains(got, "Only a user with the role Admin agent may cancel") {
		t.Errorf("cancellation card: %q, want the role that may cancel", got)
	}
	if page.Count("#cancel-purchase") != 0 {
		t.Error("a global admin is offered the cancel button")
	}
	agent := app.SignedIn("adminagent@contoso.example").Get("/software/"+swWindowsServer).Expect(t, http.StatusOK)
	if agent.Count("#cancel-role") != 0 || agent.Count("#cancel-purchase") != 1 {
		t.Error("an admin agent sees the role note or no cancel button")
	}

	refused := admin.Get("/software/"+swWindowsServer+"/cancel").Expect(t, http.StatusForbidden)
	next := refused.Text("#forbidden-next")
	if !strings.Contains(next, "Users page") || strings.Contains(strings.ToLower(next), "ask a") {
		t.Errorf("403 for a global admin: %q", next)
	}
	if !strings.Contains(refused.Text(".role-list"), "Admin agent") {
		t.Errorf("403 roles: %q", refused.Text(".role-list"))
	}
	sales := app.SignedIn("sales@contoso.example").Get("/software/"+swWindowsServer+"/cancel").Expect(t, http.StatusForbidden)
	if got := sales.Text("#forbidden-next"); !strings.Contains(got, "Global admin or User management admin") {
		t.Errorf("403 for a sales agent: %q", got)
	}
}
