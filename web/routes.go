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
	// bodyLimit caps the request body in bytes of an upload route, which
	// alone may send multipart bodies; zero for the default 64 KB (AUTH-13).
	bodyLimit int64
	// multi names the form fields that may come more than once (checkbox
	// lists); any other field sent twice is refused with 422 (AUTH-13).
	multi []string
	// api marks a route of the JSON API (API-1): a bearer token instead of
	// the session, problem documents instead of pages (API-2, API-3).
	api bool
	// checksText is set when the handler explains text that is not UTF-8
	// field by field; otherwise such a form is refused as a whole (AUTH-13).
	checksText bool
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

		// Software (SW).
		{method: get, path: "/software/:id", action: perm.ViewCustomers, handler: s.softwareDetail},
		{method: post, path: "/software/:id/keys", action: perm.SoftwareKeys, handler: s.softwareKeys},
		{method: get, path: "/software/:id/cancel", action: perm.SoftwareKeys, handler: s.softwareCancelForm},
		{method: post, path: "/software/:id/cancel", action: perm.SoftwareKeys, handler: s.softwareCancel},
		{method: get, path: "/downloads/:token", public: true, handler: s.download},

		// Activity log (LOG).
		{method: get, path: "/activity", action: perm.ActivityLog, handler: s.activityLog},
		{method: get, path: "/activity.csv", action: perm.ActivityLog, handler: s.activityCSV},

		// Customers: list, export, create, relationship requests (CUST-1, CUST-2, CUST-5).
		{method: get, path: "/customers", action: perm.ViewCustomers, handler: s.customersList},
		{method: get, path: "/customers.csv", action: perm.ViewCustomers, handler: s.customersCSV},
		{method: get, path: "/customers/new", action: perm.CreateCustomer, handler: s.customerNewForm},
		{method: post, path: "/customers", action: perm.CreateCustomer, handler: s.customerCreate, checksText: true},
		{method: post, path: "/customers/:id/relationship", action: perm.CreateCustomer, handler: s.customerRequestRelationship},
		{method: get, path: "/invitations/:token", public: true, handler: s.invitationPage},
		{method: post, path: "/invitations/:token", public: true, handler: s.invitationAccept},

		// Users (AUTH-4).
		{method: get, path: "/users", action: perm.ManageUsers, handler: s.usersList},
		{method: get, path: "/users/new", action: perm.ManageUsers, handler: s.userNewForm},
		{method: post, path: "/users", action: perm.ManageUsers, handler: s.userCreate, multi: []string{"roles"}, checksText: true},
		{method: get, path: "/users/:id", action: perm.ManageUsers, handler: s.userDetail},
		{method: post, path: "/users/:id/roles", action: perm.ManageUsers, handler: s.userSetRoles, multi: []string{"roles"}},
		{method: post, path: "/users/:id/disable", action: perm.ManageUsers, handler: s.userDisable},
		{method: post, path: "/users/:id/enable", action: perm.ManageUsers, handler: s.userEnable},

		// Subscriptions (SUB).
		{method: get, path: "/subscriptions/:id", action: perm.ViewCustomers, handler: s.subscriptionDetail},
		{method: post, path: "/subscriptions/:id/quantity", action: perm.ManageSubscriptions, handler: s.subscriptionQuantity},
		{method: post, path: "/subscriptions/:id/addons", action: perm.ManageSubscriptions, handler: s.subscriptionAddOns},
		{method: get, path: "/subscriptions/:id/suspend", action: perm.ManageSubscriptions, handler: s.subscriptionSuspendForm},
		{method: post, path: "/subscriptions/:id/suspend", action: perm.ManageSubscriptions, handler: s.subscriptionSuspend},
		{method: post, path: "/subscriptions/:id/reactivate", action: perm.ManageSubscriptions, handler: s.subscriptionReactivate},
		{method: get, path: "/subscriptions/:id/cancel", action: perm.ManageSubscriptions, handler: s.subscriptionCancelForm},
		{method: post, path: "/subscriptions/:id/cancel", action: perm.ManageSubscriptions, handler: s.subscriptionCancel},
		{method: post, path: "/subscriptions/:id/auto-renew", action: perm.ManageSubscriptions, handler: s.subscriptionAutoRenew},
		{method: post, path: "/subscriptions/:id/convert", action: perm.ManageSubscriptions, handler: s.subscriptionConvert},

		// Demo clock (LIFE-3): answers 404 outside demo mode.
		{method: get, path: "/demo/clock", action: perm.DemoClock, handler: s.demoClockForm},
		{method: post, path: "/demo/clock", action: perm.DemoClock, handler: s.moveDemoClock},

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
		{method: post, path: "/support", action: perm.Support, handler: s.supportCreate, bodyLimit: support.MaxBody, checksText: true},
		{method: get, path: "/support/:id", action: perm.Support, handler: s.supportDetail},
		{method: get, path: "/support/:id/attachments/:attID", action: perm.Support, handler: s.supportAttachment},
		{method: post, path: "/support/:id/notes", action: perm.Support, handler: s.supportNote},
		{method: post, path: "/support/:id/status", action: perm.Support, handler: s.supportStatus},

		// Sign-in, sessions, passwords, two-step verification (AUTH-8 to AUTH-11).
		{method: get, path: "/login/mfa", public: true, handler: s.mfaLoginForm},
		{method: post, path: "/login/mfa", public: true, handler: s.mfaLogin},
		{method: get, path: "/password-reset/:token", public: true, handler: s.passwordResetForm},
		{method: post, path: "/password-reset/:token", public: true, handler: s.passwordReset},
		{method: get, path: "/account", handler: s.accountPage},
		{method: post, path: "/account/password", handler: s.accountPassword},
		{method: get, path: mfaSetupPath, handler: s.mfaSetupForm},
		{method: post, path: mfaSetupPath, handler: s.mfaEnable},
		{method: post, path: "/account/mfa/disable", handler: s.mfaDisable},
		{method: post, path: "/account/sessions/:id/end", handler: s.accountSessionEnd},
		{method: post, path: "/account/sessions/end-all", handler: s.accountSessionsEndAll},
		{method: post, path: "/settings/security", action: perm.SecuritySettings, handler: s.securitySettings},
		{method: post, path: "/users/:id/reset", action: perm.ManageUsers, handler: s.userReset},
		{method: post, path: "/users/:id/unlock", action: perm.ManageUsers, handler: s.userUnlock},
		{method: post, path: "/users/:id/sessions/end", action: perm.ManageUsers, handler: s.userSessionsEnd},

		// API tokens on the account page, the API's reference page (API-2, API-4).
		{method: post, path: "/account/api-tokens", handler: s.apiTokenCreate},
		{method: post, path: "/account/api-tokens/:id/revoke", handler: s.apiTokenRevoke},
		{method: get, path: "/api-reference", handler: s.apiReference},

		// JSON API v1 (API-1 … API-5): a bearer token, the same actions.
		{method: get, path: "/api/v1/openapi.json", public: true, api: true, handler: s.apiOpenAPI},
		{method: get, path: "/api/v1/customers", action: perm.ViewCustomers, api: true, handler: s.apiCustomersList},
		{method: post, path: "/api/v1/customers", action: perm.CreateCustomer, api: true, handler: s.apiCustomerCreate},
		{method: get, path: "/api/v1/customers/:id", action: perm.ViewCustomers, api: true, handler: s.apiCustomerGet},
		{method: get, path: "/api/v1/customers/:id/offers", action: perm.ViewCustomers, api: true, handler: s.apiOffersList},
		{method: get, path: "/api/v1/customers/:id/cart/items", action: perm.BuyOnlineServices, api: true, handler: s.apiCartItems},
		{method: post, path: "/api/v1/customers/:id/cart/items", action: perm.BuyOnlineServices, api: true, handler: s.apiCartAdd},
		{method: post, path: "/api/v1/customers/:id/cart/checkout", action: perm.BuyOnlineServices, api: true, handler: s.apiCheckout},
		{method: get, path: "/api/v1/orders/:id", action: perm.ViewCustomers, api: true, handler: s.apiOrderGet},
		{method: get, path: "/api/v1/customers/:id/subscriptions", action: perm.ViewCustomers, api: true, handler: s.apiCustomerSubscriptions},
		{method: get, path: "/api/v1/subscriptions/:id", action: perm.ViewCustomers, api: true, handler: s.apiSubscriptionGet},
		{method: http.MethodPatch, path: "/api/v1/subscriptions/:id", action: perm.ManageSubscriptions, api: true, handler: s.apiSubscriptionPatch},
		{method: post, path: "/api/v1/subscriptions/:id/suspend", action: perm.ManageSubscriptions, api: true, handler: s.apiSubscriptionSuspend},
		{method: post, path: "/api/v1/subscriptions/:id/reactivate", action: perm.ManageSubscriptions, api: true, handler: s.apiSubscriptionReactivate},
		{method: post, path: "/api/v1/subscriptions/:id/cancel", action: perm.ManageSubscriptions, api: true, handler: s.apiSubscriptionCancel},
		{method: post, path: "/api/v1/software/:id/keys", action: perm.SoftwareKeys, api: true, handler: s.apiSoftwareKeys},
		{method: post, path: "/api/v1/software/:id/cancel", action: perm.SoftwareKeys, api: true, handler: s.apiSoftwareCancel},
		{method: get, path: "/api/v1/reservations/:id", action: perm.ViewReservations, api: true, handler: s.apiReservationGet},
		{method: get, path: "/api/v1/reservations/:id/refund-quote", action: perm.ManageReservations, api: true, handler: s.apiRefundQuote},
		{method: post, path: "/api/v1/reservations/:id/refund", action: perm.ManageReservations, api: true, handler: s.apiReservationRefund},
		{method: post, path: "/api/v1/reservations/:id/exchange", action: perm.ManageReservations, api: true, handler: s.apiReservationExchange},
		{method: get, path: "/api/v1/activity", action: perm.ActivityLog, api: true, handler: s.apiActivity},
		{method: get, path: "/api/v1/support-requests", action: perm.Support, api: true, handler: s.apiSupportList},
		{method: post, path: "/api/v1/support-requests", action: perm.Support, api: true, handler: s.apiSupportCreate},
		{method: post, path: "/api/v1/support-requests/:id/notes", action: perm.Support, api: true, handler: s.apiSupportNoteAdd},
		{method: get, path: "/api/v1/invoices", action: perm.Billing, api: true, handler: s.apiInvoices},
		{method: get, path: "/api/v1/invoices/:id", action: perm.Billing, api: true, handler: s.apiInvoiceGet},
		{method: get, path: "/api/v1/invoices/:id/lines", action: perm.Billing, api: true, handler: s.apiInvoiceLines},
	}
}

