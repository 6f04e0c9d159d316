package web

import (
	"net/http"
	"net/url"

	"github.com/a-h/templ"
	"github.com/labstack/echo/v4"

	"portal/views/ui"
)

// render writes a component with the page's shell data in its context.
func (s *Server) render(c echo.Context, status int, comp templ.Component) error {
	ctx := ui.With(c.Request().Context(), s.page(c))
	c.Response().Header().Set(echo.HeaderContentType, echo.MIMETextHTMLCharsetUTF8)
	c.Response().WriteHeader(status)
	return comp.Render(ctx, c.Response())
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
