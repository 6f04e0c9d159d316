package webtest

// What a test does in the browser's tab: open, click, fill, read, sign in,
// take a screenshot.

import (
	"os"
	"path/filepath"
	"strings"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"portal/internal/demo"
)

// Must fails the test on err.
func (b *Browser) Must(err error) {
	b.T.Helper()
	if err != nil {
		b.T.Fatalf("browser: %v", err)
	}
}

// Open navigates to a path of the app and waits for its body.
func (b *Browser) Open(path string) {
	b.T.Helper()
	b.Must(chromedp.Do(b.Ctx, chromedp.Navigate(b.URL+path), chromedp.WaitReady(chromedp.CSS("body"))))
	b.checkPage()
}

// ClickAndWait clicks the element matching sel and waits for the next page
// load (a link or a form submit).
func (b *Browser) ClickAndWait(sel string) {
	b.T.Helper()
	_, err := chromedp.Run(b.Ctx, chromedp.WaitEvent(page.LoadEventFired, nil, chromedp.Click(chromedp.CSS(sel))))
	b.Must(err)
	b.Must(chromedp.Do(b.Ctx, chromedp.WaitReady(chromedp.CSS("body"))))
	b.checkPage()
}

// Fill replaces the value of the field matching sel.
func (b *Browser) Fill(sel, value string) {
	b.T.Helper()
	// SetValue refuses an empty string, so clearing goes through script.
	_, err := chromedp.Run(b.Ctx, chromedp.Evaluate[bool]("(function(){var e=document.querySelector("+jsString(sel)+"); if(!e) return false; e.value=''; return true})()"))
	b.Must(err)
	if value != "" {
		b.Must(chromedp.Do(b.Ctx, chromedp.SendKeys(chromedp.CSS(sel), value)))
	}
}

// Text returns the visible text of the first element matching sel.
func (b *Browser) Text(sel string) string {
	b.T.Helper()
	s, err := chromedp.Run(b.Ctx, chromedp.Text(chromedp.CSS(sel)))
	b.Must(err)
	return strings.TrimSpace(s)
}

// Path returns the current page's path and query.
func (b *Browser) Path() string {
	b.T.Helper()
	loc, err := chromedp.Run(b.Ctx, chromedp.Location())
	b.Must(err)
	return strings.TrimPrefix(loc, b.URL)
}

// Count returns how many elements match sel.
func (b *Browser) Count(sel string) int {
	b.T.Helper()
	n, err := chromedp.Run(b.Ctx, chromedp.Evaluate[int]("document.querySelectorAll("+jsString(sel)+").length"))
	b.Must(err)
	return n
}

// Login signs in through the form as email with the demo password.
func (b *Browser) Login(email string) {
	b.T.Helper()
	b.Open("/login")
	b.Fill("#email", email)
	b.Fill("#password", demo.Password)
	b.ClickAndWait("#sign-in")
	if strings.HasPrefix(b.Path(), "/login") {
		b.T.Fatalf("sign in as %s failed: still on %s", email, b.Path())
	}
}

// Screenshot saves the whole page as artifacts/<name>.png at the
// repository's root (a git-ignored folder), for people to look at.
func (b *Browser) Screenshot(name string) string {
	b.T.Helper()
	png, err := chromedp.Run(b.Ctx, chromedp.FullScreenshot(100))
	b.Must(err)
	dir := filepath.Join(repoRoot(), "artifacts")
	b.Must(os.MkdirAll(dir, 0o755))
	path := filepath.Join(dir, name+".png")
	b.Must(os.WriteFile(path, png, 0o644))
	return path
}

func jsString(s string) string {
	return "'" + strings.NewReplacer(`\`, `\\`, `'`, `\'`).Replace(s) + "'"
}

// repoRoot finds the folder holding go.mod, from the test's working folder.
func repoRoot() string {
	dir, _ := os.Getwd()
	for d := dir; ; d = filepath.Dir(d) {
		if _, err := os.Stat(filepath.Join(d, "go.mod")); err == nil {
			return d
		}
		if filepath.Dir(d) == d {
			return dir
		}
	}
}

// ClickAndWaitNoLoad clicks an element that changes the page without loading
// another (a <details> summary, a tab of the same page).
func (b *Browser) ClickAndWaitNoLoad(sel string) {
	b.T.Helper()
	b.Must(chromedp.Do(b.Ctx, chromedp.Click(chromedp.CSS(sel))))
}

// Select chooses value in the select matching sel.
func (b *Browser) Select(sel, value string) {
	b.T.Helper()
	b.Must(chromedp.Do(b.Ctx, chromedp.SetValue(chromedp.CSS(sel), value)))
}

// Lang returns the language of the page the tab shows (its html lang).
func (b *Browser) Lang() string {
	b.T.Helper()
	lang, err := chromedp.Run(b.Ctx, chromedp.Evaluate[string]("document.documentElement.lang"))
	b.Must(err)
	return lang
}

// Visible reports whether the first element matching sel is displayed.
func (b *Browser) Visible(sel string) bool {
	b.T.Helper()
	v, err := chromedp.Run(b.Ctx, chromedp.Evaluate[bool]("(function(){var e=document.querySelector("+jsString(sel)+"); return !!e && e.getClientRects().length > 0})()"))
	b.Must(err)
	return v
}

// Height returns the rendered height in pixels of the first element matching
// sel (one line of text, or more when it wraps).
func (b *Browser) Height(sel string) float64 {
	b.T.Helper()
	h, err := chromedp.Run(b.Ctx, chromedp.Evaluate[float64]("(function(){var e=document.querySelector("+jsString(sel)+"); return e ? e.getBoundingClientRect().height : -1})()"))
	b.Must(err)
	return h
}
