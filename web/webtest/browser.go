package webtest

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// Browser is a headless Chromium driving an App over a real listener on
// 127.0.0.1.
type Browser struct {
	T   testing.TB
	Ctx context.Context
	URL string // the app's base URL, without a trailing slash

	width  int  // the window's width, for the phone-width check (UX-2)
	noJS   bool // JavaScript is off
	docMu  sync.Mutex
	docReq network.RequestID // the last HTML document the tab loaded
}

// BrowserOptions change how the browser runs.
type BrowserOptions struct {
	NoJS   bool // disable JavaScript: every flow must work without it
	Width  int  // window width; 1280 by default
	Height int  // window height; 900 by default
	// Timeout bounds the tab's whole life; 6 minutes by default.
	Timeout time.Duration
	// Lang is the browser's language (Accept-Language), "en" by default;
	// a user's saved language still wins.
	Lang string
}

// chromiumPath finds the system Chromium.
func chromiumPath() string {
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// sharedChromium is the one Chromium of a test binary: started by the first
// browser test, shared by all of them (each in its own browser context, so
// cookies, storage and JavaScript settings never leak from one test to
// another), stopped by CloseBrowser. Starting Chromium costs seconds on a
// busy machine; a tab costs milliseconds.
var sharedChromium struct {
	once   sync.Once
	ctx    context.Context // the browser's first tab: new tabs are made from it
	cancel func()
	dir    string
	err    error
}

// chromium starts the shared Chromium once and returns the context new tabs
// are made from.
func chromium(path string) (context.Context, error) {
	sc := &sharedChromium
	sc.once.Do(func() {
		dir, err := os.MkdirTemp("", "portal-e2e-chromium-")
		if err != nil {
			sc.err = err
			return
		}
		sc.dir = dir
		opts := []chromedp.ExecAllocatorOption{
			chromedp.ExecPath(path),
			chromedp.Headless,
			chromedp.NoSandbox,
			chromedp.Flag("disable-gpu", true),
			chromedp.Flag("no-first-run", true),
			chromedp.Flag("no-default-browser-check", true),
			chromedp.Flag("disable-background-networking", true),
			chromedp.Flag("disable-component-update", true),
			chromedp.Flag("disable-sync", true),
			chromedp.Flag("disable-quic", true),
			chromedp.Flag("disable-dev-shm-usage", true),
			// Tabs of parallel tests are in the background; they must run
			// as fast as a tab in front.
			chromedp.Flag("disable-background-timer-throttling", true),
			chromedp.Flag("disable-backgrounding-occluded-windows", true),
			chromedp.Flag("disable-renderer-backgrounding", true),
			chromedp.Flag("lang", "en-US"),
			chromedp.UserDataDir(dir),
			chromedp.WindowSize(1280, 900),
		}
		actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
		bctx, cancelCtx := chromedp.NewContext(actx)
		sc.ctx = bctx
		sc.cancel = func() { cancelCtx(); cancelAlloc() }
		// The first action starts the browser; a hung start still ends.
		start, cancelStart := context.WithTimeout(context.Background(), 2*time.Minute)
		defer cancelStart()
		done := make(chan error, 1)
		go func() { done <- chromedp.Do(bctx, chromedp.Navigate("about:blank")) }()
		select {
		case sc.err = <-done:
		case <-start.Done():
			sc.err = fmt.Errorf("start Chromium: %w", start.Err())
		}
	})
	return sc.ctx, sc.err
}

// CloseBrowser stops the shared Chromium, if a test started it, and removes
// its profile. A browser test package calls it from TestMain after the
// tests; without it the kernel still stops Chromium when the test binary
// ends.
func CloseBrowser() {
	sc := &sharedChromium
	if sc.cancel != nil {
		sc.cancel()
	}
	if sc.dir != "" {
		_ = os.RemoveAll(sc.dir)
	}
}

// NewBrowser opens a tab of the shared Chromium on the app, in a browser
// context of its own (its own cookies), with its own viewport and
// JavaScript setting. Without Chromium the test is skipped on a developer's
// machine and fails in CI (CI=true).
func (a *App) NewBrowser(o BrowserOptions) *Browser {
	a.T.Helper()
	return a.NewBrowserFor(a.T, o)
}

// NewBrowserFor is NewBrowser for a subtest that shares the app: the tab
// belongs to t and closes with it.
func (a *App) NewBrowserFor(t testing.TB, o BrowserOptions) *Browser {
	t.Helper()
	path := chromiumPath()
	if path == "" {
		if os.Getenv("CI") == "true" {
			t.Fatal("Chromium is required in CI: install the chromium package")
		}
		t.Skip("Chromium not installed; browser tests skipped (they run in CI)")
	}
	if o.Width == 0 {
		o.Width, o.Height = 1280, 900
	}
	if o.Height == 0 {
		o.Height = 900
	}
	bctx, err := chromium(path)
	if err != nil {
		t.Fatalf("browser: %v", err)
	}
	ts := a.httpServer()
	ctx, cancelTab := chromedp.NewContext(bctx, chromedp.WithNewBrowserContext())
	// Generous: tests run in parallel on a machine that may be busy.
	if o.Timeout == 0 {
		o.Timeout = 6 * time.Minute
	}
	ctx, cancelTimeout := context.WithTimeout(ctx, o.Timeout)
	t.Cleanup(func() { cancelTimeout(); cancelTab() })
	b := &Browser{T: t, Ctx: ctx, URL: ts.URL, width: o.Width, noJS: o.NoJS}
	// Open the tab, sized as the test asks.
	b.Must(chromedp.Do(ctx, chromedp.Navigate("about:blank")))
	b.watchDocuments()
	if o.Lang != "" {
		if _, err := chromedp.Call(ctx, network.SetExtraHTTPHeaders, network.SetExtraHTTPHeadersParams{Headers: network.Headers{"Accept-Language": o.Lang}}); err != nil {
			t.Fatalf("set the browser's language: %v", err)
		}
	}
	if _, err := chromedp.Call(ctx, emulation.SetDeviceMetricsOverride, emulation.SetDeviceMetricsOverrideParams{
		Width: int64(o.Width), Height: int64(o.Height), DeviceScaleFactor: 1,
	}); err != nil {
		t.Fatalf("size the window: %v", err)
	}
	// The portal's Content-Security-Policy forbids eval, which the DevTools
	// protocol's function calls count as; the test's own calls bypass it.
	if _, err := chromedp.Call(ctx, page.SetBypassCSP, page.SetBypassCSPParams{Enabled: true}); err != nil {
		t.Fatalf("bypass CSP for the test driver: %v", err)
	}
	if o.NoJS {
		if _, err := chromedp.Call(ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true}); err != nil {
			t.Fatalf("disable JavaScript: %v", err)
		}
	}
	return b
}
