package web

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"portal/internal/perm"
	"portal/static"
)

// route is one line of the route table: who may call it is on the line.
type route struct {
	method string
	path   string
	// action is what the route does in the permission table (AUTH-5); empty
	// means any signed-in user.
	action perm.Action
	// public routes need no sign-in (sign-in page, invitations, download links).
	public  bool
	handler echo.HandlerFunc
}

// table is THE route table (SPEC section 14).
func (s *Server) table() []route {
	const get, post = http.MethodGet, http.MethodPost
	return []route{
		// Public pages.
		{method: get, path: "/login", public: true, handler: s.loginForm},
		{method: post, path: "/login", public: true, handler: s.login},
		{method: post, path: "/logout", public: true, handler: s.logout},
		{method: post, path: "/language", public: true, handler: s.setLanguage},

		// Signed-in pages.
		{method: get, path: "/", handler: s.home},

		// Customers (CUST).
		{method: get, path: "/customers/:id", action: perm.ViewCustomers, handler: s.customerSubscriptions},
		{method: get, path: "/customers/:id/subscriptions", action: perm.ViewCustomers, handler: s.customerSubscriptions},
		{method: get, path: "/customers/:id/software", action: perm.ViewCustomers, handler: s.customerSoftware},
		{method: get, path: "/customers/:id/reservations", action: perm.ViewCustomers, handler: s.customerReservations},
		{method: get, path: "/customers/:id/orders", action: perm.ViewCustomers, handler: s.customerOrders},
		{method: get, path: "/customers/:id/account", action: perm.ViewCustomers, handler: s.customerAccount},

		// Catalog, cart and orders (CAT)
		{method: get, path: "/customers/:id/catalog", action: perm.ViewCustomers, handler: s.catalogPage},
		{method: get, path: "/customers/:id/cart", action: perm.BuyOnlineServices, handler: s.cartPage},
		{method: post, path: "/customers/:id/cart/items", action: perm.BuyOnlineServices, handler: s.cartAdd},
		{method: post, path: "/customers/:id/cart/items/:itemID", action: perm.BuyOnlineServices, handler: s.cartChange},
		{method: post, path: "/customers/:id/cart/items/:itemID/remove", action: perm.BuyOnlineServices, handler: s.cartRemove},
		{method: post, path: "/customers/:id/cart/checkout", action: perm.BuyOnlineServices, handler: s.cartCheckout},
		{method: get, path: "/orders/:id", action: perm.ViewCustomers, handler: s.orderPage},

		// Billing (BILL)
		{method: get, path: "/billing/invoices", action: perm.Billing, handler: s.invoicesPage},
		{method: get, path: "/billing/invoices/:id", action: perm.Billing, handler: s.invoicePage},
	}
}

// RouteInfo describes one route, for the route × role matrix test.
type RouteInfo struct {
	Method, Path string
	Action       perm.Action
	Public       bool
}

// Routes lists the route table.
func (s *Server) Routes() []RouteInfo {
	var out []RouteInfo
	for _, r := range s.table() {
		out = append(out, RouteInfo{Method: r.method, Path: r.path, Action: r.action, Public: r.public})
	}
	return out
}

// routes registers the table: every route gets the session, language and
// CSRF check (AUTH-3); non-public ones need a signed-in user (AUTH-6) and,
// when they name an action, a role that may do it (AUTH-5).
func (s *Server) routes(e *echo.Echo) {
	e.Use(s.recoverPanics, s.logRequests, secureHeaders)
	e.GET("/healthz", s.healthz)
	e.StaticFS("/static", static.FS)
	for _, r := range s.table() {
		mw := []echo.MiddlewareFunc{s.loadViewer, s.checkCSRF}
		if !r.public {
			mw = append(mw, s.requireUser)
			if r.action != "" {
				mw = append(mw, require(r.action))
			}
		}
		e.Add(r.method, r.path, r.handler, mw...)
	}
}
