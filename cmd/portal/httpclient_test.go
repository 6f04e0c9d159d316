package main

import (
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"strings"
	"sync"
	"testing"

	"github.com/PuerkitoBio/goquery"
)

// browser is a client of real portal processes: it keeps cookies (per host,
// so one session serves every node on 127.0.0.1), does not follow
// redirects, and remembers the CSRF token of the last page it read.
type browser struct {
	hc   *http.Client
	mu   sync.Mutex
	csrf string
}

func newBrowser() *browser {
	jar, _ := cookiejar.New(nil)
	return &browser{hc: &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error {
		return http.ErrUseLastResponse
	}}}
}

// page is one answer.
type page struct {
	Status   int
	Location string
	Header   http.Header
	Body     string
	Doc      *goquery.Document
}

// Text returns the trimmed text of the first element matching sel.
func (p *page) Text(sel string) string {
	if p.Doc == nil {
		return ""
	}
	return strings.TrimSpace(p.Doc.Find(sel).First().Text())
}

func (b *browser) do(t *testing.T, req *http.Request, header ...string) *page {
	t.Helper()
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	res, err := b.hc.Do(req)
	if err != nil { // Errorf, not Fatalf: parallel calls run off the test's goroutine
		t.Errorf("%s %s: %v", req.Method, req.URL, err)
		return &page{}
	}
	defer res.Body.Close()
	body, _ := io.ReadAll(res.Body)
	p := &page{Status: res.StatusCode, Location: res.Header.Get("Location"), Header: res.Header, Body: string(body)}
	if strings.Contains(res.Header.Get("Content-Type"), "html") {
		p.Doc, _ = goquery.NewDocumentFromReader(strings.NewReader(p.Body))
		if tok, ok := p.Doc.Find(`meta[name="csrf-token"]`).Attr("content"); ok && tok != "" {
			b.mu.Lock()
			b.csrf = tok
			b.mu.Unlock()
		}
	}
	return p
}

// get requests url.
func (b *browser) get(t *testing.T, url string, header ...string) *page {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, url, nil)
	if err != nil {
		t.Fatal(err)
	}
	return b.do(t, req, header...)
}

// post sends form to url with the current CSRF token.
func (b *browser) post(t *testing.T, target string, form url.Values) *page {
	t.Helper()
	if form == nil {
		form = url.Values{}
	}
	if _, ok := form["_csrf"]; !ok {
		b.mu.Lock()
		form.Set("_csrf", b.csrf)
		b.mu.Unlock()
	}
	req, err := http.NewRequest(http.MethodPost, target, strings.NewReader(form.Encode()))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	return b.do(t, req)
}

// login signs in on node at base and fails the test unless it works.
func (b *browser) login(t *testing.T, base, email, password string) {
	t.Helper()
	b.get(t, base+"/login")
	if r := b.post(t, base+"/login", url.Values{"email": {email}, "password": {password}}); r.Status != http.StatusSeeOther {
		t.Fatalf("sign in as %s on %s: %d", email, base, r.Status)
	}
	b.get(t, base+"/") // the new session's CSRF token
}

// token returns the current CSRF token.
func (b *browser) token() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.csrf
}

// parallel runs n calls of f at once and waits for them.
func parallel(n int, f func(i int)) {
	var wg sync.WaitGroup
	start := make(chan struct{})
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			f(i)
		}()
	}
	close(start)
	wg.Wait()
}
