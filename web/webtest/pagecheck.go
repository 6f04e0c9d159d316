package webtest

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"regexp"
	"strings"
	"sync"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
)

// The checks every page a browser test visits goes through (UX-1, UX-2):
// axe-core in the page, the page's HTML kept for the Nu HTML Checker (run
// once for the whole package by CheckCollectedHTML, since Java starts
// slowly), and at phone width no sideways scrolling. A browser test package
// turns them on in its TestMain with EnablePageChecks.
var pageChecks struct {
	mu      sync.Mutex
	on      bool
	axe     string          // axe-core's source
	dir     string          // where the pages' HTML is saved for the checker
	axeSeen map[string]bool // pages axe has checked: path pattern, language, width
	html    map[string]string
	files   []checkedFile
}

type checkedFile struct{ path, page string }

// PhoneWidth is the narrow screen every page must fit without sideways
// scrolling (UX-2).
const PhoneWidth = 390

// EnablePageChecks turns on the page checks for the browser tests of this
// test binary; axeJS is axe-core's source (axe.min.js).
func EnablePageChecks(axeJS string) error {
	dir, err := os.MkdirTemp("", "portal-pages-")
	if err != nil {
		return err
	}
	pc := &pageChecks
	pc.mu.Lock()
	defer pc.mu.Unlock()
	pc.on, pc.axe, pc.dir = true, axeJS, dir
	pc.axeSeen, pc.html = map[string]bool{}, map[string]string{}
	return nil
}

var uuidRE = regexp.MustCompile(`[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}`)

// pagePattern names a page without its IDs, so each page is checked once per
// language rather than once per test.
func pagePattern(path string) string { return uuidRE.ReplaceAllString(path, "{id}") }

// watchDocuments remembers the request of each HTML document the tab loads,
// so its HTML can be read as the server sent it.
func (b *Browser) watchDocuments() {
	_ = chromedp.Listen(b.Ctx, func(ev any) {
		if e, ok := ev.(*network.EventResponseReceived); ok && e.Type == network.ResourceTypeDocument {
			b.docMu.Lock()
			b.docReq = e.RequestID
			b.docMu.Unlock()
		}
	})
}

// pageState is what the checks read from the page in one call.
type pageState struct {
	Path        string `json:"path"`
	Lang        string `json:"lang"`
	ScrollWidth int    `json:"scrollWidth"`
	Wide        string `json:"wide"`
	Title       string `json:"title"`
}

const pageStateJS = `(function(){
  var w = document.documentElement.clientWidth, wide = [];
  if (document.documentElement.scrollWidth > w) {
    var clipped = function(e){ for (var a = e.parentElement; a && a !== document.body; a = a.parentElement) { var o = getComputedStyle(a).overflowX; if (o !== 'visible') return true; } return false; };
    document.querySelectorAll('body *').forEach(function(e){
      var r = e.getBoundingClientRect(), p = e.parentElement.getBoundingClientRect();
      if (r.right > w + 1 && p.right <= w + 1 && wide.length < 5 && !clipped(e)) wide.push(e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (typeof e.className === 'string' && e.className ? '.' + e.className.trim().replace(/\s+/g, '.') : '') + ' ' + Math.round(r.right) + 'px');
    });
  }
  return {path: location.pathname + location.search, lang: document.documentElement.lang,
    scrollWidth: document.documentElement.scrollWidth, wide: wide.join(', '),
    title: (document.querySelector('h1') || {}).textContent || ''};
})()`

// axeRunJS runs axe-core with its default rules (WCAG 2.x A and AA and best
// practices) and label-content-name-mismatch (a WCAG 2.1 rule axe counts as
// experimental), and returns its violations, one line each.
const axeRunJS = `(function(){
  var rules = {'label-content-name-mismatch': {enabled: true}};
  return axe.run(document, {rules: rules, resultTypes: ['violations']}).then(function(res){
    return res.violations.map(function(v){
      return v.id + ': ' + v.help + ' — ' + v.nodes.slice(0, 3).map(function(n){ return n.target.join(' ') + ' ' + (n.failureSummary || '').replace(/\s+/g, ' ').slice(0, 200); }).join(' | ');
    });
  });
})()`

