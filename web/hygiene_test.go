package web_test

import (
	"bytes"
	"crypto/tls"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"portal/internal/support"
	"portal/web"
	"portal/web/webtest"
)

// countingReader counts the bytes a handler reads from a request body.
type countingReader struct {
	mu sync.Mutex
	r  io.Reader
	n  int
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.mu.Lock()
	c.n += n
	c.mu.Unlock()
	return n, err
}

func (c *countingReader) read() int { c.mu.Lock(); defer c.mu.Unlock(); return c.n }

// withConfig is app behind a server built with change applied to its
// configuration.
func withConfig(t *testing.T, app *webtest.App, change func(*web.Config)) *webtest.App {
	t.Helper()
	key := make([]byte, 64)
	for i := range key {
		key[i] = byte(i + 1)
	}
	cfg := web.Config{DB: app.DB, Clock: app.Clock, Bundle: app.Bundle, SessionKey: key, Demo: true, BaseURL: "http://portal.test",
		Logger: slog.New(slog.NewTextHandler(io.Discard, nil)), BcryptCost: 4}
	change(&cfg)
	srv, err := web.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	other := *app
	other.Server = srv
	return &other
}

// AUTH-13: a 1 MB multipart POST to the anonymous sign-in page answers 413
// before a byte of it is read, the CSRF check included; a body that does not
// say its length is cut off at 64 KB; a signed-in form over 64 KB is a 413
// and changes nothing.
func TestBodyLimit_AUTH13(t *testing.T) {
	t.Parallel()
	app := webtest.New(t)
	anon := app.Client()
	body := &countingReader{r: bytes.NewReader(bytes.Repeat([]byte("x"), 1<<20))}
	req := httptest.NewRequest(http.MethodPost, "http://portal.test/login", body)
	req.Header.Set("Content-Type", "multipart/form-data; boundary=zzz")
	req.ContentLength = 1 << 20
	anon.Do(req).Expect(t, http.StatusRequestEntityTooLarge)
	if body.read() != 0 {
		t.Fatalf("%d bytes read before the refusal", body.read())
	}

	form := "email=a%40b.example&password=" + strings.Repeat("p", 100<<10)
	req = httptest.NewRequest(http.MethodPost, "http://portal.test/login", strings.NewReader(form))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.ContentLength = -1 // chunked: the length is not known in advance
	anon.Do(req).Expect(t, http.StatusRequestEntityTooLarge)

	c := app.SignedIn("sales@contoso.example")
	before := quantityOf(t, app, subAdatumE3)
	r := c.Post(subPath(subAdatumE3, "quantity"), url.Values{"quantity": {"30"}, "pad": {strings.Repeat("x", 70<<10)}})
	r.Expect(t, http.StatusRequestEntityTooLarge)
	if r.Text("h1") != "The request is too large" {
		t.Fatalf("413 page %q", r.Text("h1"))
	}
	if quantityOf(t, app, subAdatumE3) != before {
		t.Fatal("the quantity changed")
	}
	// A form under the limit goes through.
	c.Post(subPath(subAdatumE3, "quantity"), url.Values{"quantity": {"30"}, "pad": {strings.Repeat("x", 30<<10)}}).Expect(t, http.StatusSeeOther)
}

// AUTH-13: a multipart body on a route that takes no upload is refused with
// 415 before it is read, anonymous or signed in; the upload route takes it.
func TestMultipartRefused_AUTH13(t *testing.T) {
	t.Parallel()
	app := webtest.New(t)
	c := app.SignedIn("globaladmin@contoso.example")
	for _, tc := range []struct {
		client *webtest.Client
		path   string
	}{{app.Client(), "/login"}, {app.Client(), "/language"}, {c, "/customers"}, {c, subPath(subAdatumE3, "quantity")}} {
		body := &countingReader{r: strings.NewReader("--zzz\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nb\r\n--zzz--\r\n")}
		req := httptest.NewRequest(http.MethodPost, "http://portal.test"+tc.path, body)
		req.Header.Set("Content-Type", "multipart/form-data; boundary=zzz")
		req.Header.Set("X-CSRF-Token", tc.client.CSRF())
		tc.client.Do(req).Expect(t, http.StatusUnsupportedMediaType)
		if body.read() != 0 {
			t.Errorf("%s: %d bytes read before the refusal", tc.path, body.read())
		}
	}
}

