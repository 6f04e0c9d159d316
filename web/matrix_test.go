package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"gorm.io/gorm/clause"

	"portal/internal/auth"
	"portal/internal/billing"
	"portal/internal/cart"
	"portal/internal/demo"
	"portal/internal/orders"
	"portal/internal/perm"
	"portal/web"
	"portal/web/webtest"
)

// roleUsers maps each role to the demo user that holds only it.
func roleUsers() map[perm.Role]string {
	return map[perm.Role]string{
		perm.GlobalAdmin:           "globaladmin@contoso.example",
		perm.AdminAgent:            "adminagent@contoso.example",
		perm.SalesAgent:            "sales@contoso.example",
		perm.HelpdeskAgent:         "helpdesk@contoso.example",
		perm.BillingAdmin:          "billing@contoso.example",
		perm.UserManagementAdmin:   "usermgmt@contoso.example",
		perm.AccountAdmin:          "accountadmin@contoso.example",
		perm.ReferralAdmin:         "referraladmin@contoso.example",
		perm.MarketingContentAdmin: "marketing@contoso.example",
	}
}

// fixture returns, for a route path with parameters, the path of one of
// Contoso's resources, and whether it names a partner's resource: then a
// user of another partner must get 404 for it (AUTH-1). Features add their
// resources here as they add routes.
func fixture(t *testing.T, app *webtest.App, path string) (owned string, scoped bool) {
	t.Helper()
	if !strings.Contains(path, ":") {
		return path, false
	}
	switch {
	case strings.HasPrefix(path, "/customers/:id/cart/items/:itemID"):
		// A line in Adatum's cart: changed, then removed, by the allowed roles.
		cust := demo.ID("customer:adatum.com")
		item := cart.Item{ID: demo.ID("cart-item:matrix"), PartnerID: demo.ContosoID, CustomerID: cust,
			OfferID: demo.ID("offer:m365-business-basic"), Quantity: 3, Frequency: "monthly", CreatedAt: webtest.Start, UpdatedAt: webtest.Start}
		if err := app.DB.Clauses(clause.OnConflict{DoNothing: true}).Create(&item).Error; err != nil {
			t.Fatal(err)
		}
		p := strings.Replace(path, ":id", cust, 1)
		return strings.Replace(p, ":itemID", item.ID, 1), true
	case path == "/orders/:id":
		var o orders.Order
		if err := app.DB.Where("partner_id = ? AND customer_id = ?", demo.ContosoID, demo.ID("customer:adatum.com")).Order("created_at").First(&o).Error; err != nil {
			t.Fatalf("no demo order: %v", err)
		}
		return "/orders/" + o.ID, true
	case path == "/billing/invoices/:id":
		var inv billing.Invoice
		if err := app.DB.Where("partner_id = ? AND customer_id = ?", demo.ContosoID, demo.ID("customer:adatum.com")).First(&inv).Error; err != nil {
			t.Fatalf("no demo invoice: %v", err)
		}
		return "/billing/invoices/" + inv.ID, true
	case strings.HasPrefix(path, "/customers/:id"):
		return strings.Replace(path, ":id", demo.ID("customer:adatum.com"), 1), true
	case strings.HasPrefix(path, "/software/:id"):
		// Software (SW): the demo's Windows Server, active and inside its window.
		// Fabrikam's global admin may not get keys or cancel (403 before any
		// lookup), so only the page itself is checked for 404 here; the
		// software page tests check the others with a Fabrikam admin agent.
		return strings.Replace(path, ":id", demo.ID("software:adatum-windows-server"), 1), path == "/software/:id"
	case path == "/account/api-tokens/:id/revoke":
		// API-2: a token of nobody's; revoking it changes nothing (303).
		return strings.Replace(path, ":id", demo.ID("api-token:matrix"), 1), false
	case path == "/account/sessions/:id/end":
		// AUTH-8: a session of nobody's; ending it changes nothing (303).
		return strings.Replace(path, ":id", demo.ID("session:matrix"), 1), false
	case path == "/users/:id/sessions/end":
		// AUTH-8: a user none of the matrix's clients is, so ending their
		// sessions signs no client out.
		u := auth.User{ID: demo.ID("user:matrix-sessions"), PartnerID: demo.ContosoID, Email: "matrix-sessions@contoso.example",
			Name: "Matrix Sessions", PasswordHash: "-", RoleNames: string(perm.SalesAgent), CreatedAt: webtest.Start}
		if err := app.DB.Clauses(clause.OnConflict{DoNothing: true}).Create(&u).Error; err != nil {
			t.Fatal(err)
		}
		return strings.Replace(path, ":id", u.ID, 1), true
	case path == "/users/:id/disable" || path == "/users/:id/enable":
		// AUTH-12: a user no role client is, so disabling them signs nobody
		// of the matrix out.
		u := auth.User{ID: demo.ID("user:matrix@contoso.example"), PartnerID: demo.ContosoID, Email: "matrix@contoso.example",
			Name: "Matrix", PasswordHash: "-", RoleNames: string(perm.SalesAgent), CreatedAt: webtest.Start}
		if err := app.DB.Clauses(clause.OnConflict{DoNothing: true}).Create(&u).Error; err != nil {
			t.Fatal(err)
		}
		return strings.Replace(path, ":id", u.ID, 1), true
	case strings.HasPrefix(path, "/users/:id"):
		return strings.Replace(path, ":id", demo.ID("user:sales@contoso.example"), 1), true
	case strings.HasPrefix(path, "/invitations/:token"):
		// Public: the token is the only key; the matrix skips public routes.
		return strings.Replace(path, ":token", "unknown-token", 1), false
	case strings.HasPrefix(path, "/subscriptions/:id"):
		return strings.Replace(path, ":id", demo.ID("subscription:adatum-m365-e3"), 1), true
	// Reservations (RES): an active demo reservation; support (SUP): a demo
	// request and its attachment.
	case strings.HasPrefix(path, "/reservations/:id"):
		return strings.Replace(path, ":id", demo.ID("reservation:contosopharma-sql-1yr"), 1), true
	case strings.HasPrefix(path, "/support/:id"):
		p := strings.Replace(path, ":id", demo.ID("support:esu-refund"), 1)
		return strings.Replace(p, ":attID", demo.ID("support-file:esu-refund"), 1), true
	}
	t.Fatalf("no fixture for route %s: add one to fixture()", path)
	return "", false
}

