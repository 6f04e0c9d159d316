package layout

import (
	"context"
	"reflect"
	"testing"

	"portal/internal/perm"
	"portal/internal/platform/i18n"
	"portal/views/ui"
)

// A page under a customer shows Customers › the customer (linked to its
// tab) › the page's steps; a role that may not open customers (AUTH-5) sees
// the customer's name and no link to a page it may not open.
func TestCustomerCrumbs(t *testing.T) {
	l := i18n.MustLoad().For("en")
	admin := ui.With(context.Background(), &ui.Page{L: l, Roles: perm.Roles{perm.GlobalAdmin}})
	got := CustomerCrumbs(admin, "c1", "Adatum", "software", Crumb{Label: "Windows Server"})
	want := []Crumb{
		{Label: l.T("nav.customers"), Href: "/customers"},
		{Label: "Adatum", Href: "/customers/c1/software"},
		{Label: "Windows Server"},
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("admin: %+v, want %+v", got, want)
	}
	if got := CustomerCrumbs(admin, "c1", "Adatum", ""); got[1].Href != "/customers/c1" || len(got) != 2 {
		t.Fatalf("first tab: %+v", got)
	}
	// A referral admin may not open customers.
	other := ui.With(context.Background(), &ui.Page{L: l, Roles: perm.Roles{perm.ReferralAdmin}})
	got = CustomerCrumbs(other, "c1", "Adatum", "reservations", Crumb{Label: "VM reservation"})
	want = []Crumb{{Label: "Adatum"}, {Label: "VM reservation"}}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("without customers: %+v, want %+v", got, want)
	}
}
