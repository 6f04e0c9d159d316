package web_test

import (
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"golang.org/x/crypto/bcrypt"

	"portal/internal/activity"
	"portal/internal/auth"
	"portal/internal/demo"
	"portal/internal/perm"
	"portal/web/webtest"
)

// AUTH-4: the users page lists the partner's users with roles as badges
// and status; only the partner's own users.
func TestUsersList_AUTH4(t *testing.T) {
	t.Parallel()
	app := webtest.New(t)
	c := app.SignedIn("usermgmt@contoso.example")
	r := c.Get("/users").Expect(t, http.StatusOK)
	if n := r.Count("#user-table tbody tr"); n != 9 {
		t.Fatalf("%d users listed", n)
	}
	if strings.Contains(r.Body, "fabrikam") {
		t.Fatal("another partner's user is listed")
	}
	if r.Count("#user-table .badge") < 18 || !strings.Contains(r.Text("#user-table"), "Global admin") {
		t.Fatal("roles and status are not shown as badges")
	}
}

func userForm() url.Values {
	return url.Values{"name": {"Nora New"}, "email": {"Nora@Contoso.example"}, "password": {"correct horse battery"}, "roles": {"sales_agent", "helpdesk_agent"}}
}

// AUTH-11: an admin's initial password for a new user follows the password
// rules: not a common password, not the email's name part; nothing is saved.
func TestCreateUserPasswordRules_AUTH11(t *testing.T) {
	t.Parallel()
	app := webtest.New(t)
	c := app.SignedIn("globaladmin@contoso.example")
	for name, pw := range map[string]string{"common": "1qaz2wsx3edc", "holds the name": "my-nora-password"} {
		f := userForm()
		f.Set("password", pw)
		r := c.Post("/users", f).Expect(t, http.StatusUnprocessableEntity)
		if r.Text("#password-error") == "" {
			t.Errorf("%s: the password field is not explained", name)
		}
	}
	var n int64
	app.DB.Model(&auth.User{}).Where("email = ?", "nora@contoso.example").Count(&n)
	if n != 0 {
		t.Fatal("a user was created with a refused password")
	}
	c.Post("/users", userForm()).Expect(t, http.StatusSeeOther)
}

// AUTH-4: adding a user hashes the password, records the roles and the
// activity entry; the user can sign in.
func TestCreateUser_AUTH4(t *testing.T) {
	t.Parallel()
	app := webtest.New(t)
	c := app.SignedIn("usermgmt@contoso.example")
	c.Get("/users/new").Expect(t, http.StatusOK)
	r := c.Post("/users", userForm()).Expect(t, http.StatusSeeOther)
	if r.Location != "/users" {
		t.Fatalf("location %q", r.Location)
	}
	var u auth.User
	if err := app.DB.Where("email = ?", "nora@contoso.example").Take(&u).Error; err != nil {
		t.Fatal(err)
	}
	if u.PartnerID != demo.ContosoID || u.RoleNames != "sales_agent,helpdesk_agent" || bcrypt.CompareHashAndPassword([]byte(u.PasswordHash), []byte("correct horse battery")) != nil {
		t.Fatalf("stored %+v", u)
	}
	var e activity.Entry
	if err := app.DB.Where("action = ? AND resource_id = ?", "user.created", u.ID).Take(&e).Error; err != nil || e.ActorID != demo.ID("user:usermgmt@contoso.example") {
		t.Fatalf("activity entry: %v", err)
	}
	nora := app.Client()
	nora.Login("nora@contoso.example", "correct horse battery")
	nora.Get("/customers").Expect(t, http.StatusOK)
}