func quantityOf(t *testing.T, app *webtest.App, slug string) int {
	t.Helper()
	return subLoad(t, app, slug).Quantity
}

// AUTH-13: a field sent twice where one value is expected answers 422 and
// changes nothing, whether both come in the body or one in the query; a
// checkbox list (roles) may repeat.
func TestDuplicateField_AUTH13(t *testing.T) {
	t.Parallel()
	app := webtest.New(t)
	c := app.SignedIn("sales@contoso.example")
	before := quantityOf(t, app, subAdatumE3)
	r := c.Post(subPath(subAdatumE3, "quantity"), url.Values{"quantity": {"7", "-7"}}).Expect(t, http.StatusUnprocessableEntity)
	if !strings.Contains(r.Text(".error-card"), "more than once") {
		t.Fatalf("422 page: %q", r.Text(".error-card"))
	}
	c.Post(subPath(subAdatumE3, "quantity")+"?quantity=-7", url.Values{"quantity": {"7"}}).Expect(t, http.StatusUnprocessableEntity)
	c.Post(subPath(subAdatumE3, "quantity"), url.Values{"quantity": {"7"}, "_csrf": {c.CSRF(), c.CSRF()}}).Expect(t, http.StatusUnprocessableEntity)
	if quantityOf(t, app, subAdatumE3) != before {
		t.Fatal("the quantity changed")
	}
	admin := app.SignedIn("globaladmin@contoso.example")
	f := userForm()
	f["name"] = []string{"Nora", "Eve"}
	admin.Post("/users", f).Expect(t, http.StatusUnprocessableEntity)
	admin.Post("/users", userForm()).Expect(t, http.StatusSeeOther) // two roles
}

// AUTH-13: text that is not valid UTF-8 answers 422 and changes nothing:
// the support form explains the field instead of stripping the bytes;
// other forms are refused as a whole.
func TestNotUTF8_AUTH13(t *testing.T) {
	t.Parallel()
	app := webtest.New(t)
	c := app.SignedIn("globaladmin@contoso.example")
	var n0 int64
	app.DB.Model(&support.Request{}).Count(&n0)
	r := c.Post("/support", url.Values{"problem": {"billing"}, "severity": {"minimal"}, "title": {"Invoice \xff\xfe question"},
		"description": {"Why?"}, "contact_name": {"Ann"}, "contact_email": {"ann@contoso.example"}}).Expect(t, http.StatusUnprocessableEntity)
	if r.Text("#title-error") == "" {
		t.Fatal("the title is not explained")
	}
	var n1 int64
	app.DB.Model(&support.Request{}).Count(&n1)
	if n1 != n0 {
		t.Fatal("a request was saved")
	}
	sales := app.SignedIn("sales@contoso.example")
	before := quantityOf(t, app, subAdatumE3)
	sales.Post(subPath(subAdatumE3, "quantity"), url.Values{"quantity": {"3\xff"}}).Expect(t, http.StatusUnprocessableEntity)
	sales.Post("/language", url.Values{"lang": {"f\xffr"}}).Expect(t, http.StatusUnprocessableEntity)
	if quantityOf(t, app, subAdatumE3) != before {
		t.Fatal("the quantity changed")
	}
}

// AUTH-13: every signed-in answer and every CSV says Cache-Control: no-store.
func TestNoStore_AUTH13(t *testing.T) {
	t.Parallel()
	app := webtest.New(t)
	c := app.SignedIn("globaladmin@contoso.example")
	for _, path := range []string{"/", "/customers", "/customers.csv", "/activity.csv", "/users", "/no-such-page", "/support/new"} {
		if got := c.Get(path).Header.Get("Cache-Control"); got != "no-store" {
			t.Errorf("%s: Cache-Control %q", path, got)
		}
	}
	anon := app.Client()
	if got := anon.Get("/customers.csv").Header.Get("Cache-Control"); got != "no-store" {
		t.Errorf("anonymous CSV: Cache-Control %q", got)
	}
}

