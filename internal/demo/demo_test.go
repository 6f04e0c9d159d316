package demo_test

import (
	"context"
	"fmt"
	"slices"
	"testing"

	"golang.org/x/crypto/bcrypt"

	"portal/internal/auth"
	"portal/internal/customers"
	"portal/internal/demo"
	"portal/internal/perm"
	"portal/internal/schema"
	"portal/internal/testkit"
)

// rowCounts counts the rows of every table.
func rowCounts(t *testing.T, app *testkit.App) map[string]int64 {
	t.Helper()
	out := map[string]int64{}
	for _, m := range schema.Models() {
		var n int64
		if err := app.DB.Model(m).Count(&n).Error; err != nil {
			t.Fatal(err)
		}
		out[fmt.Sprintf("%T", m)] = n
	}
	return out
}

// RUN-1: seeding the demo data again changes nothing.
func TestSeedTwiceChangesNothing_RUN1(t *testing.T) {
	app := testkit.New(t) // seeded once
	before := rowCounts(t, app)
	app.Clock.Advance(48 * 3600e9) // a later start of the portal
	if err := demo.SeedWith(context.Background(), app.DB, app.Clock, demo.Options{BcryptCost: bcrypt.MinCost}); err != nil {
		t.Fatal(err)
	}
	after := rowCounts(t, app)
	for table, n := range before {
		if after[table] != n {
			t.Errorf("%s: %d rows after the second seed, %d before", table, after[table], n)
		}
	}
}

// RUN-1: the demo has customers in several countries and every segment,
// users for every role, and a second partner.
func TestDemoData_RUN1(t *testing.T) {
	app := testkit.New(t)
	var list []customers.Customer
	if err := app.DB.Where("partner_id = ?", demo.ContosoID).Find(&list).Error; err != nil {
		t.Fatal(err)
	}
	if len(list) < 60 {
		t.Errorf("Contoso has %d customers, want at least 60", len(list))
	}
	segments, countries := map[string]bool{}, map[string]bool{}
	for _, c := range list {
		segments[c.Segment], countries[c.Country] = true, true
	}
	for _, s := range customers.Segments() {
		if !segments[s] {
			t.Errorf("no Contoso customer in segment %s", s)
		}
	}
	for _, c := range []string{"US", "FR", "DE", "AU", "BR", "GA"} {
		if !countries[c] {
			t.Errorf("no Contoso customer in %s", c)
		}
	}

	var users []auth.User
	if err := app.DB.Find(&users).Error; err != nil {
		t.Fatal(err)
	}
	contosoRoles := map[perm.Role]int{}
	fabrikamAdmin := false
	for _, u := range users {
		switch u.PartnerID {
		case demo.ContosoID:
			for _, r := range u.Roles() {
				contosoRoles[r]++
			}
		case demo.FabrikamID:
			fabrikamAdmin = fabrikamAdmin || (u.Email == "globaladmin@fabrikam.example" && u.Roles().Has(perm.GlobalAdmin))
		}
	}
	for _, r := range perm.AllRoles() {
		if contosoRoles[r] != 1 {
			t.Errorf("Contoso has %d users with role %s, want 1", contosoRoles[r], r)
		}
	}
	if !fabrikamAdmin {
		t.Error("Fabrikam's global admin is missing")
	}
	// Signing in with the demo password is checked through the real router
	// in web/demo_users_test.go.
}

// RUN-2: without demo mode there are no demo users (and no shared password).
func TestNoDemoUsersWithoutDemoMode_RUN2(t *testing.T) {
	app := testkit.NewWith(t, testkit.Options{NoDemo: true})
	var emails []string
	if err := app.DB.Model(&auth.User{}).Pluck("email", &emails).Error; err != nil {
		t.Fatal(err)
	}
	if slices.Contains(emails, "globaladmin@contoso.example") || len(emails) != 0 {
		t.Fatalf("users exist without demo mode: %v", emails)
	}
}