// AUTH-4: bad input answers 422 with each field explained, nothing saved.
func TestCreateUserBadInput_AUTH4(t *testing.T) {
	t.Parallel()
	app := webtest.New(t)
	c := app.SignedIn("globaladmin@contoso.example")
	var before int64
	app.DB.Model(&auth.User{}).Count(&before)
	cases := []struct {
		name   string
		change url.Values
		fields []string
	}{
		{"empty", url.Values{"name": {""}, "email": {""}, "password": {""}, "roles": nil}, []string{"name", "email", "password", "roles"}},
		{"email taken in another partner", url.Values{"email": {"GlobalAdmin@fabrikam.example"}}, []string{"email"}},
		{"bad email", url.Values{"email": {"nora"}}, []string{"email"}},
		{"short password", url.Values{"password": {"elevenchars"}}, []string{"password"}},
		{"password over bcrypt's limit", url.Values{"password": {strings.Repeat("p", 73)}}, []string{"password"}},
		{"unknown role", url.Values{"roles": {"superuser"}}, []string{"roles"}},
		{"over-long", url.Values{"name": {strings.Repeat("n", 10000)}, "email": {strings.Repeat("e", 10000) + "@x.com"}}, []string{"name", "email"}},
		{"non-UTF-8", url.Values{"name": {"N\xffra"}, "email": {"n\xff@x.com"}, "password": {"\xff\xfe\xfd\xfc\xfb\xfa\xf9\xf8\xf7\xf6\xf5\xf4"}}, []string{"name", "email", "password"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			f := userForm()
			for k, v := range tc.change {
				if v == nil {
					f.Del(k)
				} else {
					f[k] = v
				}
			}
			r := c.Post("/users", f).Expect(t, http.StatusUnprocessableEntity)
			for _, field := range tc.fields {
				if r.Text("#"+field+"-error") == "" {
					t.Errorf("field %s not explained", field)
				}
			}
			if r.Count(".field-error") != len(tc.fields) {
				t.Errorf("%d errors, want %d", r.Count(".field-error"), len(tc.fields))
			}
			if r.Count(`#password[value]:not([value=""])`) != 0 {
				t.Error("the password is sent back")
			}
		})
	}
	const xss = `<script>alert(1)</script>`
	r := c.Post("/users", url.Values{"name": {xss}, "email": {xss}, "password": {xss}}).Expect(t, http.StatusUnprocessableEntity)
	if strings.Contains(r.Body, xss) {
		t.Fatal("payload not escaped")
	}
	var after int64
	app.DB.Model(&auth.User{}).Count(&after)
	if after != before {
		t.Fatal("a user was saved despite bad input")
	}
}

// AUTH-4, AUTH-2: a role change is recorded with before and after, and
// takes effect at the user's next request.
func TestChangeRoles_AUTH4(t *testing.T) {
	t.Parallel()
	app := webtest.New(t)
	admin := app.SignedIn("globaladmin@contoso.example")
	user := app.SignedIn("usermgmt@contoso.example")
	user.Get("/users").Expect(t, http.StatusOK)
	id := demo.ID("user:usermgmt@contoso.example")
	page := admin.Get("/users/"+id).Expect(t, http.StatusOK)
	if page.Count(`#role-user_management_admin[checked]`) != 1 || page.Count(`input[name="roles"]`) != 9 {
		t.Fatal("roles form does not show the user's roles")
	}
	r := admin.Post("/users/"+id+"/roles", url.Values{"roles": {"sales_agent"}}).Expect(t, http.StatusSeeOther)
	if r.Location != "/users/"+id {
		t.Fatalf("location %q", r.Location)
	}
	// The very next request of the user is refused.
	user.Get("/users").Expect(t, http.StatusForbidden)
	user.Get("/customers").Expect(t, http.StatusOK)
	var e activity.Entry
	if err := app.DB.Where("action = ? AND resource_id = ?", "user.roles_changed", id).Take(&e).Error; err != nil {
		t.Fatal(err)
	}
	var before, after map[string]string
	_ = json.Unmarshal([]byte(e.Before), &before)
	_ = json.Unmarshal([]byte(e.After), &after)
	if before["roles"] != "user_management_admin" || after["roles"] != "sales_agent" {
		t.Fatalf("before %q after %q", e.Before, e.After)
	}
	// No role at all is refused.
	admin.Post("/users/"+id+"/roles", url.Values{}).Expect(t, http.StatusUnprocessableEntity)
}