// RouteInfo describes one route, for the route × role matrix test.
type RouteInfo struct {
	Method, Path string
	Action       perm.Action
	Public       bool
	// API: a route of the JSON API, authenticated by a bearer token.
	API bool
}

// Routes lists the route table.
func (s *Server) Routes() []RouteInfo {
	var out []RouteInfo
	for _, r := range s.table() {
		out = append(out, RouteInfo{Method: r.method, Path: r.path, Action: r.action, Public: r.public, API: r.api})
	}
	return out
}

// routes registers the table: every route gets the session, language and
// CSRF check (AUTH-3); non-public ones need a signed-in user (AUTH-6) and,
// when they name an action, a role that may do it (AUTH-5).
func (s *Server) routes(e *echo.Echo) {
	e.Use(s.observe, s.recoverPanics, s.logRequests, secureHeaders, s.strictTransport, s.followDemoClock)
	e.GET("/healthz", s.healthz)
	e.GET("/readyz", s.readyz)
	e.GET("/metrics", s.metricsWithToken)
	if s.benchBody != nil {
		e.GET("/static/bench/:size", s.benchStatic)
	}
	e.StaticFS("/static", static.FS)
	for _, r := range s.table() {
		slots := s.slotsFor(r.method)
		if r.api {
			e.Add(r.method, r.path, r.handler, append([]echo.MiddlewareFunc{slots.admit}, s.apiChain(r)...)...)
			continue
		}
		// The body checks come first, before the CSRF check reads the form
		// (AUTH-13).
		limit := int64(defaultBodyLimit)
		if r.bodyLimit > 0 {
			limit = r.bodyLimit
		}
		mw := []echo.MiddlewareFunc{slots.admit, requestHygiene(limit, r.bodyLimit > 0, r.multi, r.checksText), s.loadViewer, noStore, s.checkCSRF}
		if !r.public {
			mw = append(mw, s.requireUser)
			if r.action != "" {
				mw = append(mw, require(r.action))
			}
		}
		e.Add(r.method, r.path, r.handler, mw...)
	}
}
