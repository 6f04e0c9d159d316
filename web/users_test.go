package web_test

import (
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"

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

// AUTH-4: adding a user hashes the password, records the roles and the
// activity entry; the user can sign in.
func TestCreateUser_AUTH4(t *testing.T) {
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

// AUTH-4: a user management admin cannot give or take the global admin
// role, and the partner keeps someone who manages users.
func TestRoleChangeLimits_AUTH4(t *testing.T) {
	app := webtest.New(t)
	um := app.SignedIn("usermgmt@contoso.example")
	self := demo.ID("user:usermgmt@contoso.example")
	r := um.Post("/users/"+self+"/roles", url.Values{"roles": {"global_admin"}}).Expect(t, http.StatusUnprocessableEntity)
	if !strings.Contains(r.Text("#roles-error"), "Only a global admin") {
		t.Fatalf("error %q", r.Text("#roles-error"))
	}
	f := userForm()
	f["roles"] = []string{"global_admin"}
	um.Post("/users", f).Expect(t, http.StatusUnprocessableEntity)
	um.Post("/users/"+demo.ID("user:globaladmin@contoso.example")+"/roles", url.Values{"roles": {"sales_agent"}}).Expect(t, http.StatusUnprocessableEntity)

	// The last user who may manage users cannot lose that right.
	ga := app.SignedIn("globaladmin@contoso.example")
	ga.Post("/users/"+self+"/roles", url.Values{"roles": {"sales_agent"}}).Expect(t, http.StatusSeeOther)
	r = ga.Post("/users/"+demo.ID("user:globaladmin@contoso.example")+"/roles", url.Values{"roles": {"billing_admin"}}).Expect(t, http.StatusUnprocessableEntity)
	if r.Text("#roles-error") == "" {
		t.Fatal("no explanation for the last user manager")
	}
	ga.Get("/users").Expect(t, http.StatusOK)
}

// AUTH-4, AUTH-5, AUTH-1: other roles get 403; another partner's user is 404.
func TestUsersAccess_AUTH4(t *testing.T) {
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

// AUTH-4: the rule for who may give the global admin role, at its edges.
func TestCheckRoleChange_AUTH4(t *testing.T) {
	ga, um := perm.Roles{perm.GlobalAdmin}, perm.Roles{perm.UserManagementAdmin}
	cases := []struct {
		actor, before, after perm.Roles
		ok                   bool
	}{
		{ga, nil, perm.Roles{perm.GlobalAdmin}, true},
		{ga, perm.Roles{perm.GlobalAdmin}, perm.Roles{perm.SalesAgent}, true},
		{um, nil, perm.Roles{perm.SalesAgent, perm.BillingAdmin}, true},
		{um, nil, perm.Roles{perm.GlobalAdmin}, false},
		{um, perm.Roles{perm.GlobalAdmin}, perm.Roles{perm.SalesAgent}, false},
		{um, perm.Roles{perm.GlobalAdmin}, perm.Roles{perm.GlobalAdmin, perm.SalesAgent}, true},
	}
	for i, c := range cases {
		if err := auth.CheckRoleChange(c.actor, c.before, c.after); (err == nil) != c.ok {
			t.Errorf("case %d: %v", i, err)
		}
	}
}
