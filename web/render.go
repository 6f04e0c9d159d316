package web

import (
	"bytes"
	"net/http"
	"net/url"
	"strconv"
	"sync"

	"github.com/a-h/templ"
	lru "github.com/hashicorp/golang-lru/v2"
	"github.com/labstack/echo/v4"

	"portal/views/ui"
)

// render writes a component with the page's shell data in its context.
// The page is rendered whole into a pooled buffer first and sent in one
// write with its length: a page of 20–40 KB written as it renders took a
// system call per 4 KB, and a render that fails half-way now answers with
// the error page instead of half a page.
func (s *Server) render(c echo.Context, status int, comp templ.Component) error {
	ctx := ui.With(c.Request().Context(), s.page(c))
	buf := pageBuffers.Get().(*bytes.Buffer)
	defer releasePageBuffer(buf)
	if err := comp.Render(ctx, buf); err != nil {
		return err
	}
	h := c.Response().Header()
	h.Set(echo.HeaderContentType, echo.MIMETextHTMLCharsetUTF8)
	h.Set(echo.HeaderContentLength, strconv.Itoa(buf.Len()))
	c.Response().WriteHeader(status)
	_, err := c.Response().Write(buf.Bytes())
	return err
}

// pageBuffers holds render buffers between requests.
var pageBuffers = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// maxPooledPage is the largest buffer kept for reuse: a rare huge page does
// not keep its memory afterwards.
const maxPooledPage = 1 << 20

func releasePageBuffer(b *bytes.Buffer) {
	if b.Cap() > maxPooledPage {
		return
	}
	b.Reset()
	pageBuffers.Put(b)
}

// page gathers the shell data of a request.
func (s *Server) page(c echo.Context) *ui.Page {
	p := &ui.Page{
		L:    localizerOf(c),
		CSRF: s.session(c).csrfToken(),
		Path: c.Request().URL.Path,
		Demo: s.demo,
	}
	if s.demo {
		p.DemoDate = s.clock.Now()
	}
	if v := viewerOf(c); v != nil {
		p.UserName, p.UserEmail, p.PartnerName, p.Roles = v.User.Name, v.User.Email, v.Partner.Name, v.Roles
		p.Flash = s.takeFlash(c)
	}
	return p
}

// redirect answers a successful POST with 303 to target and a flash message.
func (s *Server) redirect(c echo.Context, target, flashKey string) error {
	if flashKey != "" {
		s.setFlash(c, flashKey)
	}
	if c.Request().Header.Get("HX-Request") == "true" {
		c.Response().Header().Set("HX-Redirect", target)
		return c.NoContent(http.StatusNoContent)
	}
	return c.Redirect(http.StatusSeeOther, target)
}

// withQuery returns path with q's values, dropping empty ones.
func withQuery(path string, q url.Values) string {
	clean := url.Values{}
	for k, vs := range q {
		for _, v := range vs {
			if v != "" {
				clean.Add(k, v)
			}
		}
	}
	if len(clean) == 0 {
		return path
	}
	return path + "?" + clean.Encode()
}

// newLRU returns an empty cache of at most size values, the least recently
// used going first: rows as written (ui.KeptForms), pages kept.
func newLRU[K comparable, V any](size int) *lru.Cache[K, V] {
	c, err := lru.New[K, V](size)
	if err != nil {
		panic(err) // only for a size below 1
	}
	return c
}
