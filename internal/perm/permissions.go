package perm

// Action is something a user may be allowed to do (AUTH-5).
type Action string

// The actions of the AUTH-5 permission table, plus the demo clock (LIFE-3).
const (
	ViewCustomers       Action = "view_customers"
	CreateCustomer      Action = "create_customer"
	BuyOnlineServices   Action = "buy_online_services"
	BuySoftware         Action = "buy_software_reservations"
	ManageSubscriptions Action = "manage_subscriptions"
	SoftwareKeys        Action = "software_keys"
	ViewReservations    Action = "view_reservations"
	ManageReservations  Action = "manage_reservations"
	Support             Action = "support"
	ActivityLog         Action = "activity_log"
	Billing             Action = "billing"
	ManageUsers         Action = "manage_users"
	DemoClock           Action = "demo_clock"
	// SecuritySettings: the partner-wide sign-in settings, such as requiring
	// two-step verification for everyone (AUTH-9).
	SecuritySettings Action = "security_settings"
)

// permissionTable is THE permission table of AUTH-5: each action and the
// roles that may do it. It is read-only; middleware and pages both read it
// through RolesFor and Roles.Can.
var permissionTable = map[Action][]Role{
	ViewCustomers:       {GlobalAdmin, AdminAgent, SalesAgent, HelpdeskAgent, BillingAdmin},
	CreateCustomer:      {GlobalAdmin, AdminAgent, SalesAgent},
	BuyOnlineServices:   {GlobalAdmin, AdminAgent, SalesAgent},
	BuySoftware:         {GlobalAdmin, AdminAgent},
	ManageSubscriptions: {GlobalAdmin, AdminAgent, SalesAgent},
	SoftwareKeys:        {AdminAgent},
	ViewReservations:    {GlobalAdmin, AdminAgent, SalesAgent, HelpdeskAgent, UserManagementAdmin},
	ManageReservations:  {GlobalAdmin, AdminAgent},
	Support:             {GlobalAdmin, AdminAgent, HelpdeskAgent},
	ActivityLog:         {GlobalAdmin, AccountAdmin, ReferralAdmin, MarketingContentAdmin},
	Billing:             {GlobalAdmin, BillingAdmin},
	ManageUsers:         {GlobalAdmin, UserManagementAdmin},
	DemoClock:           {GlobalAdmin},
	SecuritySettings:    {GlobalAdmin},
}

// RolesFor returns the roles that may do a; none for an unknown action.
func RolesFor(a Action) []Role {
	return append([]Role(nil), permissionTable[a]...)
}

// Actions lists every action of the table.
func Actions() []Action {
	return []Action{ViewCustomers, CreateCustomer, BuyOnlineServices, BuySoftware,
		ManageSubscriptions, SoftwareKeys, ViewReservations, ManageReservations,
		Support, ActivityLog, Billing, ManageUsers, DemoClock,
		SecuritySettings}
}