// AUTH-13: HSTS is sent when the request came over TLS or the public
// address is https, and not over plain HTTP.
func TestHSTS_AUTH13(t *testing.T) {
	t.Parallel()
	app := webtest.New(t)
	anon := app.Client()
	if got := anon.Get("/login").Header.Get("Strict-Transport-Security"); got != "" {
		t.Fatalf("HSTS over plain HTTP: %q", got)
	}
	req := httptest.NewRequest(http.MethodGet, "https://portal.test/login", nil)
	req.TLS = &tls.ConnectionState{}
	if got := anon.Do(req).Header.Get("Strict-Transport-Security"); !strings.Contains(got, "max-age=") {
		t.Fatalf("HSTS over TLS: %q", got)
	}
	proxied := withConfig(t, app, func(c *web.Config) { c.BaseURL = "https://portal.example.com" })
	if got := proxied.Client().Get("/login").Header.Get("Strict-Transport-Security"); !strings.Contains(got, "max-age=") {
		t.Fatalf("HSTS behind a TLS proxy: %q", got)
	}
}

// AUTH-13: absolute links (download links, invitations) are built from the
// configured public address, whatever Host header the request carries.
func TestAbsoluteLinksIgnoreHost_AUTH13(t *testing.T) {
	t.Parallel()
	app := withConfig(t, webtest.New(t), func(c *web.Config) { c.BaseURL = "https://portal.example.com" })
	agent := app.SignedIn("adminagent@contoso.example")
	req := httptest.NewRequest(http.MethodPost, "http://evil.example/software/"+swWindowsServer+"/keys",
		strings.NewReader(offerChoice(t, app, swWindowsServer).Encode()+"&_csrf="+url.QueryEscape(agent.CSRF())))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Host = "evil.example"
	agent.Do(req).Expect(t, http.StatusSeeOther)
	req = httptest.NewRequest(http.MethodGet, "http://evil.example/software/"+swWindowsServer, nil)
	req.Host = "evil.example"
	page := agent.Do(req).Expect(t, http.StatusOK)
	link, _ := page.Doc.Find("#download-link").Attr("value")
	if !strings.HasPrefix(link, "https://portal.example.com/downloads/") || strings.Contains(page.Body, "evil.example") {
		t.Fatalf("download link %q", link)
	}

	sales := app.SignedIn("sales@contoso.example")
	id := createCustomer(t, sales)
	req = httptest.NewRequest(http.MethodPost, "http://evil.example/customers/"+id+"/relationship", strings.NewReader("_csrf="+url.QueryEscape(sales.CSRF())))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Host = "evil.example"
	sales.Do(req).Expect(t, http.StatusSeeOther)
	req = httptest.NewRequest(http.MethodGet, "http://evil.example/customers/"+id+"/account", nil)
	req.Host = "evil.example"
	page = sales.Do(req).Expect(t, http.StatusOK)
	link, _ = page.Doc.Find("#invitation-link").Attr("value")
	if !strings.HasPrefix(link, "https://portal.example.com/invitations/") || strings.Contains(page.Body, "evil.example") {
		t.Fatalf("invitation link %q", link)
	}
}

// createCustomer creates the form's customer and returns its ID.
func createCustomer(t *testing.T, c *webtest.Client) string {
	t.Helper()
	r := c.Post("/customers", createForm()).Expect(t, http.StatusSeeOther)
	return strings.TrimPrefix(r.Location, "/customers/")
}

