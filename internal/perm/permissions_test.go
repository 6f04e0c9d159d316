package perm

import (
	"slices"
	"testing"
)

// AUTH-4: the nine roles, in the order of the SPEC's table.
func TestRoles_AUTH4(t *testing.T) {
	want := []Role{"global_admin", "admin_agent", "sales_agent", "helpdesk_agent", "billing_admin",
		"user_management_admin", "account_admin", "referral_admin", "marketing_content_admin"}
	if !slices.Equal(AllRoles(), want) {
		t.Fatalf("roles %v, want %v", AllRoles(), want)
	}
	// A user may hold several; the stored form reads back in table order.
	rs := ParseRoles("sales_agent, global_admin,unknown,sales_agent")
	if rs.String() != "global_admin,sales_agent" {
		t.Fatalf("ParseRoles/String: %q", rs.String())
	}
}

// AUTH-5: the permission table is exactly the SPEC's table, written here
// role by role as literal data (plus the demo clock of LIFE-3, global admins
// only). A change to either must change both.
func TestPermissionTableMatchesSpec_AUTH5(t *testing.T) {
	spec := map[Role][]Action{
		GlobalAdmin: {ViewCustomers, CreateCustomer, BuyOnlineServices, BuySoftware, ManageSubscriptions,
			ViewReservations, ManageReservations, Support, ActivityLog, Billing, ManageUsers, DemoClock,
			SecuritySettings},
		AdminAgent: {ViewCustomers, CreateCustomer, BuyOnlineServices, BuySoftware, ManageSubscriptions,
			SoftwareKeys, ViewReservations, ManageReservations, Support},
		SalesAgent:            {ViewCustomers, CreateCustomer, BuyOnlineServices, ManageSubscriptions, ViewReservations},
		HelpdeskAgent:         {ViewCustomers, ViewReservations, Support},
		BillingAdmin:          {ViewCustomers, Billing},
		UserManagementAdmin:   {ViewReservations, ManageUsers},
		AccountAdmin:          {ActivityLog},
		ReferralAdmin:         {ActivityLog},
		MarketingContentAdmin: {ActivityLog},
	}
	if len(spec) != len(AllRoles()) {
		t.Fatalf("the expected table has %d roles", len(spec))
	}
	wantActions := []Action{"view_customers", "create_customer", "buy_online_services", "buy_software_reservations",
		"manage_subscriptions", "software_keys", "view_reservations", "manage_reservations", "support",
		"activity_log", "billing", "manage_users", "demo_clock",
		"security_settings"}
	if !slices.Equal(Actions(), wantActions) {
		t.Fatalf("actions %v, want %v", Actions(), wantActions)
	}
	for _, r := range AllRoles() {
		for _, a := range Actions() {
			want := slices.Contains(spec[r], a)
			if got := (Roles{r}).Can(a); got != want {
				t.Errorf("%s may %s: %v, SPEC says %v", r, a, got, want)
			}
			if got := slices.Contains(RolesFor(a), r); got != want {
				t.Errorf("RolesFor(%s) lists %s: %v, SPEC says %v", a, r, got, want)
			}
		}
	}
	if len(RolesFor("no_such_action")) != 0 || (Roles{GlobalAdmin}).Can("no_such_action") {
		t.Error("an unknown action is allowed")
	}
	// Several roles: the union.
	if !(Roles{AccountAdmin, SalesAgent}).Can(ActivityLog) || !(Roles{AccountAdmin, SalesAgent}).Can(CreateCustomer) {
		t.Error("a user with several roles lacks one role's permission")
	}
}

// AUTH-5: RolesFor hands out a copy; the table cannot be changed through it.
func TestRolesForIsACopy_AUTH5(t *testing.T) {
	rs := RolesFor(ActivityLog)
	rs[0] = SalesAgent
	if (Roles{SalesAgent}).Can(ActivityLog) {
		t.Fatal("the permission table was changed through RolesFor")
	}
}
