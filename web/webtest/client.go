package webtest

import (
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"portal/internal/demo"
)

// Client is a browser-like client of an App: it keeps cookies, does not
// follow redirects, and fills in the CSRF token of the last page it read.
type Client struct {
	app  *App
	jar  *cookiejar.Jar
	csrf string
	// Lang is sent as Accept-Language when set.
	Lang string
	// Addr is the client's address (host:port) when set; otherwise
	// httptest's 192.0.2.1:1234.
	Addr string
}

// Response is one answer, with its body read and parsed.
type Response struct {
	Status   int
	Header   http.Header
	Body     string
	Doc      *goquery.Document
	Location string
}

// Client returns a new anonymous client.
func (a *App) Client() *Client {
	jar, _ := cookiejar.New(nil)
	return &Client{app: a, jar: jar}
}

// SignedIn returns a client signed in as email with the demo password.
func (a *App) SignedIn(email string) *Client {
	c := a.Client()
	c.Login(email, demo.Password)
	return c
}

var base, _ = url.Parse("http://portal.test/")

// Do sends a request through the app's router.
func (c *Client) Do(req *http.Request) *Response {
	t := c.app.T
	t.Helper()
	for _, ck := range c.jar.Cookies(base) {
		req.AddCookie(ck)
	}
	if c.Lang != "" {
		req.Header.Set("Accept-Language", c.Lang)
	}
	if c.Addr != "" {
		req.RemoteAddr = c.Addr
	}
	rec := httptest.NewRecorder()
	c.app.Server.ServeHTTP(rec, req)
	res := rec.Result()
	c.jar.SetCookies(base, res.Cookies())
	body, _ := io.ReadAll(res.Body)
	r := &Response{Status: res.StatusCode, Header: res.Header, Body: string(body), Location: res.Header.Get("Location")}
	if strings.Contains(res.Header.Get("Content-Type"), "html") {
		r.Doc, _ = goquery.NewDocumentFromReader(strings.NewReader(r.Body))
		if tok, ok := r.Doc.Find(`meta[name="csrf-token"]`).Attr("content"); ok && tok != "" {
			c.csrf = tok
		}
	}
	return r
}

// Get requests path.
func (c *Client) Get(path string) *Response {
	c.app.T.Helper()
	return c.Do(httptest.NewRequest(http.MethodGet, base.ResolveReference(mustURL(path)).String(), nil))
}

// Post sends a form to path with the current CSRF token (unless the form
// has its own _csrf).
func (c *Client) Post(path string, form url.Values) *Response {
	c.app.T.Helper()
	if form == nil {
		form = url.Values{}
	}
	if _, ok := form["_csrf"]; !ok {
		if c.csrf == "" {
			c.Get("/login")
		}
		form.Set("_csrf", c.csrf)
	}
	req := httptest.NewRequest(http.MethodPost, base.ResolveReference(mustURL(path)).String(), strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	return c.Do(req)
}

// CSRF returns the client's current CSRF token, fetching a page if needed.
func (c *Client) CSRF() string {
	if c.csrf == "" {
		c.Get("/login")
	}
	return c.csrf
}

// Login signs in and fails the test unless it succeeds.
func (c *Client) Login(email, password string) {
	t := c.app.T
	t.Helper()
	c.Get("/login")
	r := c.Post("/login", url.Values{"email": {email}, "password": {password}})
	if r.Status != http.StatusSeeOther {
		t.Fatalf("sign in as %s: status %d", email, r.Status)
	}
	c.Get("/") // refresh the CSRF token of the new session
}

func mustURL(p string) *url.URL {
	u, err := url.Parse(p)
	if err != nil {
		panic(err)
	}
	return u
}

// Text returns the trimmed text of the first element matching sel.
func (r *Response) Text(sel string) string {
	if r.Doc == nil {
		return ""
	}
	return strings.TrimSpace(r.Doc.Find(sel).First().Text())
}

// Count returns how many elements match sel.
func (r *Response) Count(sel string) int {
	if r.Doc == nil {
		return 0
	}
	return r.Doc.Find(sel).Length()
}

// Expect fails the test unless the status is want.
func (r *Response) Expect(t testing.TB, want int) *Response {
	t.Helper()
	if r.Status != want {
		body := r.Body
		if len(body) > 600 {
			body = body[:600]
		}
		t.Fatalf("status %d, want %d (location %q)\n%s", r.Status, want, r.Location, body)
	}
	return r
}

// Cookie returns the value of the client's cookie name ("" when none).
func (c *Client) Cookie(name string) string {
	for _, ck := range c.jar.Cookies(base) {
		if ck.Name == name {
			return ck.Value
		}
	}
	return ""
}

// SetCookie replaces the client's cookie name, as a stolen copy would be.
func (c *Client) SetCookie(name, value string) {
	c.jar.SetCookies(base, []*http.Cookie{{Name: name, Value: value, Path: "/"}})
}
