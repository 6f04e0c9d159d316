package web

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"portal/internal/perm"
	"portal/internal/support"
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
	// bodyLimit caps the request body in bytes (uploads); zero for none.
	bodyLimit int64
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

		// Reservations (RES).
		{method: get, path: "/reservations/:id", action: perm.ViewReservations, handler: s.reservationDetail},
		{method: post, path: "/reservations/:id/scope", action: perm.ManageReservations, handler: s.reservationScope},
		{method: post, path: "/reservations/:id/access", action: perm.ManageReservations, handler: s.reservationAccess},
		{method: get, path: "/reservations/:id/refund", action: perm.ManageReservations, handler: s.refundWizard},
		{method: post, path: "/reservations/:id/refund/steps", action: perm.ManageReservations, handler: s.refundStep},
		{method: post, path: "/reservations/:id/refund", action: perm.ManageReservations, handler: s.reservationRefund},
		{method: get, path: "/reservations/:id/exchange", action: perm.ManageReservations, handler: s.exchangeWizard},
		{method: post, path: "/reservations/:id/exchange/steps", action: perm.ManageReservations, handler: s.exchangeStep},
		{method: post, path: "/reservations/:id/exchange", action: perm.ManageReservations, handler: s.reservationExchange},

		// Support (SUP).
		{method: get, path: "/support", action: perm.Support, handler: s.supportList},
		{method: get, path: "/support/new", action: perm.Support, handler: s.supportNew},
		{method: post, path: "/support", action: perm.Support, handler: s.supportCreate, bodyLimit: support.MaxBody},
		{method: get, path: "/support/:id", action: perm.Support, handler: s.supportDetail},
		{method: get, path: "/support/:id/attachments/:attID", action: perm.Support, handler: s.supportAttachment},
		{method: post, path: "/support/:id/notes", action: perm.Support, handler: s.supportNote},
		{method: post, path: "/support/:id/status", action: perm.Support, handler: s.supportStatus},
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
		if r.bodyLimit > 0 {
			// Before the CSRF check, which reads the form.
			mw = []echo.MiddlewareFunc{s.loadViewer, limitBody(r.bodyLimit), s.checkCSRF}
		}
		if !r.public {
			mw = append(mw, s.requireUser)
			if r.action != "" {
				mw = append(mw, require(r.action))
			}
		}
		e.Add(r.method, r.path, r.handler, mw...)
	}
}