// AUTH-13: download and invitation tokens never appear in the request log.
func TestTokensNotLogged_AUTH13(t *testing.T) {
	t.Parallel()
	var logs syncBuffer
	app := withConfig(t, webtest.New(t), func(c *web.Config) {
		c.Logger = slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	})
	agent := app.SignedIn("adminagent@contoso.example")
	_, linkPath := getKeys(t, app, agent, swWindowsServer)
	anon := app.Client()
	anon.Get(linkPath).Expect(t, http.StatusOK)
	anon.Get("/invitations/some-secret-token").Expect(t, http.StatusNotFound)
	anon.Get("/password-reset/another-secret-token")
	token := strings.TrimPrefix(linkPath, "/downloads/")
	out := logs.String()
	for _, secret := range []string{token, "some-secret-token", "another-secret-token"} {
		if strings.Contains(out, secret) {
			t.Errorf("token %q logged", secret)
		}
	}
	if !strings.Contains(out, "/downloads/REDACTED") || !strings.Contains(out, "/invitations/REDACTED") {
		t.Fatalf("the redacted paths are not logged:\n%s", out)
	}
}

// AUTH-13: an invitation link is shown once (only its hash is stored), the
// account tab then offers a new link, and a link not accepted within 30
// days answers a 410 page.
func TestInvitationLink_AUTH13(t *testing.T) {
	t.Parallel()
	app := webtest.New(t)
	sales := app.SignedIn("sales@contoso.example")
	id := createCustomer(t, sales)
	sales.Post("/customers/"+id+"/relationship", nil).Expect(t, http.StatusSeeOther)
	account := "/customers/" + id + "/account"
	link, _ := sales.Get(account).Doc.Find("#invitation-link").Attr("value")
	path := strings.TrimPrefix(link, "http://portal.test")
	if !strings.HasPrefix(path, "/invitations/") {
		t.Fatalf("link %q", link)
	}
	page := sales.Get(account).Expect(t, http.StatusOK)
	if page.Count("#invitation-link") != 0 || page.Count("#new-invitation") != 1 || page.Text("#invitation-pending") == "" {
		t.Fatal("the link is shown again, or no new link is offered")
	}
	anon := app.Client()
	anon.Get(path).Expect(t, http.StatusOK)
	app.Clock.Advance(30 * 24 * time.Hour)
	r := anon.Get(path).Expect(t, http.StatusGone)
	if !strings.Contains(r.Text(".error-card"), "30 days") {
		t.Fatalf("410 page %q", r.Text(".error-card"))
	}
	anon.Post(path, nil).Expect(t, http.StatusGone)
	if app.SignedIn("sales@contoso.example").Get(account).Count("#request-relationship") != 1 {
		t.Fatal("no new request offered after expiry")
	}
}

// AUTH-13: an uploaded file name loses its bidirectional controls where it
// is stored, shown and sent back; a field sent twice in the multipart
// support form is refused too.
func TestFileNameBidi_AUTH13(t *testing.T) {
	t.Parallel()
	app := webtest.New(t)
	c := app.SignedIn("adminagent@contoso.example")
	r := postMultipart(t, c, requestForm(nil), []upload{{name: "inv\u202egpj.txt", data: []byte("plain text\n")}}).Expect(t, http.StatusSeeOther)
	page := c.Get(r.Location).Expect(t, http.StatusOK)
	if strings.ContainsRune(page.Body, '\u202e') || !strings.Contains(page.Body, "invgpj.txt") {
		t.Fatal("the file name keeps its bidi control")
	}
	href, ok := page.Doc.Find(`a[href*="/attachments/"]`).Attr("href")
	if !ok {
		t.Fatal("no attachment link")
	}
	got := c.Get(href).Expect(t, http.StatusOK)
	if cd := got.Header.Get("Content-Disposition"); strings.Contains(cd, "%E2%80%AE") || strings.ContainsRune(cd, '\u202e') || !strings.Contains(cd, "invgpj.txt") {
		t.Fatalf("Content-Disposition %q", cd)
	}
	var n0 int64
	app.DB.Model(&support.Request{}).Count(&n0)
	postMultipart(t, c, requestForm(url.Values{"title": {"One", "Two"}}), nil).Expect(t, http.StatusUnprocessableEntity)
	var n1 int64
	app.DB.Model(&support.Request{}).Count(&n1)
	if n1 != n0 {
		t.Fatal("a request was saved")
	}
}