// AUTH-4, AUTH-12: a user management admin cannot give or take the global
// admin role, nobody changes their own roles, and the partner keeps someone
// who manages users.
func TestRoleChangeLimits_AUTH4(t *testing.T) {
	t.Parallel()
	app := webtest.New(t)
	um := app.SignedIn("usermgmt@contoso.example")
	self := demo.ID("user:usermgmt@contoso.example")
	r := um.Post("/users/"+self+"/roles", url.Values{"roles": {"global_admin"}}).Expect(t, http.StatusUnprocessableEntity)
	if !strings.Contains(r.Text("#roles-error"), "their own roles") {
		t.Fatalf("error %q", r.Text("#roles-error"))
	}
	r = um.Post("/users/"+demo.ID("user:sales@contoso.example")+"/roles", url.Values{"roles": {"global_admin"}}).Expect(t, http.StatusUnprocessableEntity)
	if !strings.Contains(r.Text("#roles-error"), "Only a global admin") {
		t.Fatalf("error %q", r.Text("#roles-error"))
	}
	f := userForm()
	f["roles"] = []string{"global_admin"}
	um.Post("/users", f).Expect(t, http.StatusUnprocessableEntity)
	um.Post("/users/"+demo.ID("user:globaladmin@contoso.example")+"/roles", url.Values{"roles": {"sales_agent"}}).Expect(t, http.StatusUnprocessableEntity)

	// The last global admin cannot drop their own role (nobody could give
	// it back); their page offers no roles form.
	ga := app.SignedIn("globaladmin@contoso.example")
	gaID := demo.ID("user:globaladmin@contoso.example")
	if ga.Get("/users/"+gaID).Count("#roles-form") != 0 {
		t.Fatal("a roles form on one's own page")
	}
	r = ga.Post("/users/"+gaID+"/roles", url.Values{"roles": {"sales_agent"}}).Expect(t, http.StatusUnprocessableEntity)
	if !strings.Contains(r.Text("#roles-error"), "their own roles") {
		t.Fatalf("error %q", r.Text("#roles-error"))
	}
	ga.Get("/users").Expect(t, http.StatusOK)
}

// AUTH-4, AUTH-5, AUTH-1: other roles get 403; another partner's user is 404.
func TestUsersAccess_AUTH4(t *testing.T) {
	t.Parallel()
	app := webtest.New(t)
	id := demo.ID("user:sales@contoso.example")
	for _, email := range []string{"sales@contoso.example", "adminagent@contoso.example", "billing@contoso.example"} {
		c := app.SignedIn(email)
		c.Get("/users").Expect(t, http.StatusForbidden)
		c.Post("/users", userForm()).Expect(t, http.StatusForbidden)
		c.Post("/users/"+id+"/roles", url.Values{"roles": {"global_admin"}}).Expect(t, http.StatusForbidden)
		if r := c.Get("/"); r.Count(`.rail a[href="/users"]`) != 0 {
			t.Errorf("%s sees the Users navigation item", email)
		}
	}
	fab := app.SignedIn("globaladmin@fabrikam.example")
	fab.Get("/users/"+id).Expect(t, http.StatusNotFound)
	fab.Post("/users/"+id+"/roles", url.Values{"roles": {"global_admin"}}).Expect(t, http.StatusNotFound)
	fab.Get("/users/not-a-uuid").Expect(t, http.StatusNotFound)
	var u auth.User
	app.DB.Where("id = ?", id).Take(&u)
	if u.RoleNames != string(perm.SalesAgent) {
		t.Fatalf("roles changed to %q", u.RoleNames)
	}
}

