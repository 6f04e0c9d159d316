// Package web is the portal's HTTP layer: the Echo server, the one route
// table, the middleware that enforces sign-in, CSRF and the permission table,
// and one file per resource's handlers.
package web

import (
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"strings"

	"github.com/gorilla/sessions"
	lru "github.com/hashicorp/golang-lru/v2"
	"github.com/labstack/echo/v4"
	"gorm.io/gorm"

	"portal/internal/activity"
	"portal/internal/apitokens"
	"portal/internal/auth"
	"portal/internal/billing"
	"portal/internal/cart"
	"portal/internal/catalog"
	"portal/internal/customers"
	"portal/internal/dashboard"
	"portal/internal/demo"
	"portal/internal/lifecycle"
	"portal/internal/orders"
	"portal/internal/platform/clock"
	"portal/internal/platform/db"
	"portal/internal/platform/i18n"
	"portal/internal/reservations"
	"portal/internal/software"
	"portal/internal/subscriptions"
	"portal/internal/support"
	"portal/views/ui"
)

// Config is what the server is built from.
type Config struct {
	DB     *gorm.DB
	Clock  clock.Clock
	Bundle *i18n.Bundle
	// SessionKey signs and encrypts session cookies: 64 bytes.
	SessionKey []byte
	// Secure marks cookies Secure: set it when the portal is served over TLS.
	Secure bool
	// Demo shows the demo date and enables the demo clock (LIFE-3).
	Demo bool
	// SessionClock measures session inactivity (AUTH-2). It is the real
	// clock even in demo mode, so moving the demo clock signs nobody out;
	// nil means Clock.
	SessionClock clock.Clock
	// DemoClock is the shifted clock of demo mode; nil outside demo mode.
	DemoClock *clock.Offset
	Logger    *slog.Logger
	// BcryptCost is the password hashing cost; zero for the default.
	BcryptCost int
	// BenchStatic serves /static/bench/{bytes}: a static answer of any size,
	// the yardstick the load benchmark sets each page beside (PERF-7).
	BenchStatic bool
	// MetricsToken, when set, lets a request bearing it read /metrics on
	// the public port (OPS-4); empty keeps /metrics off that port.
	MetricsToken string
	// Ready reports whether the database's migrations are current, for
	// /readyz (OPS-4); nil checks only that the database answers.
	Ready func(context.Context) error
	// BaseURL is the portal's public address (scheme and host, as
	// "https://portal.example.com"): absolute links sent to people outside
	// the portal are built from it, never from the request's Host header
	// (AUTH-13). Empty means "http://localhost".
	BaseURL string
}

// Server holds the portal's dependencies; every handler is one of its methods.
type Server struct {
	echo  *echo.Echo
	db    *gorm.DB
	clock clock.Clock
	// sessionClock measures session inactivity; see Config.SessionClock.
	sessionClock clock.Clock
	bundle       *i18n.Bundle
	sessions     *sessions.CookieStore
	log          *slog.Logger
	demo         bool
	demoClock    *clock.Offset
	// baseURL is Config.BaseURL, checked, without a trailing slash.
	baseURL string

	// Running as a service (OPS-4).
	metrics      *metrics
	metricsToken string
	ready        func(context.Context) error

	activity  activity.Recorder
	auth      *auth.Service
	customers *customers.Store
	software  *software.Store

	activityLogStore activity.Log
	// descriptions keeps the entries shown lately told as sentences.
	descriptions *activity.Descriptions
	countries    countryNames

	// Subscriptions and lifecycle (SUB, LIFE).
	subs      *subscriptions.Store
	lifecycle *lifecycle.Engine

	catalog *catalog.Store
	// catalogPages are catalog pages as a customer and viewer see them
	// (catalogView).
	catalogPages *lru.Cache[catalogPageKey, *catalogListing]
	// subsRows are customers' subscriptions tabs' rows as written.
	subsRows *lru.Cache[subsRowsKey, *ui.Forms]
	// subBodies are subscriptions' pages below their titles as written.
	subBodies *lru.Cache[subBodyKey, *ui.Forms]

	markets  catalog.Markets
	carts    *cart.Store
	orders   *orders.Store
	invoices *billing.Store

	reservations *reservations.Store
	support      *support.Store

	dashboard  dashboard.Store
	homeMemo   *db.Memo[homeKey, homeKept] // the home page's reads (home_data.go)
	lists      listMemos                   // the list pages' reads (list_memo.go)
	demoClocks *demo.ClockStore            // nil outside demo mode

	// JSON API (API-2, API-3): tokens and each token's rate limit.
	tokens    *apitokens.Store
	apiLimits *apiLimiter

	// slots bounds the requests working at once (admission.go).
	slots admission
	// changeSlots bounds the requests that change data (admission.go).
	changeSlots admission

	// benchBody is the load benchmark's yardstick; nil unless
	// Config.BenchStatic.
	benchBody []byte

	// actionOpts caches the activity filter's sorted choices per language.
	actionOpts actionOptions
}