// signsOut lists the routes that end the caller's own session (AUTH-8): the
// matrix signs that client in again after them.
var signsOut = map[string]bool{"POST /account/sessions/end-all": true}

// AUTH-1, AUTH-5, AUTH-6: every route × every role, anonymous, and a user of
// another partner, generated from the route table and the permission table.
func TestRouteRoleMatrix_AUTH1_AUTH5_AUTH6(t *testing.T) {
	t.Parallel()
	app := webtest.New(t)
	clients := map[perm.Role]*webtest.Client{}
	for role, email := range roleUsers() {
		clients[role] = app.SignedIn(email)
	}
	fabrikam := app.SignedIn("globaladmin@fabrikam.example")
	anon := app.Client()
	anon.CSRF()

	send := func(c *webtest.Client, method, path string) *webtest.Response {
		if method == http.MethodGet {
			return c.Get(path)
		}
		return c.Post(path, url.Values{})
	}
	for _, r := range app.Server.Routes() {
		if r.Public || r.API {
			continue // the API's matrix is TestAPIRouteRoleMatrix_API2
		}
		owned, scoped := fixture(t, app, r.Path)
		t.Run(r.Method+" "+r.Path, func(t *testing.T) {
			if got := send(anon, r.Method, owned); got.Status != http.StatusSeeOther || !strings.HasPrefix(got.Location, "/login") {
				t.Errorf("anonymous: status %d location %q, want 303 to /login", got.Status, got.Location)
			}
			for role, c := range clients {
				got := send(c, r.Method, owned)
				allowed := r.Action == "" || perm.Roles{role}.Can(r.Action)
				checkAllowed(t, string(role), r, allowed, got)
				if signsOut[r.Method+" "+r.Path] && allowed {
					clients[role] = app.SignedIn(roleUsers()[role])
				}
			}
			if scoped {
				if got := send(fabrikam, r.Method, owned); got.Status != http.StatusNotFound {
					t.Errorf("other partner's ID: status %d, want 404", got.Status)
				}
			}
		})
	}
}

func checkAllowed(t *testing.T, who string, r web.RouteInfo, allowed bool, got *webtest.Response) {
	t.Helper()
	switch {
	case !allowed && got.Status != http.StatusForbidden:
		t.Errorf("%s: status %d, want 403", who, got.Status)
	case !allowed:
		// The 403 page names the roles that may act (AUTH-5).
		if got.Count(".role-list li") != len(perm.RolesFor(r.Action)) {
			t.Errorf("%s: 403 page lists %d roles, want %d", who, got.Count(".role-list li"), len(perm.RolesFor(r.Action)))
		}
	case r.Method == http.MethodGet && got.Status != http.StatusOK:
		t.Errorf("%s: status %d, want 200", who, got.Status)
	case r.Method != http.MethodGet && (got.Status == http.StatusForbidden || got.Status == http.StatusNotFound || got.Status >= 500):
		// An allowed POST with an empty form is refused as bad input (422), or
		// carried out (303), or refused for the resource's state; never 403/404/5xx.
		t.Errorf("%s: status %d for an allowed POST", who, got.Status)
	}
}