// AUTH-12: a user management admin cannot grant themselves admin_agent or
// billing_admin (nobody changes their own roles), nor give or take the user
// management admin role; the form shows those two roles locked.
func TestOwnRolesAndProtectedRoles_AUTH12(t *testing.T) {
	t.Parallel()
	app := webtest.New(t)
	um := app.SignedIn("usermgmt@contoso.example")
	self := demo.ID("user:usermgmt@contoso.example")
	um.Post("/users/"+self+"/roles", url.Values{"roles": {"user_management_admin", "admin_agent", "billing_admin"}}).Expect(t, http.StatusUnprocessableEntity)
	if got := userRoles(t, app, self); got != "user_management_admin" {
		t.Fatalf("own roles changed to %q", got)
	}
	sales := demo.ID("user:sales@contoso.example")
	page := um.Get("/users/"+sales).Expect(t, http.StatusOK)
	if page.Count(`#role-user_management_admin[disabled]`) != 1 || page.Count(`#role-global_admin[disabled]`) != 1 || page.Count(`#role-admin_agent[disabled]`) != 0 {
		t.Fatal("the protected roles are not locked for a user management admin")
	}
	r := um.Post("/users/"+sales+"/roles", url.Values{"roles": {"sales_agent", "user_management_admin"}}).Expect(t, http.StatusUnprocessableEntity)
	if !strings.Contains(r.Text("#roles-error"), "Only a global admin") {
		t.Fatalf("error %q", r.Text("#roles-error"))
	}
	um.Post("/users/"+sales+"/roles", url.Values{"roles": {"sales_agent", "billing_admin"}}).Expect(t, http.StatusSeeOther)
	if got := userRoles(t, app, sales); got != "sales_agent,billing_admin" {
		t.Fatalf("roles %q", got)
	}
	// A global admin may give the role; then only a global admin may take it.
	ga := app.SignedIn("globaladmin@contoso.example")
	ga.Post("/users/"+sales+"/roles", url.Values{"roles": {"sales_agent", "user_management_admin"}}).Expect(t, http.StatusSeeOther)
	um.Post("/users/"+sales+"/roles", url.Values{"roles": {"sales_agent"}}).Expect(t, http.StatusUnprocessableEntity)
	// The page of a user who holds a locked role sends it unchanged.
	form := url.Values{}
	um.Get("/users/" + sales).Doc.Find(`#roles-form input[name="roles"]`).Each(func(_ int, s *goquery.Selection) {
		if v, _ := s.Attr("value"); s.Is("[type=hidden]") || s.Is("[checked]") {
			form.Add("roles", v)
		}
	})
	form.Add("roles", "helpdesk_agent")
	um.Post("/users/"+sales+"/roles", form).Expect(t, http.StatusSeeOther)
	if got := userRoles(t, app, sales); got != "sales_agent,helpdesk_agent,user_management_admin" {
		t.Fatalf("roles %q", got)
	}
}

func userRoles(t *testing.T, app *webtest.App, id string) string {
	t.Helper()
	var u auth.User
	if err := app.DB.Where("id = ?", id).Take(&u).Error; err != nil {
		t.Fatal(err)
	}
	return u.RoleNames
}

func userDisabled(t *testing.T, app *webtest.App, id string) bool {
	t.Helper()
	var u auth.User
	if err := app.DB.Where("id = ?", id).Take(&u).Error; err != nil {
		t.Fatal(err)
	}
	return u.Disabled
}

// AUTH-12: disabling a user signs them out at their next request and keeps
// them from signing in; enabling lets them in again; both are in the
// activity log with who, whom and when, labelled in English and French.
func TestDisableEnableUser_AUTH12(t *testing.T) {
	t.Parallel()
	app := webtest.New(t)
	um := app.SignedIn("usermgmt@contoso.example")
	sales := app.SignedIn("sales@contoso.example")
	id := demo.ID("user:sales@contoso.example")
	page := um.Get("/users/"+id).Expect(t, http.StatusOK)
	if page.Count("form[action='/users/"+id+"/disable'] #disable-user") != 1 || page.Text("#disable-explain") == "" {
		t.Fatal("no disable button with its confirmation")
	}
	r := um.Post("/users/"+id+"/disable", nil).Expect(t, http.StatusSeeOther)
	if r.Location != "/users/"+id || !userDisabled(t, app, id) {
		t.Fatalf("after disable: location %q", r.Location)
	}
	if got := sales.Get("/customers"); got.Status != http.StatusSeeOther || !strings.HasPrefix(got.Location, "/login") {
		t.Fatalf("a disabled user's next request: %d %q", got.Status, got.Location)
	}
	// AUTH-8: disabling ends the user's sessions in the database, for every node.
	var open int64
	app.DB.Table("user_sessions").Where("user_id = ? AND ended_at IS NULL", id).Count(&open)
	if open != 0 {
		t.Fatalf("%d sessions of the disabled user still open", open)
	}
	again := app.Client()
	again.Get("/login")
	if got := again.Post("/login", url.Values{"email": {"sales@contoso.example"}, "password": {demo.Password}}); got.Status == http.StatusSeeOther {
		t.Fatal("a disabled user signed in")
	}
	page = um.Get("/users/"+id).Expect(t, http.StatusOK)
	if page.Count("#enable-user") != 1 {
		t.Fatal("no enable button for a disabled user")
	}
	um.Post("/users/"+id+"/disable", nil).Expect(t, http.StatusSeeOther) // again: nothing changes
	um.Post("/users/"+id+"/enable", nil).Expect(t, http.StatusSeeOther)
	if userDisabled(t, app, id) {
		t.Fatal("still disabled")
	}
	app.SignedIn("sales@contoso.example").Get("/customers").Expect(t, http.StatusOK)

	var entries []activity.Entry
	app.DB.Where("resource_id = ? AND action IN ?", id, []string{"user.disabled", "user.enabled"}).Order("at, id").Find(&entries)
	if len(entries) != 2 || entries[0].Action != "user.disabled" || entries[1].Action != "user.enabled" ||
		entries[0].ActorID != demo.ID("user:usermgmt@contoso.example") || entries[0].At.IsZero() {
		t.Fatalf("activity entries %+v", entries)
	}
	ga := app.SignedIn("globaladmin@contoso.example")
	log := ga.Get("/activity").Expect(t, http.StatusOK)
	if !strings.Contains(log.Body, "User disabled") || !strings.Contains(log.Body, "User enabled") {
		t.Fatal("the activity log does not label the entries")
	}
	ga.Lang = "fr"
	if log := ga.Get("/activity"); !strings.Contains(log.Body, "Utilisateur désactivé") {
		t.Fatal("no French label")
	}
}