// New builds the server and its route table.
func New(cfg Config) (*Server, error) {
	if len(cfg.SessionKey) < 64 {
		return nil, fmt.Errorf("web: session key must be 64 bytes, got %d", len(cfg.SessionKey))
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.Default()
	}
	base, err := CheckBaseURL(cfg.BaseURL)
	if err != nil {
		return nil, err
	}
	// Every line logged with a request's context names its ID (OPS-5).
	cfg.Logger = slog.New(requestIDHandler{cfg.Logger.Handler()})
	m, err := newMetrics(cfg.DB)
	if err != nil {
		return nil, fmt.Errorf("web: metrics: %w", err)
	}
	rec := activity.Recorder{DB: cfg.DB}
	if cfg.SessionClock == nil {
		cfg.SessionClock = cfg.Clock
	}
	s := &Server{
		sessionClock: cfg.SessionClock,
		db:           cfg.DB,
		clock:        cfg.Clock,
		bundle:       cfg.Bundle,
		sessions:     newCookieStore(cfg.SessionKey, cfg.Secure, cfg.SessionClock),
		log:          cfg.Logger,
		demo:         cfg.Demo,
		demoClock:    cfg.DemoClock,
		metrics:      m,
		metricsToken: cfg.MetricsToken,
		ready:        cfg.Ready,
		baseURL:      base,
		activity:     rec,
		auth:         &auth.Service{DB: cfg.DB, Clock: cfg.Clock, SecurityClock: cfg.SessionClock, Activity: rec, BcryptCost: cfg.BcryptCost, Memo: auth.NewMemo()},
		customers:    &customers.Store{DB: cfg.DB, Clock: cfg.Clock, Activity: rec},
		software:     &software.Store{DB: cfg.DB, Clock: cfg.Clock, Activity: rec},
		countries:    newCountryNames(),
		subs:         &subscriptions.Store{DB: cfg.DB, Clock: cfg.Clock, Activity: rec, Ledger: billing.Ledger{DB: cfg.DB}},
		lifecycle:    &lifecycle.Engine{DB: cfg.DB, Clock: cfg.Clock, Activity: rec},
	}
	full, err := activity.NewFullCounts(fullFilters)
	if err != nil {
		return nil, err
	}
	s.activityLogStore = activity.Log{DB: cfg.DB, Full: full}
	descriptions, err := activity.NewDescriptions(describedEntries)
	if err != nil {
		return nil, err
	}
	s.descriptions = descriptions
	s.catalog = &catalog.Store{DB: cfg.DB, Cache: catalog.NewOfferCache(), Owned: catalog.NewOwnedMemo()}
	s.catalogPages = newLRU[catalogPageKey, *catalogListing](catalogPagesKept)
	s.subsRows = newLRU[subsRowsKey, *ui.Forms](subsRowsKept)
	s.subBodies = newLRU[subBodyKey, *ui.Forms](subBodiesKept)
	s.markets = catalog.MustUnavailableMarkets()
	s.carts = &cart.Store{DB: cfg.DB, Clock: cfg.Clock, Activity: rec, Offers: s.catalog.Cache}
	s.orders = &orders.Store{DB: cfg.DB, Clock: cfg.Clock, Activity: rec, Markets: s.markets, Offers: s.catalog.Cache}
	s.invoices = &billing.Store{DB: cfg.DB}
	s.support = &support.Store{DB: cfg.DB, Clock: cfg.Clock, Activity: rec}
	s.reservations = &reservations.Store{DB: cfg.DB, Clock: cfg.Clock, Activity: rec, Support: s.support}
	s.dashboard = dashboard.Store{DB: cfg.DB}
	s.homeMemo = newHomeMemo()
	s.lists = newListMemos()
	s.tokens = &apitokens.Store{DB: cfg.DB, Clock: cfg.Clock, SecurityClock: cfg.SessionClock, Activity: rec}
	s.apiLimits = newAPILimiter(apiCallsPerSecond, apiBurst)
	s.slots = newAdmission(db.Concurrency(cfg.DB))
	s.changeSlots = newAdmission(db.ChangeConcurrency(cfg.DB))
	if cfg.DemoClock != nil {
		s.demoClocks = &demo.ClockStore{DB: cfg.DB, Activity: rec, Clock: cfg.DemoClock}
	}
	e := echo.New()
	e.HideBanner = true
	e.HidePort = true
	e.HTTPErrorHandler = s.handleError
	s.echo = e
	if cfg.BenchStatic {
		s.benchBody = newBenchBody()
	}
	s.routes(e)
	return s, nil
}

// ServeHTTP serves a request.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) { s.echo.ServeHTTP(w, r) }

// CheckBaseURL checks a public address (AUTH-13): http or https, a host, no
// path beyond "/", no query, no user. It returns it without the trailing
// slash; empty is "http://localhost".
func CheckBaseURL(raw string) (string, error) {
	if raw == "" {
		return "http://localhost", nil
	}
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.User != nil ||
		(u.Path != "" && u.Path != "/") || u.RawQuery != "" || u.Fragment != "" || strings.ContainsAny(raw, " \t\r\n") {
		return "", fmt.Errorf("web: the public address %q must look like https://portal.example.com", raw)
	}
	return u.Scheme + "://" + u.Host, nil
}

// absURL returns the absolute link of a local path on the configured public
// address (AUTH-13), for links given to people outside the portal.
func (s *Server) absURL(path string) string { return s.baseURL + path }