// checkPage runs the page checks on the page the tab shows now.
func (b *Browser) checkPage() {
	b.T.Helper()
	pc := &pageChecks
	pc.mu.Lock()
	on := pc.on
	pc.mu.Unlock()
	if !on {
		return
	}
	st, err := chromedp.Run(b.Ctx, chromedp.Evaluate[pageState](pageStateJS))
	b.Must(err)
	if b.width <= PhoneWidth && st.ScrollWidth > b.width {
		b.T.Errorf("UX-2: %s (%s) is %d px wide at a %d-px screen; too wide: %s", st.Path, st.Lang, st.ScrollWidth, b.width, st.Wide)
	}
	pattern := pagePattern(st.Path)
	// axe-core runs once per page and language: its rules read the page's
	// markup, names and colours, which do not change with the width.
	axeKey := fmt.Sprintf("%s|%s|%s", pattern, st.Lang, strings.TrimSpace(st.Title))
	pc.mu.Lock()
	seen := pc.axeSeen[axeKey]
	pc.axeSeen[axeKey] = true
	axeJS := pc.axe
	pc.mu.Unlock()
	if !seen {
		b.runAxe(axeJS, st)
	}
	b.keepHTML(pattern, st)
}

// runAxe injects axe-core and fails the test on any violation (UX-1).
func (b *Browser) runAxe(axeJS string, st pageState) {
	b.T.Helper()
	if b.noJS {
		// axe-core needs timers; the page's own scripts stay off (they did not
		// run when it loaded).
		b.setScripts(true)
		defer b.setScripts(false)
	}
	loaded, err := chromedp.Run(b.Ctx, chromedp.Evaluate[bool]("typeof window.axe === 'object'"))
	b.Must(err)
	if !loaded {
		if _, err := chromedp.Run(b.Ctx, chromedp.Evaluate[bool](axeJS+";\ntrue")); err != nil {
			b.T.Fatalf("UX-1: load axe-core into %s: %v", st.Path, err)
		}
	}
	violations, err := chromedp.Run(b.Ctx, chromedp.Evaluate[[]string](axeRunJS, chromedp.EvalAwaitPromise))
	b.Must(err)
	for _, v := range violations {
		b.T.Errorf("UX-1 axe-core on %s (%s, %d px): %s", st.Path, st.Lang, b.width, v)
	}
}

// keepHTML saves the HTML the server sent for the page, once per page
// pattern, language and content, for the Nu HTML Checker.
func (b *Browser) keepHTML(pattern string, st pageState) {
	b.T.Helper()
	b.docMu.Lock()
	req := b.docReq
	b.docMu.Unlock()
	var body []byte
	if req != "" {
		if res, err := chromedp.Call(b.Ctx, network.GetResponseBody, network.GetResponseBodyParams{RequestID: req}); err == nil {
			body = res.Body
		}
	}
	if len(body) == 0 { // not kept by the browser: the document as parsed
		html, err := chromedp.Run(b.Ctx, chromedp.Evaluate[string]("'<!DOCTYPE html>\\n' + document.documentElement.outerHTML"))
		b.Must(err)
		body = []byte(html)
	}
	key := pattern + "|" + st.Lang + "|" + strings.TrimSpace(st.Title)
	sum := sha256.Sum256([]byte(key))
	name := hex.EncodeToString(sum[:8]) + ".html"
	pc := &pageChecks
	pc.mu.Lock()
	defer pc.mu.Unlock()
	if _, ok := pc.html[key]; ok {
		return
	}
	path := pc.dir + string(os.PathSeparator) + name
	if err := os.WriteFile(path, body, 0o644); err != nil {
		b.T.Fatalf("keep the page's HTML: %v", err)
	}
	pc.html[key] = path
	pc.files = append(pc.files, checkedFile{path: path, page: st.Path + " (" + st.Lang + ")"})
}

// setScripts turns JavaScript on or off in the tab.
func (b *Browser) setScripts(on bool) {
	b.T.Helper()
	_, err := chromedp.Call(b.Ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: !on})
	b.Must(err)
}