// AUTH-12: nobody disables themselves; a user management admin cannot
// disable a global admin; another partner's user is a 404; other roles 403.
func TestDisableLimits_AUTH12(t *testing.T) {
	t.Parallel()
	app := webtest.New(t)
	um := app.SignedIn("usermgmt@contoso.example")
	umID := demo.ID("user:usermgmt@contoso.example")
	gaID := demo.ID("user:globaladmin@contoso.example")
	r := um.Post("/users/"+umID+"/disable", nil).Expect(t, http.StatusUnprocessableEntity)
	if r.Text("#status-error") == "" {
		t.Fatal("refusal not explained")
	}
	r = um.Post("/users/"+gaID+"/disable", nil).Expect(t, http.StatusUnprocessableEntity)
	if !strings.Contains(r.Text("#status-error"), "Only a global admin") {
		t.Fatalf("error %q", r.Text("#status-error"))
	}
	if um.Get("/users/"+gaID).Count("#disable-user") != 0 {
		t.Fatal("a disable button the viewer may not use")
	}
	app.SignedIn("sales@contoso.example").Post("/users/"+umID+"/disable", nil).Expect(t, http.StatusForbidden)
	app.SignedIn("globaladmin@fabrikam.example").Post("/users/"+umID+"/disable", nil).Expect(t, http.StatusNotFound)
	if userDisabled(t, app, umID) || userDisabled(t, app, gaID) {
		t.Fatal("a user was disabled")
	}
}

// AUTH-12: two global admins disabling each other at the same moment leave
// one enabled: the last enabled global admin cannot be disabled.
func TestLastGlobalAdmin_AUTH12(t *testing.T) {
	t.Parallel()
	app := webtest.New(t)
	ga := app.SignedIn("globaladmin@contoso.example")
	otherID := demo.ID("user:adminagent@contoso.example")
	ga.Post("/users/"+otherID+"/roles", url.Values{"roles": {"global_admin"}}).Expect(t, http.StatusSeeOther)
	other := app.SignedIn("adminagent@contoso.example")
	gaID := demo.ID("user:globaladmin@contoso.example")
	var wg sync.WaitGroup
	statuses := make([]int, 2)
	for i, pair := range []struct {
		c  *webtest.Client
		id string
	}{{ga, otherID}, {other, gaID}} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			statuses[i] = pair.c.Post("/users/"+pair.id+"/disable", nil).Status
		}()
	}
	wg.Wait()
	disabled := 0
	for _, id := range []string{gaID, otherID} {
		if userDisabled(t, app, id) {
			disabled++
		}
	}
	if disabled != 1 {
		t.Fatalf("%d of the two global admins disabled (statuses %v)", disabled, statuses)
	}
}
